package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.aisj.it.etl.Transformers;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ETL on the shared cluster: an init that fails on one target aborts it on every target (nothing keeps running);
 * a good one runs a transformer on every target, serves inline GETs through any node (redirected to the owner)
 * and transforms a bucket offline across all targets, each output stored on its own HRW owner.
 */
@Tag("cluster")
class EtlClusterIT {

    static final int N = 300;
    static LocalCluster c;
    static int via;
    static AisClient ais;
    static String src;
    static String dst;
    static final HttpClient FOLLOW = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    static byte[] content(int i) {
        return ("cluster etl object " + i).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void setUp() {
        c = SharedCluster.get();
        via = c.runningSlots().get(0);
        ais = c.client(via);
        src = ItEnv.bucketName("etlc");
        dst = ItEnv.bucketName("etlcout");
        ais.createBucket(src).expect(200);
        for (int i = 0; i < N; i++) {
            assertThat(c.put(via, src, "o/" + i + ".txt", content(i)).status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(src);
            ais.destroyQuietly(dst);
        }
    }

    static List<JsonObject> perTarget(String etl, String what) {
        return JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/" + what)
                        .expect(200)
                        .text())
                .getValuesAs(JsonObject.class);
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = FOLLOW.send(
                HttpRequest.newBuilder(URI.create(c.url(via) + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void initFailingOnOneTargetAbortsEverywhere() {
        int bad = c.runningSlots().get(c.runningSlots().size() - 1);
        String etl = Transformers.name("partial");
        String port = ":" + URI.create(c.url(bad)).getPort() + "/";
        Resp r = Transformers.init(ais, Transformers.spec(etl, "hpush://", "1m", Map.of("FAIL_ON_TARGET", port)));
        try {
            assertThat(r.status()).as("%s (AIS's status for a failed init)", r).isEqualTo(400);
            assertThat(r.json().getString("message")).contains(c.id(bad)).contains("refusing to start");
            JsonObject d = ais.send("GET", "/v1/etl/" + etl).expect(200).json();
            assertThat(d.getString("stage")).isEqualTo("Aborted");
            List<JsonObject> health = perTarget(etl, "health");
            assertThat(health).hasSize(c.runningSlots().size());
            assertThat(health)
                    .allSatisfy(h -> assertThat(h.getString("health_status")).isEqualTo("Unknown"));
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl);
        }
    }

    /**
     * AIS's direct put: with {@code support_direct_put} the source target hands the transformer the destination
     * owner's URL, the transformer PUTs the output there ({@code /v1/etl/_object/<etl>/<secret>/...}) and answers
     * 204; every output is on its owner with the right bytes.
     */
    @Test
    void anOfflineJobWithDirectPutHasTheTransformerStoreOutputsOnTheirOwners() throws Exception {
        String etl = Transformers.name("direct");
        String spec = jakarta.json.Json.createObjectBuilder(
                        JsonUtil.parseObject(Transformers.spec(etl, "hpush://", "2m", Map.of("TRANSFORM", "upper"))))
                .add("support_direct_put", true)
                .build()
                .toString();
        Transformers.init(ais, spec).expect(200);
        String to = ItEnv.bucketName("etldp");
        try {
            Resp job = ais.control(
                    "POST",
                    AisClient.bckPath(src) + "?bck_to=ais/@%23/" + to + "/",
                    "{\"action\":\"etl-bck\",\"value\":{\"id\":\"" + etl + "\",\"prefix\":\"o/1\"}}");
            assertThat(job.status()).as("%s", job).isEqualTo(200);
            Jobs.awaitEnd(ais, job.text(), "etl-bck", Duration.ofMinutes(5));
            List<Integer> expected = new java.util.ArrayList<>();
            for (int i = 0; i < N; i++) {
                if (("o/" + i).startsWith("o/1")) {
                    expected.add(i);
                }
            }
            assertThat(Jobs.statTotal(ais, job.text(), "etl-bck", "out-objs")).isEqualTo(expected.size());
            for (int i : expected) {
                String want = new String(content(i), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                assertThat(get(AisClient.objPath(to, "o/" + i + ".txt"))).isEqualTo(want);
            }
            StringBuilder logs = new StringBuilder();
            for (var l : JsonUtil.parseArray(
                    ais.send("GET", "/v1/etl/" + etl + "/logs").expect(200).text())) {
                logs.append(new String(
                        java.util.Base64.getDecoder().decode(l.asJsonObject().getString("logs")),
                        StandardCharsets.UTF_8));
            }
            assertThat(logs.toString())
                    .contains("direct put /")
                    .doesNotContain("-> 4")
                    .doesNotContain("-> 5");
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
            ais.destroyQuietly(to);
        }
    }

    @Test
    void runsOnEveryTargetInlineThroughAnyNodeAndOfflineAcrossTargets() throws Exception {
        String etl = Transformers.name("cupper");
        Transformers.init(ais, Transformers.spec(etl, "hpush://", "2m", Map.of("TRANSFORM", "upper")))
                .expect(200);
        try {
            List<JsonObject> health = perTarget(etl, "health");
            assertThat(health).hasSize(c.runningSlots().size());
            assertThat(health)
                    .allSatisfy(h -> assertThat(h.getString("health_status")).isEqualTo("Running"));
            Set<String> ids = new HashSet<>();
            health.forEach(h -> ids.add(h.getString("target_id")));
            assertThat(ids).isEqualTo(c.runningIds());

            for (int i = 0; i < 30; i++) {
                String want = new String(content(i), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                assertThat(get(AisClient.objPath(src, "o/" + i + ".txt") + "?etl_name=" + etl))
                        .isEqualTo(want);
            }

            Resp job = ais.control(
                    "POST",
                    AisClient.bckPath(src) + "?bck_to=ais/@%23/" + dst + "/",
                    "{\"action\":\"etl-bck\",\"value\":{\"id\":\"" + etl + "\",\"prepend\":\"t/\","
                            + "\"ext\":{\"txt\":\"up\"}}}");
            assertThat(job.status()).as("%s", job).isEqualTo(200);
            Jobs.awaitEnd(ais, job.text(), "etl-bck", Duration.ofMinutes(5));
            assertThat(Jobs.statTotal(ais, job.text(), "etl-bck", "out-objs")).isEqualTo(N);
            for (int i = 0; i < N; i++) {
                String want = new String(content(i), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                assertThat(get(AisClient.objPath(dst, "t/o/" + i + ".up"))).isEqualTo(want);
            }
            // each target transformed its own share
            long total = perTarget(etl, "metrics").size();
            assertThat(total).isEqualTo(c.runningSlots().size());
            String other = c.id(c.runningSlots().get(1));
            JsonObject logs = JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/logs/" + other)
                            .expect(200)
                            .text())
                    .getJsonObject(0);
            assertThat(logs.getString("target_id")).isEqualTo(other);
            assertThat(new String(java.util.Base64.getDecoder().decode(logs.getString("logs")), StandardCharsets.UTF_8))
                    .contains("PUT /" + src + "/o/");
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
        assertThat(ais.send("GET", "/v1/etl/" + etl).status()).isEqualTo(404);
    }
}
