package net.aisj.service.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TeeInputStreamTest {

    private static final byte[] DATA = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @Test
    void storeGetsEverythingClientGetsItsRange() throws IOException {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        TeeInputStream tee =
                new TeeInputStream(new ByteArrayInputStream(DATA), client, 5, 4, md5(DATA), DATA.length, "x");
        assertThat(tee.readAllBytes()).isEqualTo(DATA);
        assertThat(client.toString(StandardCharsets.US_ASCII)).isEqualTo("5678");
        assertThat(tee.sent()).isEqualTo(4);
    }

    @Test
    void md5MismatchFailsBeforeTheLastBytesAreHandedOn() {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        TeeInputStream tee = new TeeInputStream(
                new ByteArrayInputStream(DATA),
                client,
                0,
                -1,
                "00000000000000000000000000000000",
                DATA.length,
                "aws://b/o");
        byte[] buf = new byte[DATA.length];
        assertThatThrownBy(() -> tee.read(buf, 0, buf.length))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("aws://b/o")
                .hasMessageContaining("not cached");
        assertThat(client.size()).isZero();
    }

    @Test
    void aClientThatGoesAwayDoesNotStopTheFill() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client gone");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("client gone");
            }
        };
        TeeInputStream tee = new TeeInputStream(new ByteArrayInputStream(DATA), broken, 0, -1, null, DATA.length, "x");
        assertThat(tee.readAllBytes()).isEqualTo(DATA);
        assertThat(tee.clientError()).hasMessage("client gone");
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
