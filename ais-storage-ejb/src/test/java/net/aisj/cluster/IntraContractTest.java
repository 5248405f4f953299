package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import org.junit.jupiter.api.Test;

class IntraContractTest {

    private static final NodeInfo PEER =
            new NodeInfo("t1", false, true, "127.0.0.1", 8081, "http://127.0.0.1:8081", 0, "m1");

    @Test
    void objectPathsEncodeEverySegmentAndKeepSlashesBetweenThem() {
        ObjectId id = new ObjectId(BucketId.ais("b 1"), "dir/a+b c/ü?.jpg");
        assertThat(IntraContract.objectPath(IntraContract.ROOT, IntraContract.STAT, id))
                .isEqualTo("/v1/intra/stat/b%201/dir/a%2Bb%20c/%C3%BC%3F.jpg?provider=ais");
    }

    @Test
    void aNamespacedBucketCarriesItsNamespace() {
        ObjectId id = new ObjectId(new BucketId("ais", "#ns", "b"), "o");
        assertThat(IntraContract.objectPath(IntraContract.EC_ROOT, IntraContract.EC_SLICES, id))
                .isEqualTo("/v1/intra/ec/slices/b/o?provider=ais&namespace=%23ns");
    }

    @Test
    void aPeersAnswerMapsToOneKindForEveryClient() throws Exception {
        assertThat(IntraContract.failure(PEER, "stat x", 404, "gone").kind()).isEqualTo(AisException.Kind.NOT_FOUND);
        assertThat(IntraContract.failure(PEER, "stat x", 400, "bad").kind()).isEqualTo(AisException.Kind.BAD_REQUEST);
        for (int status : new int[] {409, 412, 500, 503, 507}) {
            assertThat(IntraContract.failure(PEER, "stat x", status, "").kind())
                    .isEqualTo(AisException.Kind.UNAVAILABLE);
        }
        AisException e = IntraContract.failure(
                PEER, "push o", 503, new ByteArrayInputStream("x".repeat(5000).getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getMessage())
                .startsWith("t[t1]: push o failed (503): ")
                .hasSize("t[t1]: push o failed (503): ".length() + 2048);
    }

    @Test
    void anUnreachablePeerIsNamedWithItsUrl() {
        AisException e = IntraContract.unreachable(PEER, new java.net.ConnectException("refused"));
        assertThat(e.kind()).isEqualTo(AisException.Kind.UNAVAILABLE);
        assertThat(e.getMessage())
                .contains("t[t1]")
                .contains("http://127.0.0.1:8081")
                .contains("refused");
    }
}
