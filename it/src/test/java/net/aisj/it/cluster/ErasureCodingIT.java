package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Erasure coding across targets on a 4-node cluster, black box: EC 2+1 (objects below {@code objsize_limit}
 * replicated), PUT throughput with and without {@code ec.sync_put}, delete/overwrite on every holder (one holder
 * keeping a stale, newer generation, which the main replaces), bit flips in main replicas and slices (detected,
 * never served, healed), {@code kill -9} of a node during a PUT wave and then of a second one (sync: every
 * acknowledged object stays readable), and the asynchronous window (objects whose only copy was on the killed node
 * come back with it).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureCodingIT {

    static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);
    static final long LIMIT = 16 * 1024;
    /** Objects per PUT wave (the 1000): 1..32 KiB, about half below LIMIT (replicated), 5 of 1..4 MiB. */
    static final int WAVE = 1000;
    /** Parallel PUT/GET clients. */
    static final int CLIENTS = 8;

    static LocalCluster c() {
        return EcCluster.get();
    }

    static String newBucket(String tag, boolean sync, boolean validate) {
        String b = ItEnv.bucketName(tag);
        c().client(c().runningSlots().get(0))
                .createBucket(b, EcCluster.ecProps(2, 1, LIMIT, sync, validate))
                .expect(200);
        return b;
    }

    @Test
    @Order(1)
    void enablingEcNeedsDataPlusParityPlusOneTargets() {
        String b = ItEnv.bucketName("ec-need");
        Resp r = c().client(1).createBucket(b, EcCluster.ecProps(3, 1, LIMIT, false, false));
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.text()).contains("requires at least 5 targets");
        c().client(1).createBucket(b).expect(200);
        Resp set = c().client(2).setBprops(b, EcCluster.ecProps(3, 1, LIMIT, false, false));
        assertThat(set.status()).as("%s", set).isEqualTo(400);
        c().client(2).setBprops(b, EcCluster.ecProps(2, 1, LIMIT, false, false)).expect(200);
        Resp off = c().client(3)
                .setBprops(
                        b,
                        jakarta.json.Json.createObjectBuilder()
                                .add(
                                        "ec",
                                        jakarta.json.Json.createObjectBuilder().add("enabled", false))
                                .build());
        assertThat(off.status()).as("EC cannot be switched off: %s", off).isEqualTo(400);
        c().client(1).destroyQuietly(b);
    }

    @Test
    @Order(2)
    void putThroughputWithoutEcWithAsyncAndWithSyncRedundancy() {
        DataSet data = DataSet.generate("tp-", 150, 256, 0, 5);
        String plain = ItEnv.bucketName("ec-tp-plain");
        c().client(1).createBucket(plain).expect(200);
        String async = newBucket("ec-tp-async", false, false);
        String sync = newBucket("ec-tp-sync", true, false);
        List<Integer> all = c().runningSlots();
        long ecPutObjs = jobTotal("ec-put", "loc-objs");
        long ecPutBytes = jobTotal("ec-put", "loc-bytes");
        double tPlain = data.putAll(c(), plain, all, 4);
        double tAsync = data.putAll(c(), async, all, 4);
        double tSync = data.putAll(c(), sync, all, 4);
        double mib = data.totalBytes() / 1048576.0;
        System.out.printf(
                "[it-ec] PUT throughput, %d objects of 1..256 KiB (%.1f MiB), 4 client threads, 4 nodes on"
                        + " one machine: no EC %.1f MiB/s (%.0f obj/s), EC 2+1 async %.1f MiB/s (%.0f obj/s), EC 2+1"
                        + " sync_put %.1f MiB/s (%.0f obj/s)%n",
                data.size(),
                mib,
                mib / tPlain,
                data.size() / tPlain,
                mib / tAsync,
                data.size() / tAsync,
                mib / tSync,
                data.size() / tSync);
        for (String b : List.of(plain, async, sync)) {
            List<String> failures = data.verifyAll(c(), b, List.of(all.get(0)), 4);
            assertThat(failures)
                    .as("read back from %s: %s", b, DataSet.describe(failures))
                    .isEmpty();
        }
        // the async bucket's slices follow: every sliced object ends up with its 3 slices
        Poll.until(
                Duration.ofSeconds(60),
                "the asynchronous bucket's slices are all made",
                () -> data.names().stream()
                        .filter(n -> data.get(n).size() >= LIMIT)
                        .allMatch(n -> EcCluster.holders(c(), async, "%ec", n).size() == 3));
        // the targets' ec-put jobs (demand-driven, like AIS's) counted every object of the asynchronous bucket
        Poll.until(
                Duration.ofSeconds(30),
                "ec-put jobs count the asynchronous bucket's objects",
                () -> jobTotal("ec-put", "loc-objs") - ecPutObjs >= data.size()
                        && jobTotal("ec-put", "loc-bytes") - ecPutBytes >= data.totalBytes());
        System.out.printf(
                "[it-ec] ec-put jobs: %d objects, %d bytes encoded or replicated in the background%n",
                jobTotal("ec-put", "loc-objs") - ecPutObjs, jobTotal("ec-put", "loc-bytes") - ecPutBytes);
        for (String b : List.of(plain, async, sync)) {
            c().client(1).destroyQuietly(b);
        }
    }

    /** Sum of one counter over every node's jobs of {@code kind} (running or ended). */
    static long jobTotal(String kind, String stat) {
        return Jobs.statTotal(c().client(c().runningSlots().get(0)), null, kind, stat);
    }

    @Test
    @Order(3)
    void overwriteReplacesTheSlicesEverywhereAndDeleteRemovesThem() {
        String b = newBucket("ec-del", true, false);
        byte[] v1 = PseudoRandomInputStream.bytes(1, 40_000);
        byte[] v2 = PseudoRandomInputStream.bytes(2, 50_000);
        assertThat(c().put(1, b, "obj", v1).status()).isEqualTo(200);
        Map<Integer, Path> slices = EcCluster.holders(c(), b, "%ec", "obj");
        assertThat(slices).as("slice holders of a 40000-byte object").hasSize(3);
        slices.values().forEach(p -> assertThat(p.toFile().length()).isEqualTo(20_000));
        Map<Integer, String> meta1 = metas(b, "obj");
        // one holder keeps a stale, newer generation (as if written while the main was away): it refuses the
        // main's next slice, and the main, the object's source of truth, replaces that generation
        int stale = slices.keySet().iterator().next();
        Path staleMeta = EcCluster.holders(c(), b, "%mt", "obj").get(stale);
        long future = generation(meta1.get(stale)) + 1_000_000_000_000L;
        writeString(staleMeta, meta1.get(stale).replaceFirst("\"generation\":\\d+", "\"generation\":" + future));
        assertThat(c().put(2, b, "obj", v2).status()).isEqualTo(200);
        Map<Integer, String> meta2 = metas(b, "obj");
        assertThat(meta2.keySet()).containsAll(slices.keySet());
        for (int s : slices.keySet()) {
            assertThat(generation(meta2.get(s)))
                    .as("generation on node%d", s)
                    .isGreaterThan(generation(meta1.get(s)))
                    .isLessThan(future);
        }
        assertThat(meta2.values().stream().map(ErasureCodingIT::generation).distinct())
                .as("one generation on every target after the stale one was replaced")
                .hasSize(1);
        EcCluster.holders(c(), b, "%ec", "obj")
                .values()
                .forEach(p -> assertThat(p.toFile().length()).isEqualTo(25_000));
        assertThat(c().get(3, b, "obj").resp().body()).isEqualTo(v2);
        byte[] small = PseudoRandomInputStream.bytes(3, 1000);
        assertThat(c().put(2, b, "small", small).status()).isEqualTo(200);
        assertThat(EcCluster.holders(c(), b, "%ec", "small"))
                .as("one replica of a small object")
                .hasSize(1);

        for (String o : List.of("obj", "small")) {
            assertThat(c().send(
                                    c().url(1),
                                    "DELETE",
                                    AisClient.objPath(b, o),
                                    Map.of(),
                                    null,
                                    AisClient.DEFAULT_TIMEOUT)
                            .status())
                    .isEqualTo(200);
            assertThat(EcCluster.holders(c(), b, "%ec", o))
                    .as("slices of deleted %s", o)
                    .isEmpty();
            assertThat(EcCluster.holders(c(), b, "%mt", o))
                    .as("metafiles of deleted %s", o)
                    .isEmpty();
            assertThat(c().get(4, b, o).status()).isEqualTo(404);
        }
        c().client(1).destroyQuietly(b);
    }

    private Map<Integer, String> metas(String b, String name) {
        Map<Integer, String> out = new LinkedHashMap<>();
        EcCluster.holders(c(), b, "%mt", name)
                .forEach((s, p) -> out.put(s, new String(EcCluster.read(p), java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    private static void writeString(Path p, String content) {
        try {
            java.nio.file.Files.writeString(p, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long generation(String metaJson) {
        return JsonUtil.parseObject(metaJson).getJsonNumber("generation").longValue();
    }

    @Test
    @Order(4)
    void bitFlipsInMainReplicasAndSlicesAreDetectedNeverServedAndHealed() {
        String b = newBucket("ec-flip", true, true);
        DataSet[] put = putSlicedAndSmall(b, 30, 12, 11);
        DataSet sliced = put[0];
        DataSet small = put[1];
        List<String> s = sliced.names();
        List<String> r = small.names();
        assertThat(s.size()).isGreaterThanOrEqualTo(18);
        List<String> mainFlipped = new ArrayList<>(s.subList(0, 6));
        List<String> sliceFlipped = new ArrayList<>(s.subList(6, 12));
        List<String> both = new ArrayList<>(s.subList(12, 16));
        mainFlipped.addAll(r.subList(0, 4));
        List<String> replicaFlipped = r.subList(4, 8);
        Map<Path, byte[]> originals = new LinkedHashMap<>();
        for (String n : mainFlipped) {
            EcCluster.flip(mainFile(b, n));
        }
        for (String n : both) {
            EcCluster.flip(mainFile(b, n));
        }
        List<String> slicesToFlip = new ArrayList<>(sliceFlipped);
        slicesToFlip.addAll(both);
        slicesToFlip.addAll(replicaFlipped);
        for (String n : slicesToFlip) {
            Path p = EcCluster.holders(c(), b, "%ec", n).values().iterator().next();
            originals.put(p, EcCluster.read(p));
            EcCluster.flip(p);
        }
        System.out.printf(
                "[it-ec] flipped a bit in %d main replicas, %d slices/replicas, and both in %d objects%n",
                mainFlipped.size(), sliceFlipped.size() + replicaFlipped.size(), both.size());

        DataSet all = sliced.union(small);
        List<String> failures = all.verifyAll(c(), b, c().runningSlots(), 4);
        assertThat(failures)
                .as("every GET after the bit flips: %s", DataSet.describe(failures))
                .isEmpty();
        List<String> healedMain = new ArrayList<>(mainFlipped);
        healedMain.addAll(both);
        for (String n : healedMain) {
            assertThat(EcCluster.read(mainFile(b, n)))
                    .as("main replica of %s rewritten", n)
                    .isEqualTo(DataSet.content(all.get(n)));
        }

        // "ec-encode" with "recover": holders re-read their slices, the main targets re-send the bad ones
        String job = c().client(1)
                .control(
                        "POST",
                        AisClient.bckPath(b),
                        JsonUtil.actMsg(
                                "ec-encode", "recover", AisClient.str("{\"data_slices\":2,\"parity_slices\":1}")))
                .expect(200)
                .text();
        c().jobs().awaitEnd(job, "ec-encode", Duration.ofSeconds(120));
        int healed = 0;
        for (Map.Entry<Path, byte[]> e : originals.entrySet()) {
            Poll.until(
                    Duration.ofSeconds(30),
                    "slice " + e.getKey() + " healed",
                    () -> e.getKey().toFile().isFile()
                            && java.util.Arrays.equals(EcCluster.read(e.getKey()), e.getValue()));
            healed++;
        }
        System.out.printf(
                "[it-ec] bit flips: %d objects read back intact, %d main replicas rewritten, %d slices "
                        + "and replicas healed (ec-encode %s)%n",
                all.size(), healedMain.size(), healed, job);
        c().client(1).destroyQuietly(b);
    }

    @Test
    @Order(5)
    void scrubFindsBitFlippedSlicesReplicasAndMainCopiesAndHealsThemOnDisk() {
        String b = newBucket("ec-scrub", true, false);
        DataSet[] put = putSlicedAndSmall(b, 40, 20, 51);
        DataSet sliced = put[0];
        DataSet small = put[1];
        List<String> s = sliced.names();
        List<String> r = small.names();
        assertThat(s.size()).isGreaterThanOrEqualTo(20);
        // no GET touches these objects before the scrub: only the scrub can find the damage
        Map<Path, byte[]> flipped = new LinkedHashMap<>();
        for (String n : s.subList(0, 14)) { // one slice each
            Path p = EcCluster.holders(c(), b, "%ec", n).values().iterator().next();
            flipped.put(p, EcCluster.read(p));
        }
        for (String n : r.subList(0, 6)) { // the replica of a small object
            Path p = EcCluster.holders(c(), b, "%ec", n).values().iterator().next();
            flipped.put(p, EcCluster.read(p));
        }
        for (String n : List.of(s.get(14), s.get(15), r.get(6), r.get(7))) { // main copies: rebuilt from the others
            Path p = mainFile(b, n);
            flipped.put(p, EcCluster.read(p));
        }
        flipped.keySet().forEach(EcCluster::flip);
        System.out.printf(
                "[it-ec] scrub: flipped a bit in %d files (14 slices, 6 replicas, 4 main copies)%n", flipped.size());

        long t0 = System.nanoTime();
        String job = c().client(1)
                .control(
                        "PUT",
                        "/v1/cluster",
                        JsonUtil.actMsg(
                                "start",
                                null,
                                jakarta.json.Json.createObjectBuilder()
                                        .add("kind", "scrub")
                                        .add(
                                                "bck",
                                                jakarta.json.Json.createObjectBuilder()
                                                        .add("name", b))
                                        .build()))
                .expect(200)
                .text();
        c().jobs().awaitEnd(job, "scrub", Duration.ofSeconds(180));
        double secs = (System.nanoTime() - t0) / 1e9;
        long repaired = Jobs.statTotal(c().client(1), job, "scrub", "out-objs");
        long visited = Jobs.statTotal(c().client(1), job, "scrub", "loc-objs");
        // the scrub re-made every damaged file, on disk, byte-identical, without any read having asked for it
        int healed = 0;
        for (Map.Entry<Path, byte[]> e : flipped.entrySet()) {
            Poll.until(
                    Duration.ofSeconds(30),
                    "file " + e.getKey() + " healed",
                    () -> e.getKey().toFile().isFile()
                            && java.util.Arrays.equals(EcCluster.read(e.getKey()), e.getValue()));
            healed++;
        }
        System.out.printf(
                "[it-ec] scrub %s: %d objects checked, %d repaired (job counters); %d of %d damaged files "
                        + "healed on disk; %.1f s%n",
                job, visited, repaired, healed, flipped.size(), secs);
        assertThat(visited).as("objects the scrub checked").isEqualTo(sliced.size() + small.size());
        assertThat(repaired).as("objects the scrub counted as repaired").isEqualTo(flipped.size());
        List<String> failures = sliced.union(small).verifyAll(c(), b, c().runningSlots(), CLIENTS);
        assertThat(failures)
                .as("every GET after the scrub: %s", DataSet.describe(failures))
                .isEmpty();
        c().client(1).destroyQuietly(b);
    }

    /**
     * PUTs objects "s-*" of 1..64 KiB ({@code slicedOf} generated, those at or above LIMIT kept: sliced) and
     * {@code small} objects "r-*" of 1..8 KiB (replicated); returns {sliced, small}.
     */
    private static DataSet[] putSlicedAndSmall(String b, int slicedOf, int small, long seed) {
        DataSet sliced = DataSet.generate("s-", slicedOf, 64, 0, seed).subsetWhere(o -> o.size() >= LIMIT);
        DataSet replicated = DataSet.generate("r-", small, 8, 0, seed + 1);
        sliced.putAll(c(), b, c().runningSlots(), CLIENTS);
        replicated.putAll(c(), b, c().runningSlots(), CLIENTS);
        return new DataSet[] {sliced, replicated};
    }

    private Path mainFile(String b, String name) {
        return EcCluster.mainFile(c(), b, name);
    }

    /**
     * PUTs {@code wave} with {@value #CLIENTS} client threads through random running nodes and kills node {@code victim} once
     * {@code killAfter} PUTs were acknowledged; returns the names acknowledged (HTTP 200).
     */
    private Set<String> putWhileKilling(String b, DataSet wave, int victim, int killAfter) {
        Set<String> acked = new ConcurrentSkipListSet<>();
        AtomicInteger count = new AtomicInteger();
        Object killLock = new Object();
        boolean[] killed = {false};
        List<String> errors = DataSet.run(CLIENTS, wave.objects(), o -> {
            List<Integer> live = c().runningSlots().stream()
                    .filter(s -> s != victim || !killed[0])
                    .toList();
            int via = live.get(ThreadLocalRandom.current().nextInt(live.size()));
            try {
                Followed f = c().put(via, b, o.name(), DataSet.content(o));
                if (f.status() == 200) {
                    acked.add(o.name());
                }
            } catch (RuntimeException | AssertionError e) {
                // the node went away mid-request: not acknowledged
            }
            if (count.incrementAndGet() >= killAfter) {
                synchronized (killLock) {
                    if (!killed[0]) {
                        killed[0] = true;
                        c().node(victim).kill9();
                        System.out.printf("[it-ec] node%d killed after %d acknowledged PUTs%n", victim, acked.size());
                    }
                }
            }
            return null;
        });
        assertThat(errors).isEmpty();
        return acked;
    }

    /** GETs every object through a random running node (other than {@code avoid}); returns the failures. */
    private static List<String> readBack(DataSet d, String b) {
        return DataSet.run(CLIENTS, d.objects(), o -> {
            List<Integer> live = c().runningSlots();
            int via = live.get(ThreadLocalRandom.current().nextInt(live.size()));
            String err = DataSet.check(c().get(via, b, o.name(), Duration.ofSeconds(60)), o);
            return err == null ? null : o.name() + ": " + err;
        });
    }

    private Smap killed(int slot, Smap before) {
        Set<String> left = new TreeSet<>(before.tmap().keySet());
        left.remove(c().id(slot));
        long t0 = System.nanoTime();
        Smap m = c().awaitTargets(left, Duration.ofSeconds(60));
        System.out.printf("[it-ec] node%d out of the cluster map after %.1f s%n", slot, (System.nanoTime() - t0) / 1e9);
        return m;
    }

    @Test
    @Order(6)
    void syncPutKillOneNodeMidWaveThenAnotherEveryAcknowledgedObjectStaysReadable() {
        String b = newBucket("ec-sync", true, false);
        DataSet wave1 = DataSet.generate("w1-", WAVE, 32, 200, 21);
        DataSet wave2 = DataSet.generate("w2-", WAVE, 32, 200, 22);
        wave1.putAll(c(), b, c().runningSlots(), CLIENTS);
        Smap m0 = c().awaitSettled();
        int first = c().nonPrimarySlot(m0);
        Set<String> recoverJobs = EcCluster.jobIds(c(), "ec-recover");

        Set<String> acked2 = putWhileKilling(b, wave2, first, WAVE / 3);
        Smap m1 = killed(first, m0);
        System.out.printf("[it-ec] sync wave 2: %d of %d PUTs acknowledged%n", acked2.size(), wave2.size());
        double rec1 = EcCluster.awaitRecovery(c(), recoverJobs, RECOVERY_TIMEOUT);
        DataSet acked = wave1.union(wave2.subset(acked2));
        long t0 = System.nanoTime();
        List<String> failures = readBack(acked, b);
        System.out.printf(
                "[it-ec] %d acknowledged objects read back through the 3 survivors in %.1f s%n",
                acked.size(), (System.nanoTime() - t0) / 1e9);
        assertThat(failures)
                .as("after losing node%d: %s", first, DataSet.describe(failures))
                .isEmpty();

        int second = c().nonPrimarySlot(m1);
        recoverJobs = EcCluster.jobIds(c(), "ec-recover");
        c().node(second).kill9();
        killed(second, m1);
        double rec2 = EcCluster.awaitRecovery(c(), recoverJobs, RECOVERY_TIMEOUT);
        failures = readBack(acked, b);
        assertThat(failures)
                .as("after also losing node%d: %s", second, DataSet.describe(failures))
                .isEmpty();
        System.out.printf(
                "[it-ec] sync_put: %d objects written and acknowledged, %d verified after losing node%d "
                        + "(recovery %.1f s) and then node%d (recovery %.1f s)%n",
                acked.size(), acked.size(), first, rec1, second, rec2);

        recoverJobs = EcCluster.jobIds(c(), "ec-recover");
        c().start(first, second);
        Smap m3 = c().awaitSettled();
        EcCluster.awaitRecovery(c(), recoverJobs, RECOVERY_TIMEOUT);
        failures = readBack(acked, b);
        assertThat(failures)
                .as("after both nodes returned: %s", DataSet.describe(failures))
                .isEmpty();
        // rebalance + ec-recover put every sliced object back in place: full object on its HRW owner only, one
        // slice on each of the 3 other targets
        DataSet sliced = acked.subsetWhere(o -> o.size() >= LIMIT);
        Map<String, String> owners = Placement.owners(m3, b, sliced.names());
        Poll.until(
                Duration.ofSeconds(120),
                "every sliced object is placed by the 4-target HRW list again",
                () -> misplaced(b, sliced, owners).isEmpty(),
                () -> Placement.sample(misplaced(b, sliced, owners)));
        System.out.printf(
                "[it-ec] after both nodes returned: %d sliced objects each on their owner with 3 slices on"
                        + " the other targets%n",
                sliced.size());
        c().client(1).destroyQuietly(b);
    }

    private List<String> misplaced(String b, DataSet d, Map<String, String> owners) {
        List<String> out = new ArrayList<>();
        for (String n : d.names()) {
            Map<Integer, Path> main = EcCluster.holders(c(), b, "%ob", n);
            Map<Integer, Path> slices = EcCluster.holders(c(), b, "%ec", n);
            int owner = c().slotOf(owners.get(n));
            if (!main.keySet().equals(Set.of(owner)) || slices.size() != 3 || slices.containsKey(owner)) {
                out.add(n + " (object on " + main.keySet() + ", slices on " + slices.keySet() + ", owner " + owner
                        + ")");
            }
        }
        return out;
    }

    @Test
    @Order(7)
    void asyncPutObjectsCaughtInTheWindowReadBackOnceTheKilledNodeReturns() {
        Smap m0 = c().awaitSettled();
        String b = newBucket("ec-async", false, false);
        DataSet wave = DataSet.generate("a-", WAVE, 32, 200, 31);
        int victim = c().nonPrimarySlot(m0);
        Set<String> recoverJobs = EcCluster.jobIds(c(), "ec-recover");
        Set<String> ackedNames = putWhileKilling(b, wave, victim, WAVE / 2);
        killed(victim, m0);
        EcCluster.awaitRecovery(c(), recoverJobs, RECOVERY_TIMEOUT);
        DataSet acked = wave.subset(ackedNames);
        List<String> failures = readBack(acked, b);
        Set<String> caught = new TreeSet<>();
        failures.forEach(f -> caught.add(f.substring(0, f.indexOf(':'))));
        Map<String, String> owners = Placement.owners(m0, b, caught);
        System.out.printf(
                "[it-ec] async: %d of %d PUTs acknowledged; %d acknowledged objects caught in the window "
                        + "(unreadable while node%d is down), all owned by it: %s%n",
                acked.size(),
                wave.size(),
                caught.size(),
                victim,
                owners.values().stream().allMatch(o -> o.equals(c().id(victim))));
        assertThat(owners.values())
                .as("objects unreadable while node%d is down are its own", victim)
                .allMatch(o -> o.equals(c().id(victim)));

        c().start(victim);
        c().awaitSettled();
        Poll.until(
                Duration.ofSeconds(120),
                "every acknowledged object reads back after node" + victim + " returned",
                () -> readBack(acked, b).isEmpty(),
                () -> DataSet.describe(readBack(acked, b)));
        System.out.printf(
                "[it-ec] async: the %d objects caught in the window read back after node%d returned%n",
                caught.size(), victim);
        c().client(1).destroyQuietly(b);
    }
}
