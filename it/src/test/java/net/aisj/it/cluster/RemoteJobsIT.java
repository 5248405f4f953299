package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.S3ProxyServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Jobs over remote buckets on the cache cluster (3 nodes, the shared s3proxy): {@code blob-download} of a large
 * object in parallel ranges, and a remote bucket as the input of {@code copy-bck}, {@code copy-listrange},
 * {@code archive}, dsort and Get-Batch - objects not cached are fetched from the backend, cached ones are not
 * read from it again.
 */
@Tag("cluster")
class RemoteJobsIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private static S3ProxyServer s3;
    private static LocalCluster cluster;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.shared();
        cluster = CacheCluster.get();
    }

    @Test
    void blobDownloadFetchesALargeObjectInParallelRangesAsOneJob() {
        String b = RemoteData.create(s3, "blob");
        int size = (12 << 20) + 1234;
        byte[] big = PseudoRandomInputStream.bytes(41, size);
        RemoteData.put(s3, b, List.of("big.bin", "small"), n -> n.equals("big.bin") ? big : "s".getBytes());
        AisClient c = cluster.client(2);
        String job = blob(c, b, "big.bin", "{\"chunk-size\":1048576,\"num-workers\":4}")
                .expect(200)
                .text();
        Jobs.awaitEnd(c, job, "blob-download", TIMEOUT);
        assertThat(Jobs.statTotal(c, job, "blob-download", "loc-objs")).isEqualTo(1);
        assertThat(Jobs.statTotal(c, job, "blob-download", "loc-bytes")).isEqualTo(size);
        // 13 ranges of at most 1 MiB, each one remote GET
        assertThat(s3.gets(b, "big.bin")).isEqualTo(13);
        assertThat(RemoteData.names(c, b, 1)).containsExactly("big.bin");
        assertThat(get(3, b, "big.bin", "aws").body()).isEqualTo(big);
        assertThat(s3.gets(b, "big.bin")).as("the read was warm").isEqualTo(13);

        // cached and unchanged: the job ends without reading the remote
        String again = blob(c, b, "big.bin", "{}").expect(200).text();
        Jobs.awaitEnd(c, again, "blob-download", TIMEOUT);
        assertThat(Jobs.statTotal(c, again, "blob-download", "loc-objs")).isZero();
        assertThat(s3.gets(b, "big.bin")).isEqualTo(13);

        // bad input is a 400 in AIS's format; a missing object fails the job and caches nothing
        Resp bad = blob(c, b, "big.bin", "{\"chunk-size\":100}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("chunk-size");
        assertThat(blob(c, b, "", "{}").status()).isEqualTo(400);
        String missing = blob(c, b, "no-such", "{}").expect(200).text();
        JsonObject end = awaitEndAllowingError(c, missing, "blob-download");
        assertThat(JsonUtil.str(end, "err")).contains("no-such");
        assertThat(RemoteData.names(c, b, 1)).containsExactly("big.bin");
    }

    @Test
    void aBlobDownloadCutByTheBackendDyingStoresNothing() throws IOException {
        String b = RemoteData.create(s3, "blobcut");
        long size = 96L << 20;
        try (software.amazon.awssdk.services.s3.S3Client direct = s3.client()) {
            direct.putObject(
                    r -> r.bucket(b).key("huge"),
                    software.amazon.awssdk.core.sync.RequestBody.fromInputStream(
                            new PseudoRandomInputStream(5, size), size));
        }
        AisClient c = cluster.client(1);
        // the smallest ranges, one reader: thousands of remote GETs, so the job is still running when s3proxy dies
        String job = blob(c, b, "huge", "{\"chunk-size\":32768,\"num-workers\":1}")
                .expect(200)
                .text();
        JsonObject end;
        try {
            Poll.until(
                    TIMEOUT,
                    "the blob download has fetched some ranges",
                    () -> Jobs.statTotal(c, job, "blob-download", "loc-bytes") > 0);
            s3.kill();
            end = awaitEndAllowingError(c, job, "blob-download");
        } finally {
            s3.start();
        }
        assertThat(Jobs.statTotal(c, job, "blob-download", "loc-bytes")).isLessThan(size);
        assertThat(JsonUtil.str(end, "err")).as("%s", end).isNotEmpty();
        assertThat(Jobs.statTotal(c, job, "blob-download", "loc-objs")).isZero();
        assertThat(RemoteData.names(c, b, 1)).as("nothing partial is cached").isEmpty();
        // no scratch file of the download stays on any mountpath
        Poll.until(
                TIMEOUT,
                "the download's scratch files are gone",
                () -> scratchFiles().isEmpty(),
                () -> String.valueOf(scratchFiles()));
    }

    @Test
    void copyBucketAndCopyListRangeFromARemoteBucketFetchOnlyWhatIsNotCached() {
        String b = RemoteData.create(s3, "cpsrc");
        List<String> names =
                IntStream.range(0, 30).mapToObj(i -> String.format("c-%02d", i)).toList();
        RemoteData.put(s3, b, names, RemoteJobsIT::content);
        for (int i = 0; i < 5; i++) {
            assertThat(get(1, b, names.get(i), "aws").body()).isEqualTo(content(names.get(i)));
        }
        AisClient c = cluster.client(3);
        String dst = ItEnv.bucketName("cpdst");
        String job = c.control(
                        "POST",
                        "/v1/buckets/" + b + "?provider=aws&bck_to=ais/@%23/" + dst + "/",
                        "{\"action\":\"copy-bck\",\"value\":{}}")
                .expect(200)
                .text();
        Jobs.awaitEnd(c, job, "copy-bck", TIMEOUT);
        assertThat(Jobs.statTotal(c, job, "copy-bck", "out-objs")).isEqualTo(30);
        assertThat(c.listNames(dst, "")).containsExactlyInAnyOrderElementsOf(names);
        for (String n : names) {
            assertThat(cluster.get(2, dst, n).resp().body()).as(n).isEqualTo(content(n));
            assertThat(s3.gets(b, n)).as("remote GETs of " + n).isEqualTo(1);
        }

        String dst2 = ItEnv.bucketName("cplr");
        String lr = c.control(
                        "POST",
                        "/v1/buckets/" + b + "?provider=aws",
                        "{\"action\":\"copy-listrange\",\"value\":{\"tobck\":{\"name\":\"" + dst2
                                + "\"},\"template\":\"c-{20..24}\",\"prepend\":\"p/\"}}")
                .expect(200)
                .text();
        Jobs.awaitEnd(c, lr, "copy-listrange", TIMEOUT);
        assertThat(c.listNames(dst2, "")).containsExactlyInAnyOrder("p/c-20", "p/c-21", "p/c-22", "p/c-23", "p/c-24");
        assertThat(cluster.get(1, dst2, "p/c-22").resp().body()).isEqualTo(content("c-22"));
    }

    @Test
    void archiveAndGetBatchReadARemoteBucket() throws IOException {
        String b = RemoteData.create(s3, "arch");
        List<String> names = IntStream.range(0, 6).mapToObj(i -> "a-" + i).toList();
        RemoteData.put(s3, b, names, RemoteJobsIT::content);
        AisClient c = cluster.client(1);
        String dst = ItEnv.bucketName("archdst");
        c.createBucket(dst).expect(200);
        for (String range : List.of("\"template\":\"a-{0..5}\"", "\"template\":\"a-\"")) {
            String arch = "shard-" + (range.contains("{") ? "t" : "p") + ".tar";
            String job = c.control(
                            "PUT",
                            "/v1/buckets/" + b + "?provider=aws",
                            "{\"action\":\"archive\",\"value\":{\"archname\":\"" + arch + "\",\"tobck\":{\"name\":\""
                                    + dst + "\",\"provider\":\"ais\"}," + range + "}}")
                    .expect(200)
                    .text()
                    .trim();
            Jobs.awaitEnd(c, job, "archive", TIMEOUT);
            Map<String, byte[]> members = untar(cluster.get(2, dst, arch).resp().body());
            assertThat(members.keySet()).as(arch).containsExactlyInAnyOrderElementsOf(names);
            for (String n : names) {
                assertThat(members.get(n)).as(arch + "/" + n).isEqualTo(content(n));
            }
        }
        for (String n : names) {
            assertThat(s3.gets(b, n)).as("fetched once, then cached: " + n).isEqualTo(1);
        }

        // Get-Batch: items of the remote bucket (one not cached yet) as one tar, in order
        String late = "a-late";
        RemoteData.put(s3, b, List.of(late), RemoteJobsIT::content);
        JsonArrayBuilder in = Json.createArrayBuilder();
        List<String> want = List.of("a-3", late, "a-0");
        want.forEach(n -> in.add(Json.createObjectBuilder().add("objname", n)));
        Resp r = cluster.send(
                        cluster.url(3),
                        "GET",
                        "/v1/ml/moss/" + b + "?provider=aws",
                        Map.of("Content-Type", "application/json"),
                        Json.createObjectBuilder()
                                .add("in", in)
                                .add("mime", ".tar")
                                .add("strm", true)
                                .build()
                                .toString()
                                .getBytes(StandardCharsets.UTF_8),
                        TIMEOUT)
                .resp();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        Map<String, byte[]> got = untar(r.body());
        assertThat(new ArrayList<>(got.keySet()))
                .hasSize(3)
                .allSatisfy(k ->
                        assertThat(want.stream().anyMatch(k::endsWith)).as(k).isTrue());
        int i = 0;
        for (byte[] data : got.values()) {
            assertThat(data).isEqualTo(content(want.get(i++)));
        }
        assertThat(s3.gets(b, late)).isEqualTo(1);
    }

    @Test
    void dsortReadsItsInputShardsFromARemoteBucket() throws IOException {
        String b = RemoteData.create(s3, "dsin");
        List<String> records = new ArrayList<>();
        Map<String, byte[]> shards = new LinkedHashMap<>();
        for (int s = 0; s < 4; s++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
                for (int k = 0; k < 5; k++) {
                    String rec = String.format("rec-%02d.bin", k * 4 + s); // interleaved: sorting reorders them
                    records.add(rec);
                    byte[] data = content(rec);
                    TarArchiveEntry e = new TarArchiveEntry(rec);
                    e.setSize(data.length);
                    t.putArchiveEntry(e);
                    t.write(data);
                    t.closeArchiveEntry();
                }
            }
            shards.put("in-" + s + ".tar", out.toByteArray());
        }
        RemoteData.put(s3, b, List.copyOf(shards.keySet()), shards::get);
        String dst = ItEnv.bucketName("dsout");
        JsonObject spec = Json.createObjectBuilder()
                .add("input_bck", Json.createObjectBuilder().add("name", b).add("provider", "aws"))
                .add("output_bck", Json.createObjectBuilder().add("name", dst))
                .add("input_format", Json.createObjectBuilder().add("template", "in-{0..3}"))
                .add("input_extension", ".tar")
                .add("output_format", "out-{00..99}")
                .add("output_shard_size", "10MiB")
                .add("algorithm", Json.createObjectBuilder().add("kind", "alphanumeric"))
                .add("description", "RemoteJobsIT")
                .build();
        AisClient c = cluster.client(2);
        String id = c.control("POST", "/v1/sort", spec.toString())
                .expect(200)
                .text()
                .trim();
        JsonObject[] last = {null};
        Poll.until(
                TIMEOUT,
                "dsort " + id + " ends on every target",
                () -> {
                    last[0] = c.send("GET", "/v1/sort?uuid=" + id).expect(200).json();
                    return last[0].size() == 3
                            && last[0].values().stream()
                                    .map(JsonValue::asJsonObject)
                                    .allMatch(j -> j.getBoolean("archived") || j.getBoolean("aborted"));
                },
                () -> String.valueOf(last[0]));
        assertThat(last[0].values().stream().map(JsonValue::asJsonObject))
                .as("%s", last[0])
                .noneMatch(j -> j.getBoolean("aborted"));
        List<String> outNames = c.listNames(dst, "").stream().sorted().toList();
        assertThat(outNames).isNotEmpty();
        List<String> sorted = new ArrayList<>();
        for (String n : outNames) {
            Map<String, byte[]> m = untar(cluster.get(1, dst, n).resp().body());
            m.forEach((k, v) -> assertThat(v).as(k).isEqualTo(content(k)));
            sorted.addAll(m.keySet());
        }
        assertThat(sorted).isEqualTo(records.stream().sorted().toList());
        for (String s : shards.keySet()) {
            assertThat(s3.gets(b, s)).as("input shard " + s + " read once").isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Resp blob(AisClient c, String b, String name, String value) {
        return c.control(
                "POST",
                "/v1/objects/" + b + "?provider=aws",
                "{\"action\":\"blob-download\",\"name\":\"" + name + "\",\"value\":" + value + "}");
    }

    private static Resp get(int slot, String b, String o, String provider) {
        return cluster.send(
                        cluster.url(slot),
                        "GET",
                        AisClient.objPath(b, o) + "?provider=" + provider,
                        Map.of(),
                        null,
                        TIMEOUT)
                .resp()
                .expect(200);
    }

    private static JsonObject awaitEndAllowingError(AisClient c, String id, String kind) {
        JsonObject[] last = {null};
        Poll.until(
                TIMEOUT,
                kind + " " + id + " ends",
                () -> {
                    Resp r = Jobs.status(c, id, kind);
                    if (r.status() != 200) {
                        return false;
                    }
                    last[0] = r.json();
                    Long end = JsonUtil.lng(last[0], "end_time");
                    return end != null && end != 0;
                },
                () -> String.valueOf(last[0]));
        return last[0];
    }

    /** The blob downloads' scratch files ({@code %wk/scr-blob-*}) on the cluster's mountpaths. */
    private static List<String> scratchFiles() {
        List<String> out = new ArrayList<>();
        for (int slot = 1; slot <= 3; slot++) {
            for (java.nio.file.Path mp : cluster.node(slot).mountpaths()) {
                java.nio.file.Path wk = mp.resolve("%wk");
                if (java.nio.file.Files.isDirectory(wk)) {
                    try (var files = java.nio.file.Files.list(wk)) {
                        files.map(f -> f.getFileName().toString())
                                .filter(n -> n.startsWith("scr-blob-"))
                                .forEach(out::add);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }
        return out;
    }

    private static byte[] content(String name) {
        return PseudoRandomInputStream.bytes(name.hashCode() * 7L, 1000 + Math.floorMod(name.hashCode(), 5000));
    }

    private static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (var e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                out.put(e.getName(), t.readAllBytes());
            }
        }
        return out;
    }
}
