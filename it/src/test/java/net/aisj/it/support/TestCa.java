package net.aisj.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority made at test time with the JDK's {@code keytool}: a CA, and a server
 * certificate it signed for {@code 127.0.0.1} and {@code localhost} (subject alternative names), written as the PEM
 * files a node takes ({@link #certPem()} with the chain, {@link #keyPem()} PKCS#8, {@link #caPem()}) and as a
 * PKCS#12 trust store ({@link #trustStore()}, password {@link #STORE_PASSWORD}). The server certificate is also a
 * client certificate (extended key usage {@code clientAuth}): {@link #context()} presents it to nodes that ask for
 * one (mutual TLS). {@link #reissue()} replaces it in place, for certificate reload tests.
 */
public final class TestCa {

    public static final String STORE_PASSWORD = "it-store";

    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    /** Makes a CA and a server certificate under {@code dir} (created). */
    public static TestCa create(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCa ca = new TestCa(dir);
            ca.make();
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path certPem() {
        return dir.resolve("server.pem");
    }

    public Path keyPem() {
        return dir.resolve("server.key");
    }

    public Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /** A TLS context that trusts this CA only and presents this CA's certificate to servers that ask for one. */
    public SSLContext context() {
        return context(this);
    }

    /** A TLS context that trusts this CA only and presents no client certificate. */
    public SSLContext contextWithoutClientCertificate() {
        return context(null);
    }

    /** A TLS context that trusts this CA and presents {@code clientOf}'s certificate (null: none). */
    public SSLContext context(TestCa clientOf) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(clientOf == null ? null : clientOf.keyManagers(), trustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key managers holding the current server certificate (chain) and key, as a client certificate. */
    public javax.net.ssl.KeyManager[] keyManagers() {
        try {
            javax.net.ssl.KeyManagerFactory kmf =
                    javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeys(), STORE_PASSWORD.toCharArray());
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The current server certificate (chain) and key as a PKCS#12 file (password {@link #STORE_PASSWORD}), e.g. for
     * a client's {@code clientCertificate(..)}.
     */
    public Path clientKeyStore() {
        Path out = dir.resolve("client-" + serial().toString(16) + ".p12");
        try (var os = Files.newOutputStream(out)) {
            clientKeys().store(os, STORE_PASSWORD.toCharArray());
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore clientKeys() {
        try (InputStream in = Files.newInputStream(certPem())) {
            List<java.security.cert.Certificate> chain = new ArrayList<>(
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in));
            String pem = Files.readString(keyPem())
                    .replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                            Base64.getDecoder().decode(pem)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(
                    "client", key, STORE_PASSWORD.toCharArray(), chain.toArray(java.security.cert.Certificate[]::new));
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The serial number of the current server certificate. */
    public java.math.BigInteger serial() {
        try (InputStream in = Files.newInputStream(certPem())) {
            return ((java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(in))
                    .getSerialNumber();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the server certificate and key with new ones signed by the same CA (same names), each file written
     * whole and moved into place.
     */
    public void reissue() {
        try {
            issueServer("server-" + ItEnv.randomHex(3) + ".p12");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trust managers of {@link #context()} (for clients that take those, e.g. the AWS SDK). */
    public javax.net.ssl.TrustManager[] trustManagers() {
        try {
            KeyStore ks = KeyStore.getInstance(trustStore().toFile(), STORE_PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void make() throws IOException {
        String ks = dir.resolve("ca.p12").toString();
        String pw = STORE_PASSWORD;
        keytool(
                null,
                "-genkeypair",
                "-keystore",
                ks,
                "-storetype",
                "PKCS12",
                "-storepass",
                pw,
                "-alias",
                "ca",
                "-dname",
                "CN=aisj it CA",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-ext",
                "bc:c",
                "-validity",
                "2");
        byte[] caCert = keytool(null, "-exportcert", "-keystore", ks, "-storepass", pw, "-alias", "ca", "-rfc");
        Files.write(caPem(), caCert);
        keytool(
                null,
                "-importcert",
                "-keystore",
                trustStore().toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                pw,
                "-alias",
                "ca",
                "-file",
                caPem().toString(),
                "-noprompt");
        issueServer("server.p12");
    }

    private void issueServer(String storeName) throws IOException {
        String ks = dir.resolve("ca.p12").toString();
        String server = dir.resolve(storeName).toString();
        String pw = STORE_PASSWORD;
        keytool(
                null,
                "-genkeypair",
                "-keystore",
                server,
                "-storetype",
                "PKCS12",
                "-storepass",
                pw,
                "-alias",
                "node",
                "-dname",
                "CN=localhost",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2");
        byte[] csr = keytool(null, "-certreq", "-keystore", server, "-storepass", pw, "-alias", "node");
        byte[] signed = keytool(
                csr,
                "-gencert",
                "-keystore",
                ks,
                "-storepass",
                pw,
                "-alias",
                "ca",
                "-rfc",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-ext",
                "eku=serverAuth,clientAuth",
                "-validity",
                "2");
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        chain.write(signed);
        chain.write(Files.readAllBytes(caPem()));
        try {
            KeyStore s = KeyStore.getInstance(new java.io.File(server), pw.toCharArray());
            Key key = s.getKey("node", pw.toCharArray());
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded());
            replace(
                    keyPem(),
                    ("-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n")
                            .getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        replace(certPem(), chain.toByteArray());
    }

    private static void replace(Path file, byte[] data) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, data);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] keytool(byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream();
                InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: "
                        + new String(err, StandardCharsets.UTF_8) + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }
}
