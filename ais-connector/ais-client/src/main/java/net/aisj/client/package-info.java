/**
 * The Java client of the store: AIS's native API ({@code /v1}) for buckets, objects, listings and jobs, with smart
 * routing. {@link net.aisj.client.AisClient} reads the cluster map from any node, computes each object's owner with
 * the same HRW primitive the nodes use ({@code net.aisj.connector.api.hrw.Hrw}) and sends object calls straight to
 * it; a changed owner (a {@code 307}, a node that left, {@code 503}) makes it refresh the map and retry where the
 * request can be repeated. Everything streams: GETs return the response body as an {@link java.io.InputStream}, PUTs
 * send from a stream, a file or bytes. A plain jar: the JDK's HTTP client and Jackson, no Jakarta EE at run time.
 *
 * <p>Threads: an {@code AisClient} and its {@link net.aisj.client.Bucket} handles are safe to share between threads;
 * connections are pooled per node by the JDK client.
 */
package net.aisj.client;
