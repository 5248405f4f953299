package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.NginxServer;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.S3ProxyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * AIS's downloader ({@code /v1/download}) on the 3-node cache cluster with Debian's nginx serving shards: a
 * 100-URL range template (one URL missing) fetched by all three targets, each the names it owns; a single URL and a
 * list; a remote bucket's objects by prefix; progress visible while a bandwidth-limited job runs, then abort leaving
 * only whole objects; and the errors of the API.
 */
@Tag("cluster")
class DownloadIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static LocalCluster cluster;
    private static NginxServer nginx;

    @BeforeAll
    static void start() {
        nginx = NginxServer.shared();
        cluster = CacheCluster.get();
    }

    @Test
    void rangeTemplateOfHundredShardsEveryShardWholeAndTheMissingOneReported() {
        String dir = "/shards-" + ItEnv.randomHex(3) + "/";
        for (int i = 0; i < 100; i++) {
            if (i != 42) {
                nginx.put(dir + shard(i), shardBytes(dir, i));
            }
        }
        String b = "dl-range-" + ItEnv.randomHex(3);
        AisClient c = cluster.client(1);
        String id = startJob(
                c,
                Json.createObjectBuilder()
                        .add("type", "range")
                        .add("bucket", Json.createObjectBuilder().add("name", b).add("provider", "ais"))
                        .add("template", nginx.url(dir + "shard-{000..099}.tar"))
                        .build());
        assertThat(id).startsWith("dnl-");
        JsonObject end = awaitFinished(cluster.client(2), id);
        assertThat(end.getInt("total")).isEqualTo(100);
        assertThat(end.getInt("finished_cnt")).isEqualTo(99);
        assertThat(end.getInt("error_cnt")).isEqualTo(1);
        assertThat(end.getBoolean("aborted")).isFalse();
        JsonArray errs = end.getJsonArray("download_errors");
        assertThat(errs).hasSize(1);
        assertThat(errs.getJsonObject(0).getString("name")).isEqualTo("shard-042.tar");
        assertThat(errs.getJsonObject(0).getString("error")).contains("404");
        assertThat(end.getJsonArray("finished_tasks")).hasSize(99);

        List<String> names = c.listNames(b, "");
        assertThat(names).hasSize(99).doesNotContain("shard-042.tar");
        for (int i = 0; i < 100; i++) {
            if (i != 42) {
                Resp r = getFollowing(1 + i % 3, b, shard(i));
                assertThat(r.body()).as(shard(i)).isEqualTo(shardBytes(dir, i));
            }
        }
        // each URL was read once: by its owner only, no target fetched another's names
        for (int i = 0; i < 100; i++) {
            if (i != 42) {
                assertThat(nginx.requests("GET", dir + shard(i))).as(shard(i)).isEqualTo(1);
            }
        }
        // the job list (AIS's JobInfos) has it, finished
        JsonArray all = readArray(c.control("GET", "/v1/download", "{}").expect(200));
        assertThat(all.stream().map(v -> v.asJsonObject().getString("id"))).contains(id);
        // and so do the cluster's jobs (kind download), with what each target stored
        JsonObject xact =
                Jobs.status(cluster.client(3), id, "download").expect(200).json();
        assertThat(xact.getString("kind", "")).isEqualTo("download");
        assertThat(xact.getJsonNumber("end_time").longValue())
                .as(xact.toString())
                .isNotZero();
        assertThat(xact.getString("err", ""))
                .as("the missing shard is the job's error")
                .contains("shard-042.tar");
        assertThat(Jobs.statTotal(c, id, "download", "loc-objs")).isEqualTo(99);
    }

    /** AIS's {@code headers} go with every GET of the job (nginx answers 403 without the token). */
    @Test
    void headersOfTheRequestAreSentWithEveryGet() {
        String dir = "/private/h-" + ItEnv.randomHex(3) + "/";
        List<byte[]> files = new ArrayList<>();
        var links = Json.createArrayBuilder();
        for (int i = 0; i < 3; i++) {
            files.add(PseudoRandomInputStream.bytes(20 + i, 2000 + i));
            nginx.put(dir + "p" + i + ".bin", files.get(i));
            links.add(nginx.url(dir + "p" + i + ".bin"));
        }
        JsonArray list = links.build();
        AisClient c = cluster.client(2);
        String denied = "dl-hdr-" + ItEnv.randomHex(3);
        JsonObject without = awaitFinished(
                c,
                startJob(
                        c,
                        Json.createObjectBuilder()
                                .add("type", "multi")
                                .add("bucket", Json.createObjectBuilder().add("name", denied))
                                .add("objects", list)
                                .build()));
        assertThat(without.getInt("error_cnt")).isEqualTo(3);
        assertThat(without.getJsonArray("download_errors").getJsonObject(0).getString("error"))
                .contains("403");
        String b = "dl-hdr-" + ItEnv.randomHex(3);
        String id = startJob(
                c,
                Json.createObjectBuilder()
                        .add("type", "multi")
                        .add("bucket", Json.createObjectBuilder().add("name", b))
                        .add("objects", list)
                        .add("progress_interval", "2s")
                        .add(
                                "headers",
                                Json.createObjectBuilder()
                                        .add(
                                                "X-Dl-Token",
                                                Json.createArrayBuilder().add(NginxServer.TOKEN)))
                        .build());
        JsonObject end = awaitFinished(c, id);
        assertThat(end.getInt("finished_cnt")).as(end.toString()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(getFollowing(1 + i, b, "p" + i + ".bin").body()).isEqualTo(files.get(i));
        }
        Resp bad = c.control(
                "POST",
                "/v1/download",
                Json.createObjectBuilder()
                        .add("type", "multi")
                        .add("bucket", Json.createObjectBuilder().add("name", b))
                        .add("objects", list)
                        .add(
                                "headers",
                                Json.createObjectBuilder()
                                        .add("Host", Json.createArrayBuilder().add("x")))
                        .build()
                        .toString());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("Host");
    }

    @Test
    void singleUrlAndAListOfUrls() {
        String dir = "/files-" + ItEnv.randomHex(3) + "/";
        byte[] one = PseudoRandomInputStream.bytes(1, 700_000);
        nginx.put(dir + "one.bin", one);
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            many.add(PseudoRandomInputStream.bytes(10 + i, 1000 + i));
            nginx.put(dir + "m" + i + ".txt", many.get(i));
        }
        String b = "dl-single-" + ItEnv.randomHex(3);
        AisClient c = cluster.client(3);
        String single = startJob(
                c,
                Json.createObjectBuilder()
                        .add("type", "single")
                        .add("bucket", Json.createObjectBuilder().add("name", b))
                        .add("object_name", "renamed/one.bin")
                        .add("link", nginx.url(dir + "one.bin"))
                        .build());
        assertThat(awaitFinished(c, single).getInt("finished_cnt")).isEqualTo(1);
        assertThat(getFollowing(1, b, "renamed/one.bin").body()).isEqualTo(one);

        var links = Json.createArrayBuilder();
        for (int i = 0; i < 3; i++) {
            links.add(nginx.url(dir + "m" + i + ".txt"));
        }
        JsonArray list = links.build();
        String multi = startJob(
                c,
                Json.createObjectBuilder()
                        .add("type", "multi")
                        .add("bucket", Json.createObjectBuilder().add("name", b))
                        .add("objects", list)
                        .build());
        JsonObject end = awaitFinished(cluster.client(1), multi);
        assertThat(end.getInt("finished_cnt")).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(getFollowing(2, b, "m" + i + ".txt").body()).isEqualTo(many.get(i));
        }
        // downloading the same again skips what is there
        String again = startJob(
                c,
                Json.createObjectBuilder()
                        .add("type", "multi")
                        .add("bucket", Json.createObjectBuilder().add("name", b))
                        .add("objects", list)
                        .build());
        JsonObject second = awaitFinished(c, again);
        assertThat(second.getInt("skipped_cnt")).isEqualTo(3);
        assertThat(second.getInt("finished_cnt")).isZero();
        // remove forgets it
        c.control("DELETE", "/v1/download/remove", "{\"id\":\"" + again + "\"}").expect(200);
        assertThat(c.control("GET", "/v1/download", "{\"id\":\"" + again + "\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void backendDownloadCachesARemoteBucketsObjectsByPrefix() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        String rb = RemoteData.create(s3, "dlb");
        List<String> keep = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keep.add("keep/o-" + i);
            skip.add("skip/o-" + i);
        }
        RemoteData.put(s3, rb, keep, n -> ("content of " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RemoteData.put(s3, rb, skip, n -> ("content of " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AisClient c = cluster.client(2);
        String id = startJob(
                c,
                Json.createObjectBuilder()
                        .add("type", "backend")
                        .add(
                                "bucket",
                                Json.createObjectBuilder().add("name", rb).add("provider", "aws"))
                        .add("prefix", "keep/")
                        .build());
        JsonObject end = awaitFinished(c, id);
        assertThat(end.getInt("finished_cnt")).isEqualTo(12);
        assertThat(end.getInt("error_cnt")).isZero();
        assertThat(RemoteData.names(c, rb, 1)).containsExactlyInAnyOrderElementsOf(keep);
        for (String n : keep) {
            assertThat(s3.gets(rb, n)).as(n).isEqualTo(1);
        }
        for (String n : skip) {
            assertThat(s3.gets(rb, n)).as(n).isZero();
        }
    }

    @Test
    void progressIsVisibleWhileItRunsAndAbortLeavesOnlyWholeObjects() {
        String dir = "/slow-" + ItEnv.randomHex(3) + "/";
        int n = 24;
        for (int i = 0; i < n; i++) {
            nginx.put(dir + shard(i), PseudoRandomInputStream.bytes(i, 1 << 20));
        }
        String b = "dl-abort-" + ItEnv.randomHex(3);
        AisClient c = cluster.client(1);
        // 256 KiB/s per target, one object at a time: each 1 MiB object takes ~4 s
        String id = startJob(
                c,
                Json.createObjectBuilder()
                        .add("type", "range")
                        .add("bucket", Json.createObjectBuilder().add("name", b))
                        .add("template", nginx.url(dir + "shard-{000.." + String.format("%03d", n - 1) + "}.tar"))
                        .add(
                                "limits",
                                Json.createObjectBuilder()
                                        .add("connections", 1)
                                        .add("bytes_per_hour", 256L * 1024 * 3600))
                        .build());
        AtomicReference<JsonObject> seen = new AtomicReference<>();
        Poll.until(
                JOB_TIMEOUT,
                "an object part-way through",
                () -> {
                    JsonObject s = status(c, id);
                    seen.set(s);
                    for (JsonValue v : s.getJsonArray("current_tasks")) {
                        long got = Long.parseLong(v.asJsonObject().getString("downloaded"));
                        if (got > 0 && got < (1 << 20)) {
                            return true;
                        }
                    }
                    return false;
                },
                () -> String.valueOf(seen.get()));
        assertThat(seen.get().getString("finished_time")).isEqualTo("0001-01-01T00:00:00Z");
        Resp running = Jobs.status(c, id, "download").expect(200);
        assertThat(running.json().getString("kind", "")).isEqualTo("download");
        assertThat(running.json().getJsonNumber("end_time") == null
                        || running.json().getJsonNumber("end_time").longValue() == 0)
                .as("running in the cluster's jobs: " + running.text())
                .isTrue();
        c.control("DELETE", "/v1/download/abort", "{\"id\":\"" + id + "\"}").expect(200);
        JsonObject end = awaitFinished(c, id);
        assertThat(end.getBoolean("aborted")).isTrue();
        assertThat(Jobs.status(c, id, "download").expect(200).json().getBoolean("aborted", false))
                .as("the job is aborted in the cluster's jobs too")
                .isTrue();
        assertThat(end.getInt("finished_cnt")).isLessThan(n);
        // whatever is in the bucket is whole
        List<String> names = c.listNames(b, "");
        assertThat(names).hasSizeLessThan(n);
        for (String name : names) {
            int i = Integer.parseInt(name.substring(6, 9));
            assertThat(getFollowing(2, b, name).body()).as(name).isEqualTo(PseudoRandomInputStream.bytes(i, 1 << 20));
        }
    }

    @Test
    void badRequestsAndUnknownJobsGetAisErrors() {
        AisClient c = cluster.client(2);
        Resp noType = c.control("POST", "/v1/download", "{\"bucket\":{\"name\":\"x\"}}");
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.json().getString("message")).contains("unknown type");
        Resp notUrl = c.control(
                "POST",
                "/v1/download",
                "{\"type\":\"single\",\"bucket\":{\"name\":\"x\"},\"link\":\"file:///etc/passwd\"}");
        assertThat(notUrl.status()).isEqualTo(400);
        assertThat(notUrl.json().getString("message")).contains("not an http(s) URL");
        Resp badRange = c.control(
                "POST",
                "/v1/download",
                "{\"type\":\"range\",\"bucket\":{\"name\":\"x\"},\"template\":\"http://h/s-{9..1}\"}");
        assertThat(badRange.status()).isEqualTo(400);
        Resp unknown = c.control("GET", "/v1/download", "{\"id\":\"dnl-nosuchjob\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("message")).contains("dnl-nosuchjob");
        assertThat(c.control("DELETE", "/v1/download/abort", "{\"id\":\"dnl-nosuchjob\"}")
                        .status())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    private static String shard(int i) {
        return String.format("shard-%03d.tar", i);
    }

    private static byte[] shardBytes(String dir, int i) {
        return PseudoRandomInputStream.bytes(dir.hashCode() * 131L + i, 20_000 + (i * 7919) % 300_000);
    }

    private static String startJob(AisClient c, JsonObject body) {
        Resp r = c.control("POST", "/v1/download", body.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getString("id");
    }

    private static JsonObject status(AisClient c, String id) {
        return c.control("GET", "/v1/download", "{\"id\":\"" + id + "\"}")
                .expect(200)
                .json();
    }

    /** Polls the status until the job has ended on every target. */
    private static JsonObject awaitFinished(AisClient c, String id) {
        AtomicReference<JsonObject> last = new AtomicReference<>();
        Poll.until(
                JOB_TIMEOUT,
                "download " + id + " ends",
                () -> {
                    JsonObject s = status(c, id);
                    last.set(s);
                    return !"0001-01-01T00:00:00Z".equals(s.getString("finished_time"));
                },
                () -> String.valueOf(last.get()));
        return last.get();
    }

    private static JsonArray readArray(Resp r) {
        try (var reader = Json.createReader(new java.io.StringReader(r.text()))) {
            return reader.readArray();
        }
    }

    /** A GET through node {@code slot}, following its redirect to the owner. */
    private static Resp getFollowing(int slot, String b, String o) {
        Resp r = cluster.client(slot).send("GET", AisClient.objPath(b, o), Map.of(), null, Duration.ofMinutes(1));
        if (r.status() == 307) {
            java.net.URI loc = java.net.URI.create(r.header("Location"));
            r = cluster.clientAt(loc.getScheme() + "://" + loc.getRawAuthority())
                    .send(
                            "GET",
                            loc.getRawPath() + (loc.getRawQuery() == null ? "" : "?" + loc.getRawQuery()),
                            Map.of(),
                            null,
                            Duration.ofMinutes(1));
        }
        return r.expect(200);
    }
}
