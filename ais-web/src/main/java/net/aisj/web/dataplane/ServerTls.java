package net.aisj.web.dataplane;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import net.aisj.service.TlsSettings;

/**
 * The data plane's server TLS: the node's PEM certificate and key, and client certificates as
 * {@code net.http.client_auth_tls} asks (AIS's Go values: 1 requested, 2 required, neither verified; 3 verified when
 * given, 4 required and verified against {@code client_ca_tls}). The files are read again when they change (checked
 * at most every {@value #CHECK_MS} ms, when a connection arrives) or on {@link #reload()} (AIS's {@code load-x509});
 * connections already open keep their session. Thread-safe.
 */
final class ServerTls {

    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());
    static final long CHECK_MS = 2000;

    private final TlsSettings tls;
    private volatile SslContext current;
    private volatile String stamp;
    private volatile long checkedAt;

    ServerTls(TlsSettings tls) {
        this.tls = tls;
        this.stamp = tls.filesStamp();
        this.current = build(tls.material());
        this.checkedAt = System.currentTimeMillis();
        int mode = tls.clientAuth();
        if (mode > 0) {
            LOG.info(() -> "data plane: client certificates "
                    + switch (mode) {
                        case 1 -> "requested (not verified)";
                        case 2 -> "required (not verified)";
                        case 3 -> "verified when given (client_ca_tls)";
                        default -> "required and verified (client_ca_tls)";
                    });
        }
    }

    /** The context for a new connection, read again first if the files changed since the last check. */
    SslContext current() {
        long now = System.currentTimeMillis();
        if (now - checkedAt >= CHECK_MS) {
            checkedAt = now;
            String s = tls.filesStamp();
            if (!s.equals(stamp)) {
                try {
                    reload();
                } catch (IllegalStateException e) {
                    stamp = s; // do not retry every connection: the next change is tried again
                    LOG.warning("TLS certificate files changed but cannot be loaded (still serving the previous"
                            + " certificate): " + e.getMessage());
                }
            }
        }
        return current;
    }

    /**
     * Reads the certificate and key again and serves them to new connections.
     *
     * @return the new certificate's subject, serial number and validity
     * @throws IllegalStateException the files are unusable (the previous certificate stays)
     */
    synchronized String reload() {
        String s = tls.filesStamp();
        TlsSettings.Material m = tls.reload();
        current = build(m);
        stamp = s;
        X509Certificate c = m.chain().get(0);
        String what = c.getSubjectX500Principal().getName() + ", serial "
                + c.getSerialNumber().toString(16) + ", valid "
                + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant();
        LOG.info(() -> "TLS certificate loaded: " + what);
        return what;
    }

    private SslContext build(TlsSettings.Material m) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(m.key(), m.chain().toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK);
            switch (tls.clientAuth()) {
                case 1 -> b.clientAuth(ClientAuth.OPTIONAL).trustManager(InsecureTrustManagerFactory.INSTANCE);
                case 2 -> b.clientAuth(ClientAuth.REQUIRE).trustManager(InsecureTrustManagerFactory.INSTANCE);
                case 3 -> b.clientAuth(ClientAuth.OPTIONAL).trustManager(tls.clientCas());
                case 4 -> b.clientAuth(ClientAuth.REQUIRE).trustManager(tls.clientCas());
                default -> b.clientAuth(ClientAuth.NONE);
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("data plane: unusable TLS key or certificate: " + e.getMessage(), e);
        }
    }
}
