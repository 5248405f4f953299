package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * dsort on the shared cluster: 20 input tar shards of 1000 WebDataset records each ({@code .bin} of 1-4 KiB and a
 * {@code .cls}; record names spread over the shards in a random order) are resharded into ~10 MiB output shards,
 * sorted by name and shuffled with a seed. Every record must come out exactly once and byte-identical, in the order
 * asked for; the same seed must give byte-identical shards; an abort must leave only complete shards and no scratch
 * files; bad specs get a 400 in AIS's error format. The sort run prints the throughput.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DsortIT {

    static final int SHARDS = 20;
    static final int PER_SHARD = 1000;
    static final int RECORDS = SHARDS * PER_SHARD;
    static final long SHARD_SIZE = 10L << 20;
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    static LocalCluster c;
    static String src;
    static final List<String> buckets = new ArrayList<>();
    static long inputBytes;
    static String sortJob;

    @BeforeAll
    static void load() throws IOException {
        c = SharedCluster.get();
        c.awaitSettled();
        src = bucket("dsort-src");
        List<Integer> order = IntStream.range(0, RECORDS).boxed().collect(java.util.stream.Collectors.toList());
        Collections.shuffle(order, new Random(5));
        List<String> failures = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
                for (int p = 0; p < PER_SHARD; p++) {
                    int i = order.get(s * PER_SHARD + p);
                    add(t, name(i) + ".bin", bin(i));
                    add(t, name(i) + ".cls", cls(i));
                    inputBytes += bin(i).length + cls(i).length;
                }
            }
            var r = c.put(c.runningSlots().get(0), src, "in-" + s + ".tar", b.toByteArray());
            if (r.status() != 200) {
                failures.add(r.toString());
            }
        }
        assertThat(failures).isEmpty();
    }

    static int victim;

    @AfterAll
    static void cleanUp() {
        if (c != null && victim != 0 && !c.running(victim)) {
            c.start(victim);
            c.awaitSettled();
        }
        if (c != null) {
            buckets.forEach(b -> any().destroyQuietly(b));
        }
    }

    static String bucket(String prefix) {
        String b = ItEnv.bucketName(prefix);
        any().createBucket(b).expect(200);
        buckets.add(b);
        return b;
    }

    static AisClient any() {
        return c.client(c.runningSlots().get(0));
    }

    static String name(int i) {
        return String.format("sample-%05d", i);
    }

    /** 1..4 KiB of pseudo-random bytes, a function of the record's number. */
    static byte[] bin(int i) {
        Random r = new Random(i * 7919L + 1);
        byte[] b = new byte[1024 + r.nextInt(3 * 1024)];
        r.nextBytes(b);
        return b;
    }

    static byte[] cls(int i) {
        return Integer.toString(i % 100).getBytes(StandardCharsets.UTF_8);
    }

    static void add(TarArchiveOutputStream t, String n, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(n);
        e.setSize(data.length);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    static JsonObjectBuilder spec(String dst, JsonObject algorithm) {
        return Json.createObjectBuilder()
                .add("input_bck", Json.createObjectBuilder().add("name", src))
                .add("output_bck", Json.createObjectBuilder().add("name", dst))
                .add("input_format", Json.createObjectBuilder().add("template", "in-{0..19}"))
                .add("input_extension", ".tar")
                .add("output_format", "out-{000..999}")
                .add("output_shard_size", "10MiB")
                .add("algorithm", algorithm)
                .add("description", "DsortIT");
    }

    static Resp post(JsonObject spec) {
        return any().control("POST", "/v1/sort", spec.toString());
    }

    /** Starts a job, returns its id. */
    static String start(JsonObject spec) {
        Resp r = post(spec);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        String id = r.text().trim();
        assertThat(id).isNotEmpty();
        return id;
    }

    /** Every target's JobInfo (GET /v1/sort?uuid=). */
    static JsonObject metrics(String id) {
        Resp r = any().send("GET", "/v1/sort?uuid=" + id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /** Polls the dsort API until every target's part ended (archived or aborted); returns the last metrics. */
    static JsonObject awaitEnd(String id) {
        JsonObject[] last = {null};
        Poll.until(
                JOB_TIMEOUT,
                "dsort " + id + " ends on every target",
                () -> {
                    last[0] = metrics(id);
                    return last[0].size() == c.runningSlots().size()
                            && last[0].values().stream()
                                    .map(JsonValue::asJsonObject)
                                    .allMatch(j -> j.getBoolean("archived") || j.getBoolean("aborted"));
                },
                () -> String.valueOf(last[0]));
        return last[0];
    }

    /** The output shards in template order with their members. */
    static Map<String, Map<String, byte[]>> outputs(String dst) throws IOException {
        List<String> names = any().listNames(dst, "").stream().sorted().toList();
        Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
        for (String n : names) {
            var g = c.get(c.runningSlots().get(0), dst, n);
            assertThat(g.status()).as("%s", g).isEqualTo(200);
            out.put(n, members(g.resp().body()));
        }
        return out;
    }

    static Map<String, byte[]> members(byte[] tar) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                byte[] data = t.readAllBytes();
                assertThat(data.length).as("member %s complete", e.getName()).isEqualTo(e.getSize());
                assertThat(m.put(e.getName(), data))
                        .as("member %s once", e.getName())
                        .isNull();
            }
        }
        return m;
    }

    /** Checks that every record is present once, intact; returns the record names in output order. */
    static List<String> checkAllRecords(Map<String, Map<String, byte[]>> shards) {
        List<String> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var shard : shards.entrySet()) {
            for (var m : shard.getValue().entrySet()) {
                String member = m.getKey();
                String rec = member.substring(0, member.indexOf('.'));
                int i = Integer.parseInt(rec.substring("sample-".length()));
                byte[] want = member.endsWith(".bin") ? bin(i) : cls(i);
                assertThat(m.getValue()).as("%s in %s", member, shard.getKey()).isEqualTo(want);
                if (seen.add(rec)) {
                    order.add(rec);
                } else {
                    assertThat(order.get(order.size() - 1))
                            .as("files of %s are adjacent", rec)
                            .isEqualTo(rec);
                }
            }
        }
        assertThat(order).as("records out").hasSize(RECORDS);
        return order;
    }

    static final List<String> SORTED =
            IntStream.range(0, RECORDS).mapToObj(DsortIT::name).sorted().toList();

    static List<String> sortedNames() {
        return SORTED;
    }

    static void printThroughput(String what, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "[dsort] %s: %d records (%.1f MiB) in %.1f s on %d nodes: %.0f records/s, %.1f MiB/s%n",
                what,
                RECORDS,
                inputBytes / 1048576.0,
                secs,
                c.runningSlots().size(),
                RECORDS / secs,
                inputBytes / 1048576.0 / secs);
    }

    /** Scratch files of job {@code id} left in any node's work directories. */
    static List<Path> scratchLeft(String id) throws IOException {
        List<Path> left = new ArrayList<>();
        for (int s : c.runningSlots()) {
            for (Path mp : c.node(s).mountpaths()) {
                Path wk = mp.resolve("%wk");
                if (Files.isDirectory(wk)) {
                    try (Stream<Path> st = Files.list(wk)) {
                        st.filter(p -> p.getFileName().toString().startsWith("scr-dsort-" + id))
                                .forEach(left::add);
                    }
                }
            }
        }
        return left;
    }

    @Test
    @Order(1)
    void sortsByNameAcrossShards() throws IOException {
        String dst = bucket("dsort-sorted");
        long t0 = System.nanoTime();
        sortJob = start(
                spec(dst, Json.createObjectBuilder().add("kind", "alphanumeric").build())
                        .build());
        JsonObject m = awaitEnd(sortJob);
        printThroughput("sort by name (first run, cold JIT)", t0);
        assertThat(m.values().stream().map(JsonValue::asJsonObject).noneMatch(j -> j.getBoolean("aborted")))
                .as("%s", m)
                .isTrue();
        JsonObject status = Jobs.awaitEnd(any(), sortJob, "dsort", JOB_TIMEOUT);
        assertThat(status.getString("kind", "")).isEqualTo("dsort");

        Map<String, Map<String, byte[]>> shards = outputs(dst);
        System.out.printf("[dsort] %d output shards%n", shards.size());
        assertThat(shards.keySet())
                .as("output names in template order")
                .startsWith("out-000.tar", "out-001.tar", "out-002.tar");
        assertThat(shards.size()).as("several ~10 MiB shards").isBetween(4, 6);
        List<String> order = checkAllRecords(shards);
        assertThat(order).as("names ascending across shards").isEqualTo(sortedNames());
        List<Map<String, byte[]>> list = new ArrayList<>(shards.values());
        for (int i = 0; i < list.size() - 1; i++) {
            long size = list.get(i).values().stream().mapToLong(b -> b.length).sum();
            assertThat(size).as("shard %d content", i).isBetween(SHARD_SIZE, SHARD_SIZE + 8192);
        }
        assertThat(scratchLeft(sortJob)).as("scratch files after the job").isEmpty();
    }

    @Test
    @Order(2)
    void seededShuffleIsRandomAndReproducible() throws IOException {
        JsonObject alg = Json.createObjectBuilder()
                .add("kind", "shuffle")
                .add("seed", "1234")
                .build();
        String a = bucket("dsort-shuf-a");
        String b = bucket("dsort-shuf-b");
        long t0 = System.nanoTime();
        String idA = start(spec(a, alg).build());
        awaitEnd(idA);
        printThroughput("seeded shuffle", t0);
        t0 = System.nanoTime();
        String idB = start(spec(b, alg).build());
        awaitEnd(idB);
        printThroughput("seeded shuffle, rerun", t0);

        Map<String, Map<String, byte[]>> shardsA = outputs(a);
        List<String> order = checkAllRecords(shardsA);
        assertThat(order).as("shuffled").isNotEqualTo(sortedNames());
        long inPlace = IntStream.range(0, RECORDS)
                .filter(i -> order.get(i).equals(SORTED.get(i)))
                .count();
        assertThat(inPlace).as("records left at their sorted position").isLessThan(100);

        List<String> namesA = any().listNames(a, "").stream().sorted().toList();
        assertThat(any().listNames(b, "").stream().sorted().toList()).isEqualTo(namesA);
        for (String n : namesA) {
            assertThat(md5(c.get(c.runningSlots().get(0), b, n).resp().body()))
                    .as("%s of the rerun", n)
                    .isEqualTo(md5(c.get(c.runningSlots().get(0), a, n).resp().body()));
        }
        assertThat(scratchLeft(idA)).isEmpty();
        assertThat(scratchLeft(idB)).isEmpty();
    }

    /**
     * Aborted while shards are being created (200 records a shard, so 100 of them): the shards already stored are
     * whole (exactly 200 complete records each), no other shard exists, and no scratch file is left anywhere.
     */
    @Test
    @Order(3)
    void abortLeavesOnlyCompleteShardsAndNoScratch() throws IOException {
        String dst = bucket("dsort-abort");
        String id = start(
                spec(dst, Json.createObjectBuilder().add("kind", "alphanumeric").build())
                        .add("output_shard_size", "")
                        .add("output_shard_records", 200)
                        .build());
        Poll.until(
                JOB_TIMEOUT,
                "dsort " + id + " has created a shard",
                () -> metrics(id).values().stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(j -> Long.parseLong(j.getJsonObject("Metrics")
                                        .getJsonObject("shard_creation")
                                        .getString("created_count"))
                                > 0));
        Resp r = any().send("DELETE", "/v1/sort/abort?uuid=" + id);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonObject m = awaitEnd(id);
        assertThat(m.values().stream().map(JsonValue::asJsonObject).allMatch(j -> j.getBoolean("aborted")))
                .as("%s", m)
                .isTrue();
        Resp st = Jobs.status(any(), id, "dsort");
        assertThat(st.status()).isEqualTo(200);
        assertThat(st.json().getBoolean("aborted", false)).as("%s", st).isTrue();

        Map<String, Map<String, byte[]>> shards = outputs(dst);
        System.out.printf("[dsort] aborted with %d of 100 shards stored%n", shards.size());
        assertThat(shards).as("shards stored before the abort").isNotEmpty().hasSizeLessThan(100);
        for (var s : shards.entrySet()) {
            assertThat(s.getValue()).as("members of %s", s.getKey()).hasSize(400);
            for (var e : s.getValue().entrySet()) {
                int i = Integer.parseInt(
                        e.getKey().substring("sample-".length(), e.getKey().indexOf('.')));
                assertThat(e.getValue())
                        .as("%s in %s", e.getKey(), s.getKey())
                        .isEqualTo(e.getKey().endsWith(".bin") ? bin(i) : cls(i));
            }
        }
        Poll.until(
                Duration.ofSeconds(30),
                "no scratch files of " + id,
                () -> scratchLeft(id).isEmpty(),
                () -> String.valueOf(uncheckedScratch(id)));
    }

    /** The jobs API's stop ({@code PUT /v1/cluster} with the id) aborts every part of a dsort job too. */
    @Test
    @Order(4)
    void jobsApiStopAbortsEveryPart() {
        String dst = bucket("dsort-stop");
        String id = start(
                spec(dst, Json.createObjectBuilder().add("kind", "alphanumeric").build())
                        .add("output_shard_size", "")
                        .add("output_shard_records", 200)
                        .build());
        Resp r = any().control(
                        "PUT",
                        "/v1/cluster",
                        Json.createObjectBuilder()
                                .add("action", "stop")
                                .add(
                                        "value",
                                        Json.createObjectBuilder().add("ID", id).add("Kind", "dsort"))
                                .build()
                                .toString());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonObject m = awaitEnd(id);
        assertThat(m.values().stream()
                        .map(JsonValue::asJsonObject)
                        .allMatch(j -> j.getBoolean("aborted")
                                && j.getJsonObject("Metrics")
                                        .getString("abort_reason", "")
                                        .contains("aborted by a user")))
                .as("%s", m)
                .isTrue();
    }

    static List<Path> uncheckedScratch(String id) {
        try {
            return scratchLeft(id);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    @Order(5)
    void badSpecsGet400InAisFormat() {
        String dst = "dsort-never";
        JsonObject alph = Json.createObjectBuilder().add("kind", "alphanumeric").build();
        List<JsonObject> bad = List.of(
                spec(dst, alph).remove("output_shard_size").build(),
                spec(dst, Json.createObjectBuilder().add("kind", "bogus").build())
                        .build(),
                spec(dst, alph).add("output_shard_size", "ten").build(),
                spec(dst, alph).add("output_format", "out-no-range").build(),
                spec(dst, alph).remove("input_format").build(),
                spec(
                                dst,
                                Json.createObjectBuilder()
                                        .add("kind", "content")
                                        .add("extension", "cls")
                                        .build())
                        .build(),
                spec(
                                dst,
                                Json.createObjectBuilder()
                                        .add("kind", "shuffle")
                                        .add("seed", "-3")
                                        .build())
                        .build(),
                spec(dst, alph).add("input_extension", ".rar").build());
        for (JsonObject s : bad) {
            Resp r = post(s);
            assertThat(r.status()).as("%s -> %s", s, r).isEqualTo(400);
            assertThat(r.json().getString("message", "")).as("%s", r).contains("invalid dsort spec");
            assertThat(r.json().getInt("status", 0)).isEqualTo(400);
        }
        Resp notJson = any().control("POST", "/v1/sort", "{not json");
        assertThat(notJson.status()).as("%s", notJson).isEqualTo(400);
        Resp noBucket = post(spec(dst, alph)
                .add("input_bck", Json.createObjectBuilder().add("name", "no-such-b"))
                .build());
        assertThat(noBucket.status()).as("%s", noBucket).isEqualTo(404);
        assertThat(any().listBuckets().text()).doesNotContain(dst);
    }

    @Test
    @Order(7)
    void listsAndRemovesFinishedJobs() {
        Resp list = any().send("GET", "/v1/sort?regex=DsortIT");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(list.text()).contains(sortJob);
        Resp active = any().send("GET", "/v1/sort?onlyactive=true");
        assertThat(active.text()).doesNotContain(sortJob);
        assertThat(any().send("DELETE", "/v1/sort?uuid=" + sortJob).status()).isEqualTo(200);
        Resp gone = any().send("GET", "/v1/sort?uuid=" + sortJob);
        assertThat(gone.status()).as("%s", gone).isEqualTo(404);
        assertThat(any().send("DELETE", "/v1/sort/abort?uuid=no-such-job").status())
                .isEqualTo(404);
    }

    /**
     * An external key map (AIS's JSON form, served from an object of the cluster itself) sends even and odd records
     * to their own shard templates; within each template's shards the records stay in name order.
     */
    @Test
    @Order(6)
    void externalKeyMapPacksRecordsByTemplate() throws IOException {
        String ekm = "{\"even-{00..99}\": [\"[02468]$\"], \"odd-{00..99}\": [\"[13579]$\"]}";
        c.put(c.runningSlots().get(0), src, "ekm.json", ekm.getBytes(StandardCharsets.UTF_8));
        String dst = bucket("dsort-ekm");
        String url = c.url(c.runningSlots().get(1)) + AisClient.objPath(src, "ekm.json");
        String id = start(
                spec(dst, Json.createObjectBuilder().add("kind", "alphanumeric").build())
                        .remove("output_format")
                        .add("ekm_file", url)
                        .build());
        JsonObject m = awaitEnd(id);
        assertThat(m.values().stream().map(JsonValue::asJsonObject).noneMatch(j -> j.getBoolean("aborted")))
                .as("%s", m)
                .isTrue();
        Map<String, Map<String, byte[]>> shards = outputs(dst);
        assertThat(shards.keySet())
                .contains("even-00.tar", "even-01.tar", "odd-00.tar", "odd-01.tar")
                .allMatch(n -> n.startsWith("even-") || n.startsWith("odd-"));
        List<String> order = checkAllRecords(shards);
        List<String> even = order.stream()
                .filter(n -> (n.charAt(n.length() - 1) - '0') % 2 == 0)
                .toList();
        assertThat(order.subList(0, even.size()))
                .as("even-* shards (listed first) hold the even records")
                .isEqualTo(even)
                .isSorted();
        assertThat(order.subList(even.size(), order.size()))
                .as("odd records, in name order")
                .isSorted()
                .allMatch(n -> (n.charAt(n.length() - 1) - '0') % 2 == 1);
    }

    /**
     * A target stopped mid-job: every surviving part aborts and says which target left; the survivors keep no
     * scratch files. The node is restarted on its mountpath afterwards (the shared cluster is left as found).
     */
    @Test
    @Order(8)
    void aTargetLeavingAbortsTheJobAndSaysWhich() throws IOException {
        Smap m0 = c.awaitSettled();
        victim = c.nonPrimarySlot(m0);
        String victimId = c.id(victim);
        List<Integer> survivors =
                c.runningSlots().stream().filter(s -> s != victim).toList();
        String dst = bucket("dsort-leave");
        String id = start(spec(
                        dst,
                        Json.createObjectBuilder()
                                .add("kind", "shuffle")
                                .add("seed", "7")
                                .build())
                .build());
        c.stop(victim);
        AisClient via = c.client(survivors.get(0));
        JsonObject[] last = {null};
        Poll.until(
                JOB_TIMEOUT,
                "dsort " + id + " aborted on the survivors",
                () -> {
                    Resp r = via.send("GET", "/v1/sort?uuid=" + id);
                    last[0] = r.status() == 200 ? r.json() : null;
                    return last[0] != null
                            && last[0].size() == survivors.size()
                            && last[0].values().stream()
                                    .map(JsonValue::asJsonObject)
                                    .allMatch(j -> j.getBoolean("aborted")
                                            && !j.getString("finish_time").startsWith("0001"));
                },
                () -> String.valueOf(last[0]));
        Resp st = Jobs.status(via, id, "dsort");
        assertThat(st.status()).as("%s", st).isEqualTo(200);
        assertThat(st.json().getBoolean("aborted", false)).as("%s", st).isTrue();
        assertThat(st.text()).as("the status names the target that left").contains(victimId);
        for (JsonValue v : last[0].values()) {
            assertThat(v.asJsonObject().getJsonObject("Metrics").getString("abort_reason", ""))
                    .as("%s", v)
                    .contains(victimId);
        }
        Poll.until(
                Duration.ofSeconds(30),
                "no scratch files of " + id + " on the survivors",
                () -> scratchLeft(id).isEmpty(),
                () -> String.valueOf(uncheckedScratch(id)));

        c.start(victim);
        c.awaitTargets(m0.tmap().keySet(), LocalCluster.SMAP_TIMEOUT);
        victim = 0;
    }

    static String md5(byte[] b) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
