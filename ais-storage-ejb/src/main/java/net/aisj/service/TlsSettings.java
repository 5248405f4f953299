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
 * name ({@code NET_HTTP_USE_HTTPS}...). The files are read once, on first use; a missing or unusable file is an
 * {@link IllegalStateException} that names it. Thread-safe.
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
     * and the JDK's default authorities. Host names are verified.
     */
    public SSLContext clientContext() {
        try {
            KeyStore ts = PemFiles.trustStore(material().trusted());
            TrustManagerFactory own = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            own.init(ts);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new EitherTrust(own, jdk)}, null);
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
