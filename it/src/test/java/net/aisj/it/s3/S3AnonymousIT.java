package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The shared node has no S3 credentials: any keys work, unsigned requests too, and the start log warns. */
class S3AnonymousIT {

    @Test
    void anonymousAccess() throws Exception {
        NodeProcess node = SharedNode.get();
        String b = S3Node.bucketName("anon");
        try (S3Client s3 = S3Node.client("ANY", "any-secret", node.baseUrl())) {
            s3.createBucket(r -> r.bucket(b));
            s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("anonymous"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(b).key("k")).asUtf8String())
                    .isEqualTo("anonymous");
            var unsigned = SignedHttp.unsigned("GET", node.baseUrl() + "/" + b + "/k", Map.of(), null);
            assertThat(unsigned.statusCode()).isEqualTo(200);
            assertThat(unsigned.body()).isEqualTo("anonymous");
            var put = SignedHttp.unsigned(
                    "PUT",
                    node.baseUrl() + "/" + b + "/plain",
                    Map.of(),
                    "plain".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(put.statusCode()).isEqualTo(200);
        } finally {
            SharedNode.client().destroyQuietly(b);
        }
        assertThat(java.nio.file.Files.readString(node.logFile(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("anonymous access is allowed");
    }
}
