package net.aisj.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS contexts the client's builder offers: trust a PEM CA bundle (AIS's {@code AIS_CLIENT_CA}) or a key store
 * file (PKCS#12 or JKS). Host names are verified by the HTTP client in every case. Stateless.
 */
final class ClientTls {

    private ClientTls() {}

    /** Trusts exactly the certificates of a PEM file (a CA or a bundle). */
    static SSLContext fromPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(pem + " holds no PEM certificate");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            return context(ks);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA file " + pem + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** Trusts the certificates of a key store file (PKCS#12 or JKS; the type is found from the file). */
    static SSLContext fromStore(Path store, char[] password) {
        try {
            return context(KeyStore.getInstance(store.toFile(), password));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trust store " + store + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(store + " is not a usable trust store: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
