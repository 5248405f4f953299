package net.aisj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    static Path res(String name) throws URISyntaxException {
        return Path.of(PemFilesTest.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void readsEcAndRsaPkcs8KeysWithTheirCertificates() throws Exception {
        for (String n : List.of("ec", "rsa")) {
            List<X509Certificate> chain = PemFiles.certificates(res(n + ".crt"));
            PrivateKey key = PemFiles.privateKey(res(n + ".key"));
            assertThat(chain).hasSize(1);
            assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=unit-" + n);
            KeyStore ks = PemFiles.keyStore(key, chain, "pw".toCharArray());
            assertThat(ks.isKeyEntry(PemFiles.KEY_ALIAS)).isTrue();
            assertThat(ks.getCertificateChain(PemFiles.KEY_ALIAS)).hasSize(1);
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        PrivateKey rsa = PemFiles.privateKey(res("rsa.key"));
        List<X509Certificate> ec = PemFiles.certificates(res("ec.crt"));
        assertThatThrownBy(() -> PemFiles.keyStore(rsa, ec, new char[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the certificate CN=unit-ec");
    }

    @Test
    void aBundleKeepsEveryCertificateInOrder(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(res("ec.crt")) + Files.readString(res("rsa.crt")));
        List<X509Certificate> certs = PemFiles.certificates(bundle);
        assertThat(certs)
                .extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=unit-ec", "CN=unit-rsa");
        assertThat(PemFiles.trustStore(certs).size()).isEqualTo(2);
    }

    @Test
    void unusableFilesAreNamedWithWhatIsWrong(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PemFiles.privateKey(res("rsa-pkcs1.key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> PemFiles.privateKey(res("ec.crt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no PEM private key");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> PemFiles.certificates(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> PemFiles.certificates(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read");
    }
}
