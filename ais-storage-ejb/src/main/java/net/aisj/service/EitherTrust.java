package net.aisj.service;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server that either of two trust managers trusts (the configured CA bundle, else the JDK's authorities).
 * Clients only: a server certificate is checked; client certificates are not (no mutual TLS). Host names are checked
 * by the HTTP client itself.
 */
final class EitherTrust implements X509TrustManager {

    private final List<X509TrustManager> managers = new ArrayList<>();

    EitherTrust(TrustManagerFactory... factories) {
        for (TrustManagerFactory f : factories) {
            for (var m : f.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    managers.add(x);
                }
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateException last = null;
        for (X509TrustManager m : managers) {
            try {
                m.checkServerTrusted(chain, authType);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw last != null ? last : new CertificateException("no trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>();
        for (X509TrustManager m : managers) {
            all.addAll(List.of(m.getAcceptedIssuers()));
        }
        return all.toArray(X509Certificate[]::new);
    }
}
