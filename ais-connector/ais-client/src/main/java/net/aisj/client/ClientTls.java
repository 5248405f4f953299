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
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS contexts the client's builder offers: trust a PEM CA bundle (AIS's {@code AIS_CLIENT_CA}) or a key store
 * file (PKCS#12 or JKS), and present a client certificate from a key store. Host names are verified by the HTTP
 * client in every case. Stateless.
 */
final class ClientTls {

    private ClientTls() {}

    /** Trusts exactly the certificates of a PEM file (a CA or a bundle). */
    static SSLContext fromPem(Path pem) {
        return context(trustedPem(pem), null);
    }

    /** Trusts the certificates of a key store file (PKCS#12 or JKS; the type is found from the file). */
    static SSLContext fromStore(Path store, char[] password) {
        return context(trustedStore(store, password), null);
    }

    /** The certificates of a PEM file (a CA or a bundle) as a trust store. */
    static KeyStore trustedPem(Path pem) {
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
            return ks;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA file " + pem + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** A trust store file (PKCS#12 or JKS; the type is found from the file). */
    static KeyStore trustedStore(Path store, char[] password) {
        try {
            return KeyStore.getInstance(store.toFile(), password);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trust store " + store + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(store + " is not a usable trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The client's certificate and key from a key store file (PKCS#12 or JKS), for servers that ask for one (AIS's
     * {@code net.http.client_auth_tls}); the key's password is the store's.
     */
    static KeyManager[] identity(Path store, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(KeyStore.getInstance(store.toFile(), password), password);
            return kmf.getKeyManagers();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key store " + store + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(store + " is not a usable key store: " + e.getMessage(), e);
        }
    }

    /** A context trusting {@code trusted} (null: the JDK's authorities) and presenting {@code identity} (or none). */
    static SSLContext context(KeyStore trusted, KeyManager[] identity) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(identity, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
