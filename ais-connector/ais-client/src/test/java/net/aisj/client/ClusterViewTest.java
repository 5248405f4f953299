package net.aisj.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import net.aisj.connector.api.BucketId;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

    private static ClusterView view(String... ids) {
        return new ClusterView(
                1,
                Stream.of(ids)
                        .map(id -> new ClusterView.Target(id, URI.create("http://" + id), true))
                        .toList(),
                List.of());
    }

    /** Owners from the golden vectors AIS's own client computed (hrw-vectors.json in ais-connector-api). */
    @Test
    void ownerIsAisPlacement() {
        BucketId imagenet = BucketId.ais("imagenet");
        ClusterView three = view("tjvUOyQlr", "tQRXzkIgV", "tBTCJ7BSh");
        assertThat(three.owner(imagenet, "a").id()).isEqualTo("tBTCJ7BSh");
        assertThat(three.owner(imagenet, "ünïcödé/ключ/鍵.txt").id()).isEqualTo("tjvUOyQlr");
        ClusterView five = view("txdyZeZvm", "tgpbNU3My", "t2LHM12fp", "tZMv4EaK5", "tm7bYfGdC");
        assertThat(five.owner(imagenet, "a").id()).isEqualTo("tm7bYfGdC");
        assertThat(five.owner(imagenet, "train/0001.jpg").id()).isEqualTo("txdyZeZvm");
    }

    @Test
    void targetsInMaintenanceOwnNothing() throws Exception {
        String smap = """
                {"version":"7",
                 "tmap":{
                   "tjvUOyQlr":{"daemon_id":"tjvUOyQlr","flags":0,
                     "public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"8081","direct_url":"http://127.0.0.1:8081"}},
                   "tQRXzkIgV":{"daemon_id":"tQRXzkIgV","flags":0,
                     "public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"8082"}},
                   "tBTCJ7BSh":{"daemon_id":"tBTCJ7BSh","flags":4,
                     "public_net":{"node_ip_addr":"127.0.0.1","daemon_port":"8083","direct_url":"http://127.0.0.1:8083"}}},
                 "pmap":{"p1":{"daemon_id":"p1","public_net":{"direct_url":"http://127.0.0.1:8080"}}}}
                """;
        ClusterView v = ClusterView.parse(new ObjectMapper().readTree(smap));
        assertThat(v.version()).isEqualTo(7);
        assertThat(v.targets()).hasSize(3);
        assertThat(v.proxies()).containsExactly(URI.create("http://127.0.0.1:8080"));
        // tBTCJ7BSh owns "a" among the three; in maintenance it owns nothing
        assertThat(v.owner(BucketId.ais("imagenet"), "a").id()).isNotEqualTo("tBTCJ7BSh");
        assertThat(v.targets().stream()
                        .filter(t -> t.id().equals("tQRXzkIgV"))
                        .findFirst()
                        .orElseThrow()
                        .url())
                .isEqualTo(URI.create("http://127.0.0.1:8082"));
    }

    @Test
    void noTargetInServiceIs503() {
        ClusterView none = new ClusterView(3, List.of(), List.of());
        assertThatThrownBy(() -> none.owner(BucketId.ais("b"), "o"))
                .isInstanceOfSatisfying(
                        AisClientException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void objectPathsEncodeEverySegment() {
        assertThat(Transport.objectPath(BucketId.ais("b"), "dir/a b/c%d", ""))
                .isEqualTo("/v1/objects/b/dir/a%20b/c%25d?provider=ais");
        assertThat(Transport.objectPath(new BucketId("ais", "@uuid#ns", "b"), "x", "archpath=y"))
                .isEqualTo("/v1/objects/b/x?provider=ais&namespace=%40uuid%23ns&archpath=y");
    }
}
