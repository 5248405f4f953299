package net.aisj.it.etl;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Offline transforms on one node with AIS's wire: {@code etl-bck} (prefix, extension remap, prepend, progress in
 * the job status, per-object errors under the job's id), {@code etl-listrange}, and a single object's
 * {@code object_to} copy; every output checked.
 */
class EtlOfflineIT {

    static final int N = 60;
    static AisClient ais;
    static String src;
    static String etl;
    static final List<String> made = new ArrayList<>();

    static byte[] content(int i) {
        return ("object number " + i + " of the etl source").getBytes(StandardCharsets.UTF_8);
    }

    static String upper(int i) {
        return new String(content(i), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    }

    @BeforeAll
    static void setUp() {
        ais = SharedNode.client();
        src = ItEnv.bucketName("etlsrc");
        ais.createBucket(src).expect(200);
        for (int i = 0; i < N; i++) {
            ais.put(src, "in/" + i + ".flac", content(i)).expect(200);
        }
        ais.put(src, "other/skip.flac", content(0)).expect(200);
        etl = Transformers.name("offline");
        Transformers.init(ais, Transformers.spec(etl, "hpush://", "1m", Map.of("TRANSFORM", "upper")))
                .expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.send("DELETE", "/v1/etl/" + etl);
            ais.destroyQuietly(src);
            made.forEach(ais::destroyQuietly);
        }
    }

    static String dst(String tag) {
        String b = ItEnv.bucketName(tag);
        made.add(b);
        return b;
    }

    static Resp post(String bucket, String bckTo, String action, String value) {
        return ais.control(
                "POST",
                AisClient.bckPath(bucket) + (bckTo == null ? "" : "?bck_to=ais/@%23/" + bckTo + "/"),
                "{\"action\":\"" + action + "\",\"value\":" + value + "}");
    }

