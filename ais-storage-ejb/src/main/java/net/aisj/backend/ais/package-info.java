/**
 * Remote AIS clusters as a backend ({@code ais://@alias/bucket}): {@link net.aisj.backend.ais.AisBackend} talks to
 * the other cluster's native {@code /v1} API with the JDK HTTP client, streaming; which clusters are attached, by
 * alias and URL, is the {@link net.aisj.backend.ais.RemoteAisDirectory}'s to say.
 */
package net.aisj.backend.ais;
