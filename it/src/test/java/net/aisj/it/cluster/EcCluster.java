package net.aisj.it.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import net.aisj.it.support.SharedFixture;

/**
 * The 4-node cluster the erasure-coding tests share (EC 2+1 needs D+P+1 = 4 targets), started lazily and stopped by
 * a JVM shutdown hook, plus helpers: EC bucket props, on-disk slice/object files, waiting for ec-recover.
 */
final class EcCluster {

    private static final SharedFixture<LocalCluster> CLUSTER = new SharedFixture<>(
            "EC cluster",
            () -> SharedFixture.startOrClose(new LocalCluster("ec", 4), c -> {
                // two at a time: four JVMs deploying at once on a busy 2-core machine can take longer than the
                // per-node start timeout
                c.start(1, 2);
                c.start(3, 4);
                System.out.println("[it-ec] formed: " + c.awaitSettled().brief());
            }));

    private EcCluster() {}

    static LocalCluster get() {
        return CLUSTER.get();
    }

    /** Bucket props: EC {@code d}+{@code p}, objects below {@code limit} bytes replicated, sync or async PUTs. */
    static JsonObject ecProps(int d, int p, long limit, boolean syncPut, boolean validateWarmGet) {
        return Json.createObjectBuilder()
                .add(
                        "ec",
                        Json.createObjectBuilder()
                                .add("enabled", true)
                                .add("data_slices", d)
                                .add("parity_slices", p)
                                .add("objsize_limit", limit)
                                .add("sync_put", syncPut))
                .add("checksum", Json.createObjectBuilder().add("validate_warm_get", validateWarmGet))
                .build();
    }

    /** The files of one object in one content directory ({@code %ob}, {@code %ec}, {@code %mt}) on a node. */
    static List<Path> files(LocalCluster c, int slot, String bucket, String dir, String name) {
        List<Path> out = new ArrayList<>();
        for (Path mp : c.node(slot).mountpaths()) {
            Path p = mp.resolve("@ais").resolve(bucket).resolve(dir).resolve(name);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Slot to the files of {@code name} in {@code dir} on every running node that has one. */
    static Map<Integer, Path> holders(LocalCluster c, String bucket, String dir, String name) {
        Map<Integer, Path> out = new TreeMap<>();
        for (int s : c.runningSlots()) {
            List<Path> f = files(c, s, bucket, dir, name);
            if (!f.isEmpty()) {
                out.put(s, f.get(0));
            }
        }
        return out;
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips one bit in the middle of a file on disk (same size, same metadata). */
    static void flip(Path p) {
        try {
            net.aisj.it.support.Mountpaths.flip(p, Files.size(p) / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main replica of {@code name} (its only {@code %ob} file in the cluster). */
    static Path mainFile(LocalCluster c, String b, String name) {
        Map<Integer, Path> h = holders(c, b, "%ob", name);
        org.assertj.core.api.Assertions.assertThat(h)
                .as("main replica of %s", name)
                .hasSize(1);
        return h.values().iterator().next();
    }

    /** Ids of the jobs of {@code kind} any running node knows. */
    static Set<String> jobIds(LocalCluster c, String kind) {
        Set<String> out = new TreeSet<>();
        JsonObject all = c.jobs().qryxstats(c.runningSlots().get(0), null, kind);
        for (JsonValue v : all.values()) {
            for (JsonValue s : (JsonArray) v) {
                out.add(JsonUtil.str((JsonObject) s, "id"));
            }
        }
        return out;
    }

    /**
     * Waits until every running node ran an {@code ec-recover} job not in {@code before} and none runs one; returns
     * the seconds waited and prints the counters.
     */
    static double awaitRecovery(LocalCluster c, Set<String> before, Duration timeout) {
        long t0 = System.nanoTime();
        JsonObject[] last = new JsonObject[1];
        Poll.until(
                timeout,
                "every running node finished a new ec-recover job",
                () -> {
                    JsonObject all = c.jobs().qryxstats(c.runningSlots().get(0), null, "ec-recover");
                    last[0] = all;
                    if (all.size() < c.runningSlots().size()) {
                        return false;
                    }
                    for (JsonValue v : all.values()) {
                        boolean fresh = false;
                        for (JsonValue s : (JsonArray) v) {
                            JsonObject o = (JsonObject) s;
                            if (!o.getBoolean("is_idle", false)) {
                                return false;
                            }
                            fresh |= !before.contains(JsonUtil.str(o, "id"));
                        }
                        if (!fresh) {
                            return false;
                        }
                    }
                    return true;
                },
                () -> String.valueOf(last[0]));
        double secs = (System.nanoTime() - t0) / 1e9;
        long restored = 0;
        long sent = 0;
        for (JsonValue v : last[0].values()) {
            for (JsonValue s : (JsonArray) v) {
                JsonObject o = (JsonObject) s;
                if (!before.contains(JsonUtil.str(o, "id"))) {
                    JsonObject st = o.getJsonObject("stats");
                    restored += Long.parseLong(st.getString("in-objs"));
                    sent += Long.parseLong(st.getString("out-objs"));
                    String err = JsonUtil.str(o, "err");
                    if (err != null && !err.isEmpty()) {
                        System.out.println("[it-ec] ec-recover on " + JsonUtil.str(o, "node") + " reported: " + err);
                    }
                }
            }
        }
        System.out.printf(
                "[it-ec] ec-recover done %.1f s after the cluster map settled: %d objects restored, %d "
                        + "replicas/slices re-sent%n",
                secs, restored, sent);
        return secs;
    }
}
