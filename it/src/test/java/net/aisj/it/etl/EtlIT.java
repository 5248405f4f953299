package net.aisj.it.etl;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ETL on one node with AIS's wire: init (ETLSpecMsg), list, details, health, metrics, logs, inline transforms over
 * hpush and hpull, errors in AIS's shape, stop/start/delete, a transformer that never becomes healthy and one that
 * crashes. The transformers are real local processes the node supervises.
 */
class EtlIT {

    static AisClient ais;
    static String b;
    static final byte[] DATA = "hello etl world".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void setUp() {
        ais = SharedNode.client();
        b = ItEnv.bucketName("etl");
        ais.createBucket(b).expect(200);
        ais.put(b, "a/x.txt", DATA).expect(200);
        ais.put(b, "a/fail.txt", DATA).expect(200);
        ais.put(b, "a/crash.txt", DATA).expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    static Resp init(String spec) {
        return Transformers.init(ais, spec);
    }

    static Resp inline(String obj, String etl, String args) {
        return ais.send(
                "GET", AisClient.objPath(b, obj) + "?etl_name=" + etl + (args == null ? "" : "&etl_args=" + args));
    }

    static JsonObject details(String etl) {
        return ais.send("GET", "/v1/etl/" + etl).expect(200).json();
    }

    static String stage(String etl) {
        return details(etl).getString("stage");
    }

    @Test
    void initListDetailsHealthMetricsLogsAndInlineHpush() {
        String etl = Transformers.name("upper");
        Resp r = init(Transformers.spec(etl, "hpush://", "1m", Map.of("TRANSFORM", "upper")));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        String xid = r.text();
        assertThat(xid).startsWith("etl-");
        try {
            // the object comes back transformed, with etl_args passed through verbatim
            Resp t = inline("a/x.txt", etl, "v1");
            assertThat(t.status()).as("%s", t).isEqualTo(200);
            assertThat(t.text()).isEqualTo("v1|HELLO ETL WORLD");
            assertThat(inline("a/x.txt", etl, null).text()).isEqualTo("HELLO ETL WORLD");

            JsonArray list =
                    JsonUtil.parseArray(ais.send("GET", "/v1/etl").expect(200).text());
            JsonObject row = list.getValuesAs(JsonObject.class).stream()
                    .filter(o -> o.getString("id").equals(etl))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.getString("stage")).isEqualTo("Running");
            assertThat(row.getString("xaction_id")).isEqualTo(xid);
            assertThat(row.getJsonNumber("obj_count").longValue()).isEqualTo(2);
            assertThat(row.getJsonNumber("in_bytes").longValue()).isEqualTo(2L * DATA.length);

            JsonObject d = details(etl);
            assertThat(d.getJsonObject("init_msg").getString("name")).isEqualTo(etl);
            assertThat(d.getJsonObject("init_msg").getString("communication")).isEqualTo("hpush://");

            JsonObject h = JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/health")
                            .expect(200)
                            .text())
                    .getJsonObject(0);
            assertThat(h.getString("health_status")).isEqualTo("Running");
            assertThat(h.getString("target_id")).isEqualTo(ais.daemonId());
            JsonObject m = JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/metrics")
                            .expect(200)
                            .text())
                    .getJsonObject(0);
            assertThat(m.getJsonNumber("mem").longValue())
                    .as("resident memory of the transformer")
                    .isPositive();