    /**
     * AIS's {@code ws://} communicator: inline GETs (a 3 MiB object crosses in fragments both ways; parallel GETs
     * share pooled sessions), the transformer's error text as the GET's error, and an offline {@code etl-bck}.
     */
    @Test
    void aWebSocketTransformerServesInlineAndOfflineTransforms() throws Exception {
        String ws = Transformers.name("ws");
        Transformers.init(ais, Transformers.wsSpec(ws, Map.of("TRANSFORM", "upper")))
                .expect(200);
        try {
            byte[] big = new byte[3 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) ('a' + i % 26);
            }
            ais.put(src, "ws/big.txt", big).expect(200);
            Resp r = ais.send("GET", AisClient.objPath(src, "ws/big.txt") + "?etl_name=" + ws + "&etl_args=v1");
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            String upperBig = new String(big, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            assertThat(r.text())
                    .hasSize(3 + big.length)
                    .startsWith("v1|")
                    .endsWith(upperBig.substring(big.length - 64));
            assertThat(r.text().substring(3)).isEqualTo(upperBig);

            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<String>> gets = new ArrayList<>();
                for (int i = 0; i < N; i++) {
                    String name = "in/" + i + ".flac";
                    gets.add(clients.submit(() -> ais.send("GET", AisClient.objPath(src, name) + "?etl_name=" + ws)
                            .expect(200)
                            .text()));
                }
                for (int i = 0; i < N; i++) {
                    assertThat(gets.get(i).get()).isEqualTo(upper(i));
                }
            } finally {
                clients.shutdownNow();
            }

            ais.put(src, "ws/fail.txt", content(0)).expect(200);
            Resp bad = ais.send("GET", AisClient.objPath(src, "ws/fail.txt") + "?etl_name=" + ws);
            assertThat(bad.status()).as("%s", bad).isEqualTo(500);
            assertThat(bad.json().getString("message")).contains("ETL error: Transform error: cannot transform");

            String to = dst("wsdst");
            Resp job = post(src, to, "etl-bck", "{\"id\":\"" + ws + "\",\"prefix\":\"in/\"}");
            assertThat(job.status()).as("%s", job).isEqualTo(200);
            JsonObject end = Jobs.awaitEnd(ais, job.text(), "etl-bck", Duration.ofMinutes(3));
            assertThat(Jobs.statTotal(ais, job.text(), "etl-bck", "out-objs"))
                    .as("%s", end)
                    .isEqualTo(N);
            for (int i = 0; i < N; i++) {
                assertThat(ais.get(to, "in/" + i + ".flac").expect(200).text()).isEqualTo(upper(i));
            }
        } finally {
            ais.send("DELETE", "/v1/etl/" + ws).expect(200);
            ais.send("DELETE", AisClient.objPath(src, "ws/big.txt"));
            ais.send("DELETE", AisClient.objPath(src, "ws/fail.txt"));
        }
    }

    /**
     * AIS's FQN mode, over hpush and ws: an object whose reads are not verified (the bucket turned
     * {@code validate_warm_get} off) reaches the transformer as its local file path; a verified one as its bytes.
     */
    @Test
    void unverifiedObjectsReachTheTransformerAsTheirLocalFile() {
        String plain = dst("etlfqn");
        ais.createBucket(plain).expect(200);
        ais.control(
                        "PATCH",
                        AisClient.bckPath(plain),
                        "{\"action\":\"set-bprops\",\"value\":{\"checksum\":{\"validate_warm_get\":false}}}")
                .expect(200);
        ais.put(plain, "d/x.txt", content(7)).expect(200);
        String push = Transformers.name("fqn-push");
        String ws = Transformers.name("fqn-ws");
        Transformers.init(ais, Transformers.spec(push, "hpush://", "1m", Map.of("TRANSFORM", "source")))
                .expect(200);
        Transformers.init(ais, Transformers.wsSpec(ws, Map.of("TRANSFORM", "source")))
                .expect(200);
        try {
            String data = new String(content(7), StandardCharsets.UTF_8);
            for (String etl : List.of(push, ws)) {
                Resp viaFile = ais.send("GET", AisClient.objPath(plain, "d/x.txt") + "?etl_name=" + etl);
                assertThat(viaFile.status()).as("%s %s", etl, viaFile).isEqualTo(200);
                assertThat(viaFile.text()).as(etl).isEqualTo("fqn:" + data);
                Resp viaBytes = ais.send("GET", AisClient.objPath(src, "in/7.flac") + "?etl_name=" + etl);
                assertThat(viaBytes.status()).as("%s %s", etl, viaBytes).isEqualTo(200);
                assertThat(viaBytes.text()).as(etl).isEqualTo("bytes:" + data);
            }
        } finally {
            ais.send("DELETE", "/v1/etl/" + push).expect(200);
            ais.send("DELETE", "/v1/etl/" + ws).expect(200);
        }
    }

    @Test
    void etlBucketWithPrefixExtRemapAndPrepend() {
        String to = dst("etldst");
        Resp r = post(
                src,
                to,
                "etl-bck",
                "{\"id\":\"" + etl
                        + "\",\"prefix\":\"in/\",\"prepend\":\"out-\",\"ext\":{\"flac\":\"wav\"},\"request_timeout\":\"30s\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        String job = r.text();
        JsonObject end = Jobs.awaitEnd(ais, job, "etl-bck", Duration.ofMinutes(3));
        assertThat(Jobs.statTotal(ais, job, "etl-bck", "out-objs"))
                .as("%s", end)
                .isEqualTo(N);
        for (int i = 0; i < N; i++) {
            Resp o = ais.get(to, "out-in/" + i + ".wav");
            assertThat(o.status()).as("out-in/%d.wav: %s", i, o).isEqualTo(200);
            assertThat(o.text()).isEqualTo(upper(i));
        }
        assertThat(ais.listNames(to, "")).hasSize(N).noneMatch(n -> n.contains("skip"));
        assertThat(JsonUtil.parseArray(ais.send("GET", "/v1/etl").expect(200).text())
                        .toString())
                .contains(etl);
    }

    @Test
    void objectErrorsAreTheJobsAndListedUnderItsId() {
        ais.put(src, "bad/fail-1.bin", content(1)).expect(200);
        ais.put(src, "bad/ok-1.bin", content(2)).expect(200);
        String to = dst("etlerr");
        String job = post(src, to, "etl-bck", "{\"id\":\"" + etl + "\",\"prefix\":\"bad/\"}")
                .expect(200)
                .text();
        String[] last = {""};
        Poll.until(
                Duration.ofMinutes(2),
                "etl-bck " + job + " ends",
                () -> {
                    Resp s = Jobs.status(ais, job, "etl-bck");
                    last[0] = s.toString();
                    Long e = JsonUtil.lng(s.json(), "end_time");
                    return s.status() == 200 && e != null && e != 0;
                },
                () -> last[0]);
        assertThat(Jobs.status(ais, job, "etl-bck").json().getString("err", "")).contains("fail-1.bin");
        assertThat(ais.get(to, "bad/ok-1.bin").text()).isEqualTo(upper(2));
        assertThat(ais.get(to, "bad/fail-1.bin").status())
                .as("nothing half-written")
                .isEqualTo(404);
        JsonObject d =
                ais.send("GET", "/v1/etl/" + etl + "?uuid=" + job).expect(200).json();
        assertThat(d.getJsonArray("obj_errors").getValuesAs(JsonObject.class))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getString("obj_name")).isEqualTo("ais://" + src + "/bad/fail-1.bin");
                    assertThat(e.getString("msg")).contains("Processing error");
                });
        // the inline error list is another one
        assertThat(ais.send("GET", "/v1/etl/" + etl).expect(200).text()).doesNotContain("fail-1.bin");
    }

    @Test
    void etlListRangeAndSingleObjectCopy() {
        String to = dst("etlobj");
        Resp r = post(
                src,
                null,
                "etl-listrange",
                "{\"id\":\"" + etl + "\",\"tobck\":{\"name\":\"" + to
                        + "\",\"provider\":\"ais\"},\"objnames\":[\"in/1.flac\",\"in/2.flac\",\"in/none.flac\"]}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        Jobs.awaitEnd(ais, r.text(), "etl-listrange", Duration.ofMinutes(2));
        assertThat(ais.get(to, "in/1.flac").text()).isEqualTo(upper(1));
        assertThat(ais.get(to, "in/2.flac").text()).isEqualTo(upper(2));
        assertThat(ais.listNames(to, "")).hasSize(2);

        Resp one = ais.send(
                "PUT",
                AisClient.objPath(src, "in/3.flac") + "?object_to=ais/@%23/" + to + "/single.txt&etl_name=" + etl);
        assertThat(one.status()).as("%s", one).isEqualTo(200);
        assertThat(ais.get(to, "single.txt").text()).isEqualTo(upper(3));
    }

    @Test
    void unknownEtlIsRefusedBeforeAnyJob() {
        String to = dst("etlnone");
        Resp r = post(src, to, "etl-bck", "{\"id\":\"no-such-etl\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().getString("message")).contains("etl job no-such-etl does not exist");
        Resp noId = post(src, to, "etl-bck", "{}");
        assertThat(noId.status()).isEqualTo(400);
    }
}
