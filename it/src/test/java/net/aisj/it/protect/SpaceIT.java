package net.aisj.it.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.aisj.it.s3.S3Node;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A node whose out-of-space watermark ({@code ais.space.out_of_space}) is 1%, so every real disk is "full": PUTs are
 * refused with 507 (native: AIS's JSON error; S3: InsufficientStorage) and leave nothing behind, while reads,
 * listings and deletes go on.
 */
class SpaceIT {

    static NodeProcess node;
    static AisClient ais;

    @BeforeAll
    static void start() {
        node = NodeProcess.start("space", 1, "-Xmx256m", "-Dais.space.out_of_space=1");
        ais = new AisClient(node.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void putsAreRefusedWith507InBothApis() {
        String b = ItEnv.bucketName("full");
        ais.createBucket(b).expect(200);
        var r = ais.put(b, "big", new byte[100_000]);
        assertThat(r.status()).as("%s", r).isEqualTo(507);
        assertThat(JsonUtil.str(r.json(), "message")).contains("out of space").contains("limit 1%");
        assertThat(ais.head(b, "big").status()).isEqualTo(404);
        assertThat(ais.listNames(b, "")).isEmpty();

        try (S3Client s3 = S3Node.client("any", "any", node.baseUrl())) {
            assertThatThrownBy(() -> s3.putObject(q -> q.bucket(b).key("s3"), RequestBody.fromString("data")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(507);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientStorage");
                    });
            assertThat(s3.listObjectsV2(q -> q.bucket(b)).contents()).isEmpty();
        }
        ais.destroyBucket(b).expect(200);
    }
}