            JsonObject logs = JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/logs")
                            .expect(200)
                            .text())
                    .getJsonObject(0);
            String text = new String(Base64.getDecoder().decode(logs.getString("logs")), StandardCharsets.UTF_8);
            assertThat(text).contains("mode upper listening").contains("PUT /" + b + "/a/x.txt");
            assertThat(ais.send("GET", "/v1/etl/" + etl + "/logs/" + ais.daemonId())
                            .expect(200)
                            .text())
                    .contains(logs.getString("logs"));

            // AIS's etl.inline.* target counters, under their Prometheus names
            Poll.until(Duration.ofSeconds(30), "etl inline metrics", () -> {
                String metrics = ais.send("GET", "/metrics").text();
                return metricValue(metrics, "ais_target_etl_inline_count") >= 2
                        && metricValue(metrics, "ais_target_etl_inline_bytes") >= 2L * DATA.length
                        && metricValue(metrics, "ais_target_etl_inline_ns_total") > 0;
            });

            // errors: the transformer's own status and body, recorded in the ETL's object errors
            Resp fail = inline("a/fail.txt", etl, null);
            assertThat(fail.status()).as("%s", fail).isEqualTo(500);
            assertThat(fail.json().getString("message"))
                    .startsWith("ETL error: ")
                    .contains("Processing error");
            assertThat(details(etl).getJsonArray("obj_errors").getValuesAs(JsonObject.class))
                    .anySatisfy(e -> {
                        assertThat(e.getString("obj_name")).isEqualTo("ais://" + b + "/a/fail.txt");
                        assertThat(e.getInt("ecode")).isEqualTo(500);
                    });
            Resp missing = inline("a/none.txt", etl, null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().getString("message")).contains("ais://" + b + "/a/none.txt");

            // a second init of the same name: 409 with the text AIS's SDK maps
            Resp dup = init(Transformers.spec(etl, "hpush://", "1m", Map.of()));
            assertThat(dup.status()).isEqualTo(409);
            assertThat(dup.json().getString("message")).contains("etl job " + etl + " already exists");
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
        Resp gone = ais.send("GET", "/v1/etl/" + etl);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().getString("message")).contains("etl job " + etl + " does not exist");
        assertThat(inline("a/x.txt", etl, null).status()).isEqualTo(404);
    }

    /** The value of the first sample of {@code name} in Prometheus text (-1 when absent). */
    static double metricValue(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    /**
     * AIS's deprecated pod-spec init ({@code InitSpecMsg}, what the SDK's {@code init_spec} sends): the pod's one
     * container runs as a local process with its env; the annotations give the comm type; a pod AIS would refuse is
     * refused and nothing is recorded.
     */
    @Test
    void aPodSpecInitRunsItsContainerAsALocalProcess() {
        String etl = Transformers.name("pod");
        String yaml = String.join(
                "\n",
                "apiVersion: v1",
                "kind: Pod",
                "metadata:",
                "  name: transformer-upper",
                "  annotations:",
                "    communication_type: \"hpush://\"",
                "    wait_timeout: 1m",
                "spec:",
                "  containers:",
                "    - name: server",
                "      image: aistorage/transformer_pod_test:latest",
                "      ports:",
                "        - name: default",
                "          containerPort: 8000",
                "      command: [\"python3\", \"" + Transformers.script() + "\"]",
                "      args: [\"--port\", \"8000\"]",
                "      env:",
                "        - name: TRANSFORM",
                "          value: upper",
                "      readinessProbe:",
                "        httpGet:",
                "          path: /health",
                "          port: default",
                "");
        String msg = "{\"name\":\"" + etl + "\",\"spec\":\""
                + java.util.Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8)) + "\"}";
        init(msg).expect(200);
        try {
            assertThat(stage(etl)).isEqualTo("Running");
            Resp t = inline("a/x.txt", etl, null);
            assertThat(t.status()).as("%s", t).isEqualTo(200);
            assertThat(t.text()).isEqualTo("HELLO ETL WORLD");
            assertThat(details(etl).getJsonObject("init_msg").getString("spec")).isNotEmpty();
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
        String bad = Transformers.name("pod");
        Resp refused = init("{\"name\":\"" + bad + "\",\"spec\":\""
                + java.util.Base64.getEncoder()
                        .encodeToString(
                                yaml.replace("- name: default", "- name: http").getBytes(StandardCharsets.UTF_8))
                + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("message")).contains("port named \"default\"");
        assertThat(ais.send("GET", "/v1/etl/" + bad).status()).isEqualTo(404);
    }

    @Test
    void inlineHpullReadsTheObjectBackThroughTheEtlEndpoint() throws Exception {
        String etl = Transformers.name("md5");
        init(Transformers.spec(etl, "hpull://", "1m", Map.of("TRANSFORM", "md5")))
                .expect(200);
        try {
            Resp t = inline("a/x.txt", etl, null);
            assertThat(t.status()).as("%s", t).isEqualTo(200);
            String md5 =
                    HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(DATA));
            assertThat(t.text()).isEqualTo(md5);
            assertThat(inline("a/none.txt", etl, null).status()).isEqualTo(404);
            // the endpoint the transformer reads from wants the ETL's secret
            assertThat(ais.send("GET", "/v1/etl/_object/" + etl + "/wrong/ais%2F%40%23%2F" + b + "%2Fa%2Fx.txt")
                            .status())
                    .isEqualTo(403);
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
    }

    @Test
    void aPipelineOfTwoHandsTheFirstOutputToTheSecond() throws Exception {
        String up = Transformers.name("pipe-up");
        String md5 = Transformers.name("pipe-md5");
        String pull = Transformers.name("pipe-pull");
        init(Transformers.spec(up, "hpush://", "1m", Map.of("TRANSFORM", "upper")))
                .expect(200);
        init(Transformers.spec(md5, "hpush://", "1m", Map.of("TRANSFORM", "md5")))
                .expect(200);
        init(Transformers.spec(pull, "hpull://", "1m", Map.of())).expect(200);
        try {
            Resp r = ais.send("GET", AisClient.objPath(b, "a/x.txt") + "?etl_name=" + up + "&etl_pipeline=" + md5);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            byte[] upper = new String(DATA, StandardCharsets.UTF_8)
                    .toUpperCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(r.text())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("MD5").digest(upper)));
            Resp unknown =
                    ais.send("GET", AisClient.objPath(b, "a/x.txt") + "?etl_name=" + up + "&etl_pipeline=nope-nope");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().getString("message")).contains("etl job nope-nope does not exist");
            Resp fromPull =
                    ais.send("GET", AisClient.objPath(b, "a/x.txt") + "?etl_name=" + pull + "&etl_pipeline=" + md5);
            assertThat(fromPull.status()).isEqualTo(400);
            assertThat(fromPull.json().getString("message")).contains("pipeline not supported for hpull://");
        } finally {
            for (String n : new String[] {up, md5, pull}) {
                ais.send("DELETE", "/v1/etl/" + n).expect(200);
            }
        }
    }

    @Test
    void theUrlRuntimeAttachesToATransformerAlreadyRunning() throws Exception {
        int port = net.aisj.it.support.Ports.freePort();
        ProcessBuilder pb = new ProcessBuilder(
                        "python3", Transformers.script().toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("AIS_TARGET_URL", "http://127.0.0.1:1/unused");
        pb.environment().put("TRANSFORM", "upper");
        Process own = pb.start();
        String etl = Transformers.name("attach");
        try {
            String spec = "{\"name\":\"" + etl + "\",\"init_timeout\":\"30s\",\"runtime\":{\"url\":"
                    + "\"http://127.0.0.1:" + port + "/\"}}";
            Resp r = init(spec);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(inline("a/x.txt", etl, null).text()).isEqualTo("HELLO ETL WORLD");
            assertThat(JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/health")
                                    .expect(200)
                                    .text())
                            .getJsonObject(0)
                            .getString("health_status"))
                    .isEqualTo("Running");
            ais.send("POST", "/v1/etl/" + etl + "/stop").expect(200);
            assertThat(own.isAlive())
                    .as("the node never stops a transformer it did not start")
                    .isTrue();
            Resp bad = init("{\"name\":\"" + Transformers.name("attach") + "\",\"runtime\":{\"url\":\"ftp://x\"}}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().getString("message")).contains("runtime.url");
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl);
            own.destroy();
            own.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void badInitMessagesAreRefusedAndNothingIsRecorded() {
        String script = Transformers.script().toString();
        Map<String, String> bad = Map.of(
                "{\"name\":\"Bad_Name\",\"runtime\":{\"command\":[\"python3\"]}}",
                "ETL name \"Bad_Name\" is invalid",
                "{\"name\":\"abc\",\"runtime\":{\"command\":[\"python3\"]}}",
                "is too short",
                "{\"name\":\"good-name-1\",\"communication\":\"io://\",\"runtime\":{\"command\":[\"" + script + "\"]}}",
                "unknown communication type",
                "{\"name\":\"good-name-2\",\"runtime\":{}}",
                "runtime.command or runtime.image",
                "{\"name\":\"good-name-3\",\"runtime\":{\"image\":\"aistorage/transformer_md5:latest\"}}",
                "has no command",
                "{\"name\":\"good-name-4\",\"communication\":\"ws://\",\"runtime\":{\"command\":[\"x\"]}}",
                "requires support_direct_put",
                "{\"name\":\"good-name-5\",\"init_timeout\":\"soon\",\"runtime\":{\"command\":[\"x\"]}}",
                "init_timeout",
                "not json",
                "invalid ETL init message");
        bad.forEach((body, msg) -> {
            Resp r = init(body);
            assertThat(r.status()).as("%s -> %s", body, r).isEqualTo(400);
            assertThat(r.json().getString("message")).as(body).contains(msg);
        });
        String list = ais.send("GET", "/v1/etl").expect(200).text();
        assertThat(list).doesNotContain("good-name").doesNotContain("Bad_Name");
        assertThat(ais.send("POST", "/v1/etl/nope-nope/stop").status()).isEqualTo(404);
        assertThat(ais.send("DELETE", "/v1/etl/nope-nope").status()).isEqualTo(404);
    }

    @Test
    void stopThenStartFromAbortedOnly() {
        String etl = Transformers.name("echo");
        init(Transformers.spec(etl, "hpush://", "1m", Map.of())).expect(200);
        try {
            Resp again = ais.send("POST", "/v1/etl/" + etl + "/start");
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.json().getString("message")).contains("during Running stage");

            ais.send("POST", "/v1/etl/" + etl + "/stop").expect(200);
            assertThat(stage(etl)).isEqualTo("Aborted");
            Resp stopped = inline("a/x.txt", etl, null);
            assertThat(stopped.status()).isEqualTo(404);
            assertThat(stopped.json().getString("message")).contains("etl job " + etl);
            assertThat(JsonUtil.parseArray(ais.send("GET", "/v1/etl/" + etl + "/health")
                                    .expect(200)
                                    .text())
                            .getJsonObject(0)
                            .getString("health_status"))
                    .isEqualTo("Unknown");

            Resp started = ais.send("POST", "/v1/etl/" + etl + "/start");
            assertThat(started.status()).as("%s", started).isEqualTo(200);
            assertThat(started.text()).startsWith("etl-");
            assertThat(stage(etl)).isEqualTo("Running");
            assertThat(inline("a/x.txt", etl, null).body()).isEqualTo(DATA);
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
    }

    @Test
    void aTransformerThatNeverBecomesHealthyAbortsTheInit() {
        String etl = Transformers.name("never");
        Resp r = init(Transformers.spec(etl, "hpush://", "3s", Map.of("NEVER_HEALTHY", "1")));
        try {
            // 400 as AIS answers it: not a retryable status (AIS's SDK would resend the init and get 409)
            assertThat(r.status()).as("%s", r).isEqualTo(400);
            assertThat(r.json().getString("message"))
                    .contains("etl job " + etl)
                    .contains("not healthy")
                    .contains("GET /health HTTP/1.1\" 503");
            JsonObject d = details(etl);
            assertThat(d.getString("stage")).isEqualTo("Aborted");
            assertThat(d.getString("reason")).contains("init_timeout");
            assertThat(inline("a/x.txt", etl, null).status()).isEqualTo(404);
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl);
        }
    }

    @Test
    void aTransformerThatExitsIsRestartedThenAbortsPastTheLimit() {
        String etl = Transformers.name("restart");
        init(Transformers.with(Transformers.spec(etl, "hpush://", "1m", Map.of()), "restart_max", 1))
                .expect(200);
        try {
            assertThat(inline("a/crash.txt", etl, null).status()).isGreaterThanOrEqualTo(500);
            Poll.until(Duration.ofSeconds(60), "etl " + etl + " restarted once", () -> {
                JsonObject h = JsonUtil.parseArray(
                                ais.send("GET", "/v1/etl/" + etl + "/health").text())
                        .getJsonObject(0);
                return h.getInt("restarts") == 1 && h.getString("health_status").equals("Running");
            });
            assertThat(stage(etl)).isEqualTo("Running");
            assertThat(inline("a/x.txt", etl, null).body()).isEqualTo(DATA);
            // the second exit is past the limit: aborted as AIS does
            assertThat(inline("a/crash.txt", etl, null).status()).isGreaterThanOrEqualTo(500);
            Poll.until(
                    Duration.ofSeconds(30),
                    "etl " + etl + " aborted",
                    () -> stage(etl).equals("Aborted"));
            assertThat(details(etl).getString("reason")).contains("restarted 1 times, the limit");
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
    }

    @Test
    void withoutRestartsATransformerThatExitsAbortsItsEtlAsAis() {
        String etl = Transformers.name("crash");
        init(Transformers.with(Transformers.spec(etl, "hpush://", "1m", Map.of()), "restart_max", 0))
                .expect(200);
        try {
            Resp r = inline("a/crash.txt", etl, null);
            assertThat(r.status()).as("%s", r).isGreaterThanOrEqualTo(500);
            Poll.until(
                    Duration.ofSeconds(30),
                    "etl " + etl + " aborted",
                    () -> stage(etl).equals("Aborted"));
            assertThat(details(etl).getString("reason"))
                    .contains("exited with code 3")
                    .contains("crashing on");
        } finally {
            ais.send("DELETE", "/v1/etl/" + etl).expect(200);
        }
    }
}
