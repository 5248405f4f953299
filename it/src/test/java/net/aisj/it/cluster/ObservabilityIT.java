package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} (Prometheus text, AIS's names and labels), MicroProfile Health ({@code /health/live},
 * {@code /health/ready}, agreeing with {@code /v1/health}) and the console's read endpoints on the shared cluster.
 */
@Tag("cluster")
class ObservabilityIT {

    /** {@code name{labels} value}: a Prometheus text sample line. */
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)$");

    static LocalCluster c;
    static String b;

    @AfterAll
    static void cleanUp() {
        if (c != null && b != null) {
            c.client(c.runningSlots().get(0)).destroyQuietly(b);
        }
    }

    @Test
    void metricsParseAndMoveWithTrafficWithAisLabels() {
        c = SharedCluster.get();
        int s = c.runningSlots().get(0);
        String id = c.id(s);
        b = ItEnv.bucketName("metrics");
        c.client(s).createBucket(b).expect(200);
        Map<String, Double> before = scrape(s);
        String key = "ais_target_put_count_total{api=\"native\",bucket=\"" + b
                + "\",mp_scope=\"application\",node_id=\"" + id + "\"}";
        int puts = 0;
        for (int i = 0; puts < 3; i++) {
            String o = "m" + i;
            if (c.put(s, b, o, new byte[1000]).hops() == 0) {
                puts++;
                c.get(s, b, o).resp().expect(200);
            }
        }
        Map<String, Double> after = scrape(s);
        assertThat(after.get(key)).as("%s after 3 local PUTs", key).isEqualTo(before.getOrDefault(key, 0.0) + 3);
        String bytes = key.replace("put_count", "put_bytes");
        assertThat(after.get(bytes)).as(bytes).isEqualTo(before.getOrDefault(bytes, 0.0) + 3000);
        String gets = key.replace("put_count", "get_count");
        assertThat(after.get(gets)).as(gets).isGreaterThanOrEqualTo(3.0);
        assertThat(after.keySet())
                .as("gauges")
                .anyMatch(k -> k.startsWith("ais_target_mountpath_total_bytes{mountpath=\""))
                .anyMatch(k -> k.startsWith("ais_cluster_members{"))
                .anyMatch(k -> k.startsWith("ais_target_xact_running{kind=\"rebalance\""))
                .anyMatch(k -> k.startsWith("ais_request_latency_count{api=\"native\""))
                .anyMatch(k -> k.startsWith("ais_request_latency_bucket{api=\"native\"") && k.contains("le=\"0.1\""));
        double writtenBefore = sum(before, "ais_target_disk_write_bytes{");
        Poll.until(
                java.time.Duration.ofSeconds(30),
                "the mountpaths' write gauges (refreshed " + "periodically) count the 3000 bytes",
                () -> sum(scrape(s), "ais_target_disk_write_bytes{") - writtenBefore >= 3000);
        assertThat(after.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("ais_cluster_members{"))
                        .findFirst()
                        .orElseThrow()
                        .getValue())
                .isEqualTo((double) c.runningIds().size());

        // the console's view of the same counters
        JsonObject st = c.client(s).daemon("node_status").expect(200).json();
        assertThat(Long.parseLong(
                        st.getJsonObject("tracker").getJsonObject("put.n").getString("v")))
                .isGreaterThanOrEqualTo(3);
        assertThat(st.getString("status")).isEqualTo("online");
        assertThat(st.getJsonObject("capacity")).isNotEmpty();
        JsonObject all = c.client(s).cluster("node_status").expect(200).json();
        assertThat(all.keySet()).containsAll(c.runningIds());
    }

    @Test
    void healthLiveAndReadyAgreeWithV1Health() {
        c = SharedCluster.get();
        for (int s : c.runningSlots()) {
            assertThat(c.client(s).health().status()).isEqualTo(200);
            for (String p : new String[] {"/health/live", "/health/ready"}) {
                Resp r = c.client(s).send("GET", p).expect(200);
                JsonObject o = Json.createReader(new StringReader(r.text())).readObject();
                assertThat(o.getString("status"))
                        .as("%s on node%d: %s", p, s, r.text())
                        .isEqualTo("UP");
                assertThat(o.getJsonArray("checks").stream()
                                .map(v -> v.asJsonObject().getString("name")))
                        .contains("ais-node");
            }
        }
    }

    @Test
    void consoleIsServedOnEveryNode() {
        c = SharedCluster.get();
        for (int s : c.runningSlots()) {
            Resp r = c.client(s).send("GET", "/console/").expect(200);
            assertThat(r.text()).contains("js/app.js").contains("no authentication");
            assertThat(c.client(s).send("GET", "/console/js/app.js").expect(200).header("Content-Type"))
                    .contains("javascript");
        }
    }

    /** Every sample of the node's {@code /metrics}; fails on a line that is not Prometheus text. */
    static Map<String, Double> scrape(int slot) {
        String text = c.client(slot).send("GET", "/metrics").expect(200).text();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("Prometheus sample line: %s", line).isTrue();
            out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(4)));
        }
        return out;
    }

    private static double sum(Map<String, Double> metrics, String prefix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }
}
