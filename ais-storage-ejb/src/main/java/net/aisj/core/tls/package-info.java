/**
 * TLS key material from the PEM files AIS's settings name ({@code net.http.server_crt}, {@code server_key},
 * {@code client_ca_tls}): certificate chains, PKCS#8 private keys, and the JDK key and trust stores built from
 * them. Plain JDK: no Jakarta, no cluster.
 */
package net.aisj.core.tls;
