package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Resp;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Archives and Get-Batch on the shared cluster: 1000 small objects (500 WebDataset samples, {@code .jpg} +
 * {@code .cls}) are archived into tar, tgz, zip and tar.lz4 shards in another bucket by the {@code archive} job
 * (sources spread over all targets, the archive written by its owner); single files and selections are read back
 * through every node, shards are listed with their members, a tar gets a file appended, and a Get-Batch of 500
 * items from two buckets and from inside shards comes back in the requested order, with a missing item under
 * {@code __404__/} when {@code coer} is set and a 404 otherwise.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveIT {

    static final int SAMPLES = 500;
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    static LocalCluster c;
    static String src;
    static String dst;
    static final Map<String, byte[]> objects = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        c = SharedCluster.get();
        c.awaitSettled();
        src = ItEnv.bucketName("arch-src");
        dst = ItEnv.bucketName("arch-dst");
        c.client(c.runningSlots().get(0)).createBucket(src).expect(200);
        c.client(c.runningSlots().get(0)).createBucket(dst).expect(200);
        Random rnd = new Random(11);
        for (int i = 0; i < SAMPLES; i++) {
            byte[] jpg = new byte[100 + rnd.nextInt(2000)];
            rnd.nextBytes(jpg);
            objects.put(String.format("s-%04d.jpg", i), jpg);
            objects.put(String.format("s-%04d.cls", i), Integer.toString(i % 10).getBytes(StandardCharsets.UTF_8));
        }
        List<String> failures = DataSet.run(8, new ArrayList<>(objects.keySet()), n -> {
            var r = c.put(DataSet.pick(c::runningSlots), src, n, objects.get(n));
            return r.status() == 200 ? null : n + ": " + r;
        });
        assertThat(failures).isEmpty();
    }

    @AfterAll
    static void cleanUp() {
        if (c != null) {
            c.client(c.runningSlots().get(0)).destroyQuietly(src);
            c.client(c.runningSlots().get(0)).destroyQuietly(dst);
        }
    }

    static AisClient any() {
        return c.client(c.runningSlots().get(0));
    }

    /** Starts an archive job through node {@code via}, waits for it, returns the archive's bytes. */
    static byte[] archive(int via, String name, JsonObject range) {
        var value = Json.createObjectBuilder(range)
                .add("archname", name)
                .add("tobck", Json.createObjectBuilder().add("name", dst).add("provider", "ais"));
        String body = Json.createObjectBuilder()
                .add("action", "archive")
                .add("value", value)
                .build()
                .toString();
        var r = c.send(
                c.url(via),
                "PUT",
                AisClient.bckPath(src),
                Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8),
                AisClient.DEFAULT_TIMEOUT);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        String job = r.resp().text().trim();
        assertThat(job).isNotEmpty();
        Jobs.awaitEnd(c.client(via), job, "archive", JOB_TIMEOUT);
        var g = c.get(via, dst, name);
        assertThat(g.status()).as("%s", g).isEqualTo(200);
        return g.resp().body();
    }

    /** Members of an archive in order, read with the reference library. */
    static Map<String, byte[]> members(String name, byte[] archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (name.endsWith(".zip")) {
            try (ZipFile z = ZipFile.builder()
                    .setSeekableByteChannel(new SeekableInMemoryByteChannel(archive))
                    .get()) {
                for (var e : Collections.list(z.getEntries())) {
                    try (InputStream in = z.getInputStream(e)) {
                        out.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            return out;
        }
        InputStream raw = new ByteArrayInputStream(archive);
        InputStream in = name.endsWith(".tgz") || name.endsWith(".tar.gz")
                ? new GzipCompressorInputStream(raw)
                : name.endsWith(".lz4") ? new FramedLZ4CompressorInputStream(raw) : raw;
        try (ArchiveInputStream<? extends ArchiveEntry> t = new TarArchiveInputStream(in)) {
            ArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                out.put(e.getName(), t.readAllBytes());
            }
        }
        return out;
    }

    static JsonArrayBuilder names(List<String> ns) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        ns.forEach(a::add);
        return a;
    }

    @Test
    @Order(1)
    void archivesTarTgzZipAndLz4FromTheWholeCluster() throws IOException {
        List<Integer> slots = c.runningSlots();
        Map<String, byte[]> tar = members(
                "all.tar",
                archive(
                        slots.get(0),
                        "shards/all.tar",
                        Json.createObjectBuilder().add("template", "s-").build()));
        assertThat(tar.keySet()).containsExactlyInAnyOrderElementsOf(objects.keySet());
        objects.forEach((k, v) -> assertThat(tar.get(k)).as(k).isEqualTo(v));

        List<String> listed = new ArrayList<>(objects.keySet());
        Map<String, byte[]> tgz = members(
                "x.tgz",
                archive(
                        slots.get(1 % slots.size()),
                        "shards/all.tgz",
                        Json.createObjectBuilder()
                                .add("objnames", names(listed))
                                .build()));
        assertThat(tgz.keySet()).containsExactlyElementsOf(listed);
        objects.forEach((k, v) -> assertThat(tgz.get(k)).as(k).isEqualTo(v));

        Map<String, byte[]> zip = members(
                "x.zip",
                archive(
                        slots.get(2 % slots.size()),
                        "shards/all.zip",
                        Json.createObjectBuilder().add("template", "s-").build()));
        assertThat(zip).hasSize(objects.size());
        objects.forEach((k, v) -> assertThat(zip.get(k)).as(k).isEqualTo(v));

        Map<String, byte[]> lz4 = members(
                "x.tar.lz4",
                archive(
                        slots.get(0),
                        "shards/jpg.tar.lz4",
                        Json.createObjectBuilder()
                                .add("template", "s-{0000..0499}.jpg")
                                .add("bnonly", true)
                                .build()));
        assertThat(lz4.keySet()).hasSize(SAMPLES).allMatch(n -> n.endsWith(".jpg"));
        assertThat(lz4.get("s-0321.jpg")).isEqualTo(objects.get("s-0321.jpg"));
    }

    @Test
    @Order(2)
    void readsSingleFilesThroughEveryNode() {
        for (String shard : List.of("shards/all.tar", "shards/all.tgz", "shards/all.zip")) {
            for (int s : c.runningSlots()) {
                var r = c.send(
                        c.url(s),
                        "GET",
                        AisClient.objPath(dst, shard) + "?archpath=s-0123.jpg",
                        Map.of(),
                        null,
                        AisClient.DEFAULT_TIMEOUT);
                assertThat(r.status()).as("%s", r).isEqualTo(200);
                assertThat(r.resp().body()).as(shard).isEqualTo(objects.get("s-0123.jpg"));
            }
            var missing = c.send(
                    c.url(c.runningSlots().get(0)),
                    "GET",
                    AisClient.objPath(dst, shard) + "?archpath=nope.jpg",
                    Map.of(),
                    null,
                    AisClient.DEFAULT_TIMEOUT);
            assertThat(missing.status()).as("%s", missing).isEqualTo(404);
            assertThat(missing.resp().text()).contains("ais://" + dst);
        }
    }

    @Test
    @Order(3)
    void readsSelectionsAsArchivesOfTheSameFormat() throws IOException {
        Map<String, Integer> expect = Map.of(
                "archregx=s-0007&archmode=wdskey",
                2,
                "archregx=s-012&archmode=prefix",
                20,
                "archregx=s-00%5B0-4%5D5%5C.jpg&archmode=regexp",
                5,
                "archregx=.cls&archmode=suffix",
                SAMPLES,
                "archregx=0499&archmode=substr",
                2);
        for (String shard : List.of("shards/all.tar", "shards/all.tgz", "shards/all.zip")) {
            for (var e : expect.entrySet()) {
                var r = c.send(
                        c.url(c.runningSlots().get(0)),
                        "GET",
                        AisClient.objPath(dst, shard) + "?" + e.getKey(),
                        Map.of(),
                        null,
                        AisClient.DEFAULT_TIMEOUT);
                assertThat(r.status()).as("%s", r).isEqualTo(200);
                Map<String, byte[]> got = members(shard, r.resp().body());
                assertThat(got).as(shard + " " + e.getKey()).hasSize(e.getValue());
                got.forEach((k, v) -> assertThat(v).as(k).isEqualTo(objects.get(k)));
            }
        }
    }

    @Test
    @Order(4)
    void listsShardMembersWithLsArchDir() {
        String msg = JsonUtil.actMsg(
                "list",
                null,
                Json.createObjectBuilder()
                        .add("prefix", "shards/all.")
                        .add("props", "name,size")
                        .add("flags", "8")
                        .build());
        Resp r = any().control("GET", AisClient.bckPath(dst), msg).expect(200);
        List<JsonObject> entries = JsonUtil.objects(r.json(), "entries");
        Map<String, Long> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.getString("name"), JsonUtil.lng(e, "size")));
        for (String shard : List.of("shards/all.tar", "shards/all.tgz", "shards/all.zip")) {
            assertThat(byName).containsKey(shard);
            assertThat(byName.keySet().stream().filter(n -> n.startsWith(shard + "/")))
                    .hasSize(objects.size());
            assertThat(byName.get(shard + "/s-0042.jpg")).isEqualTo((long) objects.get("s-0042.jpg").length);
        }
        JsonObject shardEntry = entries.stream()
                .filter(e -> e.getString("name").equals("shards/all.tar"))
                .findFirst()
                .orElseThrow();
        assertThat(JsonUtil.lng(shardEntry, "flags")).isEqualTo(1L << 9);
    }

    @Test
    @Order(5)
    void appendsAFileToATar() throws IOException {
        byte[] extra = "appended later".getBytes(StandardCharsets.UTF_8);
        var r = c.send(
                c.url(c.runningSlots().get(0)),
                "PUT",
                AisClient.objPath(dst, "shards/all.tar") + "?archpath=extra/new.txt&archmime=.tar",
                Map.of("Ais-Pine", "1", "Content-Type", "application/octet-stream"),
                extra,
                AisClient.DEFAULT_TIMEOUT);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        var one = c.send(
                c.url(c.runningSlots().get(0)),
                "GET",
                AisClient.objPath(dst, "shards/all.tar") + "?archpath=extra/new.txt",
                Map.of(),
                null,
                AisClient.DEFAULT_TIMEOUT);
        assertThat(one.resp().body()).isEqualTo(extra);
        Map<String, byte[]> all = members(
                "all.tar",
                c.get(c.runningSlots().get(0), dst, "shards/all.tar").resp().body());
        assertThat(all).hasSize(objects.size() + 1);
        assertThat(new ArrayList<>(all.keySet()).get(objects.size())).isEqualTo("extra/new.txt");
        var absent = c.send(
                c.url(c.runningSlots().get(0)),
                "PUT",
                AisClient.objPath(dst, "shards/none.tar") + "?archpath=a.txt",
                Map.of("Ais-Pine", "1"),
                extra,
                AisClient.DEFAULT_TIMEOUT);
        assertThat(absent.status()).as("%s", absent).isEqualTo(404);
    }

    @Test
    @Order(6)
    void getBatchKeepsTheRequestedOrderAcrossBucketsAndShards() throws IOException {
        // plain objects from the source bucket, files from shards in the destination bucket, one missing item
        List<JsonObject> items = new ArrayList<>();
        List<String> expectNames = new ArrayList<>();
        List<byte[]> expectData = new ArrayList<>();
        Random rnd = new Random(5);
        List<String> keys = new ArrayList<>(objects.keySet());
        for (int i = 0; i < 499; i++) {
            String k = keys.get(rnd.nextInt(keys.size()));
            if (i % 3 == 0) {
                String shard = i % 2 == 0 ? "shards/all.tgz" : "shards/all.zip";
                items.add(Json.createObjectBuilder()
                        .add("objname", shard)
                        .add("bucket", dst)
                        .add("archpath", k)
                        .build());
                expectNames.add(dst + "/" + shard + "/" + k);
            } else {
                items.add(Json.createObjectBuilder().add("objname", k).build());
                expectNames.add(src + "/" + k);
            }
            expectData.add(objects.get(k));
        }
        items.add(
                250, Json.createObjectBuilder().add("objname", "no-such-object").build());
        expectNames.add(250, "__404__/" + src + "/no-such-object");
        expectData.add(250, new byte[0]);
        JsonArrayBuilder in = Json.createArrayBuilder();
        items.forEach(in::add);
        String req = Json.createObjectBuilder()
                .add("in", in)
                .add("mime", ".tar")
                .add("coer", true)
                .add("strm", true)
                .build()
                .toString();
        var r = c.send(
                c.url(c.runningSlots().get(1 % c.runningSlots().size())),
                "GET",
                "/v1/ml/moss/" + src,
                Map.of("Content-Type", "application/json"),
                req.getBytes(StandardCharsets.UTF_8),
                AisClient.DEFAULT_TIMEOUT);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<String> gotNames = new ArrayList<>();
        List<byte[]> gotData = new ArrayList<>();
        try (TarArchiveInputStream t =
                new TarArchiveInputStream(new ByteArrayInputStream(r.resp().body()))) {
            ArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                gotNames.add(e.getName());
                gotData.add(t.readAllBytes());
            }
        }
        assertThat(gotNames).containsExactlyElementsOf(expectNames);
        for (int i = 0; i < gotData.size(); i++) {
            assertThat(gotData.get(i)).as(gotNames.get(i)).isEqualTo(expectData.get(i));
        }

        // without coer: a clean 404 naming the object, before any archive byte
        String strict = Json.createObjectBuilder()
                .add(
                        "in",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("objname", "no-such-object")))
                .add("strm", true)
                .build()
                .toString();
        var nf = c.send(
                c.url(c.runningSlots().get(0)),
                "GET",
                "/v1/ml/moss/" + src,
                Map.of("Content-Type", "application/json"),
                strict.getBytes(StandardCharsets.UTF_8),
                AisClient.DEFAULT_TIMEOUT);
        assertThat(nf.status()).as("%s", nf).isEqualTo(404);
        assertThat(nf.resp().text()).contains("ais://" + src + "/no-such-object");
    }

    @Test
    @Order(7)
    void getBatchMultipartHasMetadataThenArchive() {
        String req = Json.createObjectBuilder()
                .add(
                        "in",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("objname", "s-0001.cls"))
                                .add(Json.createObjectBuilder().add("objname", "gone"))
                                .add(Json.createObjectBuilder()
                                        .add("objname", "shards/all.zip")
                                        .add("bucket", dst)
                                        .add("archpath", "s-0002.cls")))
                .add("mime", ".tgz")
                .add("coer", true)
                .add("onob", true)
                .build()
                .toString();
        var r = c.send(
                c.url(c.runningSlots().get(0)),
                "GET",
                "/v1/ml/moss/" + src,
                Map.of("Content-Type", "application/json"),
                req.getBytes(StandardCharsets.UTF_8),
                AisClient.DEFAULT_TIMEOUT);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.resp().header("Content-Type"))
                .startsWith("multipart/mixed")
                .contains("boundary=");
        String text = new String(r.resp().body(), StandardCharsets.ISO_8859_1);
        int meta = text.indexOf("name=\"metadata\"");
        int arch = text.indexOf("name=\"archive\"");
        assertThat(meta).isPositive().isLessThan(arch);
        String json = text.substring(text.indexOf("{", meta), text.lastIndexOf("}", arch) + 1);
        List<JsonObject> out = JsonUtil.objects(JsonUtil.parseObject(json), "out");
        assertThat(out).hasSize(3);
        assertThat(out.get(0).getString("objname")).isEqualTo("s-0001.cls");
        assertThat(JsonUtil.lng(out.get(0), "size")).isEqualTo(1L);
        assertThat(out.get(1).getString("err_msg")).contains("gone");
        assertThat(out.get(2).getString("archpath")).isEqualTo("s-0002.cls");
    }
}
