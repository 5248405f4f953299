package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.aisj.core.tls.PemFiles;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's TLS settings, with AIS's names: {@code net.http.use_https}, {@code net.http.server_crt} (PEM certificate,
 * chain allowed), {@code net.http.server_key} (PEM PKCS#8 key) and {@code net.http.client_ca_tls} (PEM CA bundle the
 * node trusts when it calls other nodes). Each may also come as AIS's environment variable ({@code AIS_USE_HTTPS},
 * {@code AIS_SERVER_CRT}, {@code AIS_SERVER_KEY}, {@code AIS_CLIENT_CA_TLS}) or the MicroProfile mapping of its
 * name ({@code NET_HTTP_USE_HTTPS}...). {@code net.http.client_auth_tls} ({@code AIS_CLIENT_AUTH_TLS}, Go's
 * {@code tls.ClientAuthType} 0-4, default 0) asks clients for certificates; 3 and 4 verify them against
 * {@code client_ca_tls}. The files are read on first use and again by {@link #reload()}; a missing or unusable file
 * is an {@link IllegalStateException} that names it. Thread-safe.
 */
@ApplicationScoped
public class TlsSettings {

    @Inject
    @ConfigProperty(name = "net.http.use_https")
    Optional<Boolean> useHttps;

    @Inject
    @ConfigProperty(name = "net.http.server_crt")
    Optional<String> serverCrt;

    @Inject
    @ConfigProperty(name = "net.http.server_key")
    Optional<String> serverKey;

    @Inject
    @ConfigProperty(name = "net.http.client_ca_tls")
    Optional<String> clientCa;

    @Inject
    @ConfigProperty(name = "net.http.client_auth_tls")
    Optional<Integer> clientAuthTls;

    private volatile Material material;

    /** The node's key, its certificate chain, and the certificates it trusts as a client. */
    public record Material(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted) {}

    /** {@code net.http.use_https} (or {@code AIS_USE_HTTPS}); default false. */
    public boolean enabled() {
        return useHttps.orElseGet(
                () -> Boolean.parseBoolean(env("AIS_USE_HTTPS").orElse("false")));
    }

    /** {@code https} when TLS is on, else {@code http}. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /**
     * AIS's {@code net.http.client_auth_tls}: 0 no client certificate, 1 requested, 2 required (neither verified),
     * 3 verified when given, 4 required and verified (against {@code client_ca_tls}).
     *
     * @throws IllegalStateException outside 0-4, or 3/4 without {@code client_ca_tls}
     */
    public int clientAuth() {
        int v = clientAuthTls.orElseGet(() -> {
            String e = env("AIS_CLIENT_AUTH_TLS").orElse("0");
            try {
                return Integer.parseInt(e);
            } catch (NumberFormatException x) {
                throw new IllegalStateException("AIS_CLIENT_AUTH_TLS: expected 0-4, got \"" + e + "\"", x);
            }
        });
        if (v < 0 || v > 4) {
            throw new IllegalStateException("net.http.client_auth_tls: expected 0-4, got " + v);
        }
        if (v >= 3 && setting(clientCa, "AIS_CLIENT_CA_TLS").isEmpty()) {
            throw new IllegalStateException("net.http.client_auth_tls=" + v
                    + " verifies client certificates: net.http.client_ca_tls (AIS_CLIENT_CA_TLS) must name their CA");
        }
        return v;
    }

    /** The certificates client certificates are verified against ({@code client_ca_tls}); empty when unset. */
    public List<X509Certificate> clientCas() {
        return setting(clientCa, "AIS_CLIENT_CA_TLS")
                .map(p -> PemFiles.certificates(Path.of(p)))
                .orElse(List.of());
    }

    /**
     * Reads the certificate and key files again (AIS's {@code load-x509}); what is served from then on.
     *
     * @throws IllegalStateException the files are unusable (the previous material stays)
     */
    public synchronized Material reload() {
        material = load();
        return material;
    }

    /** A stamp of the certificate and key files (modification times and sizes): it changes when they do. */
    public String filesStamp() {
        StringBuilder b = new StringBuilder();
        for (Path p : List.of(
                path(serverCrt, "AIS_SERVER_CRT", "net.http.server_crt"),
                path(serverKey, "AIS_SERVER_KEY", "net.http.server_key"))) {
            try {
                b.append(java.nio.file.Files.getLastModifiedTime(p).toMillis())
                        .append('/')
                        .append(java.nio.file.Files.size(p))
                        .append(';');
            } catch (java.io.IOException e) {
                b.append("missing;");
            }
        }
        return b.toString();
    }

    /** The key material; only when {@link #enabled()}. */
    public Material material() {
        Material m = material;
        if (m == null) {
            synchronized (this) {
                if (material == null) {
                    material = load();
                }
                m = material;
            }
        }
        return m;
    }

    private Material load() {
        if (!enabled()) {
            throw new IllegalStateException("TLS is off (net.http.use_https)");
        }
        Path crt = path(serverCrt, "AIS_SERVER_CRT", "net.http.server_crt");
        Path key = path(serverKey, "AIS_SERVER_KEY", "net.http.server_key");
        try {
            List<X509Certificate> chain = PemFiles.certificates(crt);
            PrivateKey k = PemFiles.privateKey(key);
            PemFiles.keyStore(k, chain, new char[0]); // checks that the key is the certificate's
            List<X509Certificate> trusted = new ArrayList<>(chain);
            Optional<String> ca = setting(clientCa, "AIS_CLIENT_CA_TLS");
            ca.ifPresent(p -> trusted.addAll(PemFiles.certificates(Path.of(p))));
            return new Material(k, chain, List.copyOf(trusted));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TLS is on but its files are unusable: " + e.getMessage(), e);
        }
    }

    /**
     * What the node trusts when it calls another node over TLS: the CA bundle {@code net.http.client_ca_tls}, the
     * certificates of its own {@code server_crt} (so a cluster whose nodes share one certificate needs no bundle),
     * and the JDK's default authorities. Host names are verified. The node's own certificate and key are its client
     * certificate, for nodes that require one ({@link #clientAuth()}).
     */
    public SSLContext clientContext() {
        try {
            Material m = material();
            char[] pw = "ais".toCharArray();
            javax.net.ssl.KeyManagerFactory kmf =
                    javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(PemFiles.keyStore(m.key(), m.chain(), pw), pw);
            KeyStore ts = PemFiles.trustStore(m.trusted());
            TrustManagerFactory own = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            own.init(ts);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {new EitherTrust(own, jdk)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the intra-cluster TLS context: " + e.getMessage(), e);
        }
    }

    private static Path path(Optional<String> setting, String env, String name) {
        return Path.of(setting(setting, env)
                .orElseThrow(() -> new IllegalStateException(
                        "TLS is on (net.http.use_https) but " + name + " (" + env + ") is not set")));
    }

    private static Optional<String> setting(Optional<String> setting, String env) {
        return setting.map(String::trim).filter(s -> !s.isEmpty()).or(() -> env(env));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
