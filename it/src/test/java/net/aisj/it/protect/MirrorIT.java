package net.aisj.it.protect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-way mirroring on the shared node's two mountpaths: make-n-copies puts a copy of every object on both; with a
 * copy deleted or bit-flipped on disk every GET still returns the right bytes, and the copies come back. PUT
 * throughput without mirroring, with background copies ({@code put-copies} job) and with {@code mirror.sync_put}.
 */
class MirrorIT {

    static final int COUNT = 120;
    static NodeProcess node;
    static AisClient ais;
    static String b;
    static final Map<String, byte[]> objects = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() {
        node = SharedNode.get();
        ais = SharedNode.client();
        b = ItEnv.bucketName("mirror");
        ais.createBucket(b).expect(200);
        for (int i = 0; i < COUNT; i++) {
            String o = "m/obj-" + i;
            byte[] d = PseudoRandomInputStream.bytes(31L * i, 1000 + 2711 * (i % 50));
            ais.put(b, o, d).expect(200);
            objects.put(o, d);
        }
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    /** The object's file on a mountpath (names here need no escaping). */
    static Path file(Path mp, String o) {
        return net.aisj.it.support.Mountpaths.objectFile(mp, b, o);
    }

    static boolean onBoth(String o) throws Exception {
        for (Path mp : node.mountpaths()) {
            Path f = file(mp, o);
            if (!Files.isRegularFile(f) || !java.util.Arrays.equals(Files.readAllBytes(f), objects.get(o))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void copiesSurviveADeletedOrBitFlippedCopy() throws Exception {
        String job = ais.control(
                        "POST", AisClient.bckPath(b), JsonUtil.actMsg("make-n-copies", null, Json.createValue(2)))
                .expect(200)
                .text();
        assertThat(job).matches("[A-Za-z][A-Za-z0-9]{8}");
        var st = Jobs.awaitEnd(ais, job, "make-n-copies", Duration.ofMinutes(2));
        assertThat(st.getString("kind")).isEqualTo("make-n-copies");
        for (String o : objects.keySet()) {
            assertThat(onBoth(o)).as("%s has a copy on both mountpaths", o).isTrue();
        }
        var props = ais.headBucket(b).expect(200).header("Ais-Bucket-Props");
        assertThat(JsonUtil.parseObject(props).getJsonObject("mirror").getInt("copies"))
                .isEqualTo(2);

        // damage one copy of most objects: delete it, or flip a bit in place (same size, LOM intact)
        ais.setBprops(
                        b,
                        Json.createObjectBuilder()
                                .add("checksum", Json.createObjectBuilder().add("validate_warm_get", true))
                                .build())
                .expect(200);
        List<String> names = List.copyOf(objects.keySet());
        List<Path> mps = node.mountpaths();
        int deleted = 0;
        int flipped = 0;
        for (int i = 0; i < names.size(); i++) {
            Path f = file(mps.get(i % 2), names.get(i));
            if (i % 3 == 0) {
                Files.delete(f);
                deleted++;
            } else if (i % 3 == 1) {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    long pos = raf.length() / 2;
                    raf.seek(pos);
                    int x = raf.read();
                    raf.seek(pos);
                    raf.write(x ^ 0x04);
                }
                flipped++;
            }
        }
        System.out.printf(
                "[it mirror] damaged %d objects: %d copies deleted, %d bit-flipped%n",
                deleted + flipped, deleted, flipped);
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, byte[]> e : objects.entrySet()) {
                var r = ais.get(b, e.getKey()).expect(200);
                assertThat(r.body()).as("GET %s (round %d)", e.getKey(), round).isEqualTo(e.getValue());
            }
        }
        // reads healed what they met; a scrub finds the rest (flipped copies that no read chose)
        long t0 = System.nanoTime();
        String scrub = ais.control(
                        "PUT",
                        "/v1/cluster",
                        JsonUtil.actMsg(
                                "start",
                                null,
                                Json.createObjectBuilder()
                                        .add("kind", "scrub")
                                        .add("bck", Json.createObjectBuilder().add("name", b))
                                        .build()))
                .expect(200)
                .text();
        var done = Jobs.awaitEnd(ais, scrub, "scrub", Duration.ofMinutes(2));
        System.out.printf("[it mirror] scrub %s: %s%n", scrub, done);
        Poll.until(Duration.ofMinutes(1), "every object is back on both mountpaths", () -> {
            for (String o : objects.keySet()) {
                if (!onBoth(o)) {
                    return false;
                }
            }
            return true;
        });
        System.out.printf("[it mirror] all copies healed %.1f s after the reads%n", (System.nanoTime() - t0) / 1e9);
        var qry = ais.control(
                        "GET",
                        "/v1/cluster?what=qryxstats",
                        Json.createObjectBuilder().add("ID", scrub).build().toString())
                .expect(200)
                .json();
        System.out.printf("[it mirror] scrub stats: %s%n", qry);
    }

    @Test
    void putsGetTheirCopiesInTheBackgroundOrBeforeTheyReturn() throws Exception {
        String bk = ItEnv.bucketName("mirput");
        ais.createBucket(
                        bk,
                        Json.createObjectBuilder()
                                .add(
                                        "mirror",
                                        Json.createObjectBuilder()
                                                .add("enabled", true)
                                                .add("copies", 2))
                                .build())
                .expect(200);
        try {
            byte[] d = PseudoRandomInputStream.bytes(7, 70_000);
            ais.put(bk, "async", d).expect(200);
            Poll.until(
                    Duration.ofSeconds(30),
                    "the async PUT's copy exists",
                    () -> node.mountpaths().stream()
                            .allMatch(mp -> Files.isRegularFile(
                                    mp.resolve("@ais").resolve(bk).resolve("%ob/async"))));
            ais.setBprops(
                            bk,
                            Json.createObjectBuilder()
                                    .add("mirror", Json.createObjectBuilder().add("sync_put", true))
                                    .build())
                    .expect(200);
            for (int i = 0; i < 20; i++) {
                ais.put(bk, "sync-" + i, d).expect(200);
                for (Path mp : node.mountpaths()) {
                    assertThat(mp.resolve("@ais").resolve(bk).resolve("%ob").resolve("sync-" + i))
                            .as("copy on %s right after the PUT returned", mp)
                            .isRegularFile();
                }
            }
        } finally {
            ais.destroyQuietly(bk);
        }
    }

    static final int TP_COUNT = 150;

    /** PUTs {@code data} into {@code bucket} with 4 client threads; returns the seconds taken. */
    static double putAll(String bucket, Map<String, byte[]> data) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            long t0 = System.nanoTime();
            List<java.util.concurrent.Future<Integer>> fs = new java.util.ArrayList<>();
            for (Map.Entry<String, byte[]> e : data.entrySet()) {
                fs.add(pool.submit(
                        () -> ais.put(bucket, e.getKey(), e.getValue()).status()));
            }
            for (var f : fs) {
                assertThat(f.get()).isEqualTo(200);
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sum of {@code stat} over the node's put-copies jobs (all of them, running or ended). */
    static long putCopiesTotal(String stat) {
        return Jobs.statTotal(ais, null, "put-copies", stat);
    }

    @Test
    void putThroughputWithoutMirroringWithBackgroundCopiesAndWithSyncPut() throws Exception {
        Map<String, byte[]> data = new LinkedHashMap<>();
        java.util.Random rnd = new java.util.Random(41);
        long bytes = 0;
        for (int i = 0; i < TP_COUNT; i++) {
            byte[] d = PseudoRandomInputStream.bytes(1000L + i, 1024 + rnd.nextInt(255 * 1024 + 1));
            data.put(String.format("tp-%04d", i), d);
            bytes += d.length;
        }
        String plain = ItEnv.bucketName("mir-tp-plain");
        String async = ItEnv.bucketName("mir-tp-async");
        String sync = ItEnv.bucketName("mir-tp-sync");
        ais.createBucket(plain).expect(200);
        for (String bk : List.of(async, sync)) {
            ais.createBucket(
                            bk,
                            Json.createObjectBuilder()
                                    .add(
                                            "mirror",
                                            Json.createObjectBuilder()
                                                    .add("enabled", true)
                                                    .add("copies", 2)
                                                    .add("sync_put", bk.equals(sync)))
                                    .build())
                    .expect(200);
        }
        try {
            long objsBefore = putCopiesTotal("loc-objs");
            long bytesBefore = putCopiesTotal("loc-bytes");
            putAll(plain, data); // JIT warm-up of the PUT path, not measured
            ais.destroyQuietly(plain);
            ais.createBucket(plain).expect(200);
            // two rounds in opposite orders (plain, async, sync, then sync, async, plain; new names each round),
            // so that neither warm-up nor a load change on the shared machine favours one setting
            double tPlain = putAll(plain, data);
            double tAsync = putAll(async, data);
            double tSync = putAll(sync, data);
            Map<String, byte[]> round2 = new LinkedHashMap<>();
            data.forEach((k, v) -> round2.put("r2-" + k, v));
            tSync = (tSync + putAll(sync, round2)) / 2;
            tAsync = (tAsync + putAll(async, round2)) / 2;
            tPlain = (tPlain + putAll(plain, round2)) / 2;
            data.putAll(round2);
            // sync_put: both copies are on disk the moment the PUTs returned
            for (String o : data.keySet()) {
                for (Path mp : node.mountpaths()) {
                    assertThat(mp.resolve("@ais").resolve(sync).resolve("%ob").resolve(o))
                            .as("sync_put copy of %s on %s", o, mp)
                            .isRegularFile();
                }
            }
            double mib = bytes / 1048576.0;
            System.out.printf(
                    "[it mirror] PUT throughput (mean of 2 rounds), %d objects of 1..256 KiB (%.1f MiB), 4"
                            + " client threads, one node, 2 mountpaths on one disk: no mirroring %.1f MiB/s (%.0f PUT/s), mirror.copies=2 in the"
                            + " background %.1f MiB/s (%.0f PUT/s), mirror.copies=2 sync_put %.1f MiB/s (%.0f PUT/s)%n",
                    TP_COUNT,
                    mib,
                    mib / tPlain,
                    TP_COUNT / tPlain,
                    mib / tAsync,
                    TP_COUNT / tAsync,
                    mib / tSync,
                    TP_COUNT / tSync);
            // background: the copies follow, counted by the node's put-copies job(s)
            Poll.until(
                    Duration.ofSeconds(60),
                    "every background copy is made",
                    () -> data.keySet().stream()
                            .allMatch(o -> node.mountpaths().stream()
                                    .allMatch(mp -> Files.isRegularFile(mp.resolve("@ais")
                                            .resolve(async)
                                            .resolve("%ob")
                                            .resolve(o)))));
            long b0 = bytes;
            Poll.until(
                    Duration.ofSeconds(30),
                    "put-copies counts the " + 2 * TP_COUNT + " objects copied",
                    () -> putCopiesTotal("loc-objs") - objsBefore >= 2 * TP_COUNT
                            && putCopiesTotal("loc-bytes") - bytesBefore >= 2 * b0);
            // a demand job: it ends once its queue has been idle
            Poll.until(
                    Duration.ofSeconds(60),
                    "the put-copies job ends when idle",
                    () -> ais.control(
                                    "GET",
                                    "/v1/cluster?what=running_all",
                                    Json.createObjectBuilder()
                                            .add("kind", "put-copies")
                                            .build()
                                            .toString())
                            .expect(200)
                            .text()
                            .equals("[]"));
            System.out.printf(
                    "[it mirror] put-copies jobs: %d objects, %d bytes copied in all%n",
                    putCopiesTotal("loc-objs"), putCopiesTotal("loc-bytes"));
        } finally {
            for (String bk : List.of(plain, async, sync)) {
                ais.destroyQuietly(bk);
            }
        }
    }
}
