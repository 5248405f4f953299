package net.aisj.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTlsTest {

    static Path ca() throws Exception {
        return Path.of(ClientTlsTest.class.getResource("/tls/ca.crt").toURI());
    }

    @Test
    void aPemCaAndATrustStoreBothGiveAContext(@TempDir Path dir) throws Exception {
        assertThat(ClientTls.fromPem(ca()).getProtocol()).isEqualTo("TLS");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(ca())) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path store = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "pw".toCharArray());
        }
        assertThat(ClientTls.fromStore(store, "pw".toCharArray()).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void unusableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("nothing.pem"), "no certificate here\n");
        assertThatThrownBy(() -> ClientTls.fromPem(notPem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing.pem");
        assertThatThrownBy(() -> ClientTls.fromPem(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the CA file");
        assertThatThrownBy(() -> ClientTls.fromStore(ca(), "pw".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ca.crt");
    }
}
