package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import net.aisj.it.support.PseudoRandomInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A signed, chunk-signed PUT and a GET of an object larger than the node's heap ({@code -Xmx256m}): both stream,
 * and the ETag is the MD5 of the whole content.
 */
class S3StreamingIT {

    static final long SIZE = 384L * 1024 * 1024 + 7;

    @Test
    void objectLargerThanTheHeap() throws Exception {
        try (S3Client s3 = S3Node.client()) {
            String b = S3Node.bucketName("big");
            s3.createBucket(r -> r.bucket(b));
            try {
                MessageDigest sent = MessageDigest.getInstance("MD5");
                var put = s3.putObject(
                        r -> r.bucket(b).key("huge.bin"),
                        RequestBody.fromContentProvider(
                                () -> new DigestInputStream(new PseudoRandomInputStream(11, SIZE), sent),
                                SIZE,
                                "application/octet-stream"));
                String md5 = HexFormat.of().formatHex(sent.digest());
                assertThat(put.eTag()).isEqualTo("\"" + md5 + "\"");

                MessageDigest got = MessageDigest.getInstance("MD5");
                long n = 0;
                try (ResponseInputStream<GetObjectResponse> in =
                        s3.getObject(r -> r.bucket(b).key("huge.bin"))) {
                    assertThat(in.response().contentLength()).isEqualTo(SIZE);
                    byte[] buf = new byte[1 << 16];
                    for (int k; (k = in.read(buf)) > 0; ) {
                        got.update(buf, 0, k);
                        n += k;
                    }
                }
                assertThat(n).isEqualTo(SIZE);
                assertThat(HexFormat.of().formatHex(got.digest())).isEqualTo(md5);
            } finally {
                S3Node.ais().destroyQuietly(b);
            }
        }
    }
}
