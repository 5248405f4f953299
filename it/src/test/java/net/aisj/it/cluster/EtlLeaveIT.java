package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.aisj.it.etl.Transformers;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A target that leaves the cluster aborts the running ETLs, as AIS does (every remaining target stops its
 * transformer); {@code start} then runs the ETL again on the targets there are. Its own three-node cluster, since
 * a node leaves for good (three, so that the two that remain are a majority and may change the cluster map: a
 * two-node cluster that loses one keeps its map until the node returns, see "Faults under load" in the README).
 */
@Tag("cluster")
class EtlLeaveIT {

    static String stage(AisClient ais, String etl) {
        return ais.send("GET", "/v1/etl/" + etl).expect(200).json().getString("stage");
    }

    @Test
    void aTargetLeavingAbortsRunningEtlsThenStartRunsOnTheRest() {
        try (LocalCluster c = new LocalCluster("etlleave", 3)) {
            c.start(1, 2, 3);
            c.awaitSettled();
            AisClient ais = c.client(1);
            String etl = Transformers.name("leave");
            Transformers.init(ais, Transformers.spec(etl, "hpush://", "2m", Map.of("TRANSFORM", "upper")))
                    .expect(200);
            assertThat(JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/health")
                            .expect(200)
                            .text()))
                    .hasSize(3);
            String gone = c.id(3);
            c.stop(3);
            Poll.until(
                    Duration.ofSeconds(90),
                    "etl " + etl + " aborted after " + gone + " left",
                    () -> stage(ais, etl).equals("Aborted"));
            JsonObject d = ais.send("GET", "/v1/etl/" + etl).expect(200).json();
            assertThat(d.getString("reason")).contains(gone).contains("left the cluster");
            Poll.until(
                    Duration.ofSeconds(30),
                    "the remaining transformers stopped",
                    () -> JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/health")
                                    .text())
                            .stream()
                            .allMatch(h ->
                                    h.asJsonObject().getString("health_status").equals("Unknown")));

            ais.send("POST", "/v1/etl/" + etl + "/start").expect(200);
            assertThat(stage(ais, etl)).isEqualTo("Running");
            String b = ItEnv.bucketName("etlleave");
            ais.createBucket(b).expect(200);
            c.put(1, b, "o.txt", "abc".getBytes(StandardCharsets.UTF_8)).resp().expect(200);
            // through node 1, following its redirect when node 2 owns the object: both transformers run again
            Followed got = Followed.send(
                    c::clientAt,
                    c.url(1),
                    "GET",
                    AisClient.objPath(b, "o.txt") + "?etl_name=" + etl,
                    Map.of(),
                    null,
                    AisClient.DEFAULT_TIMEOUT);
            assertThat(got.resp().expect(200).text()).isEqualTo("ABC");
        }
    }
}
