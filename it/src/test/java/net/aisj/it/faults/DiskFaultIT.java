package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Disk faults under load (plain, mirrored and erasure-coded buckets), on the shared fault cluster: a 384 KiB tmpfs
 * (mounted before the nodes started) is attached as a mountpath of a running node under load. The resilver that the
 * attach starts (the rebalance of the node's objects across its mountpaths) moves about a third of the node's
 * objects onto it and fills it (writes to it are refused with 507 from 95 % full). Then the small mountpath turns
 * read-only under load (the health check disables it) and is healed: remounted read-write and enabled again. Nothing
 * acknowledged may be lost, no read may be stale. At the end the mountpath is detached (its objects move back to the
 * node's own mountpaths), so the shared cluster is as it was.
 */
@Tag("cluster")
@Tag("faults")
class DiskFaultIT {

    static FaultCluster c;

    @BeforeAll
    static void acquire() {
        assumeTrue(
                FaultCluster.isRoot(),
                "DiskFaultIT needs root (it mounts a tmpfs and remounts it read-only); skipped here as user "
                        + System.getProperty("user.name") + ". CI runs as root.");
        c = FaultCluster.acquire();
    }

    @AfterAll
    static void release() {
        if (c != null) {
            FaultCluster.release();
        }
    }

    @Test
    void aMountpathFillingDuringAResilverThenTurningReadOnlyLosesNothing() {
        Path small = c.small();
        assertThat(small).as("the shared fault cluster's spare tmpfs").isNotNull();
        String mp = small.toAbsolutePath().normalize().toString();
        FaultCluster.Smap m0 = c.ready("disk");
        int n = c.nonPrimary(m0);
        FaultRun run = new FaultRun("disk", c, true, c::urls);
        run.startLoad();
        FaultCluster.hold(FaultRun.LEAD);

        mountpath(n, "PUT", "attach-mp", mp);
        try {
            System.out.println("[faults disk] 384 KiB tmpfs attached to node" + n + " under load (a resilver follows)");
            Poll.until(
                    Duration.ofSeconds(120),
                    "node" + n + "'s 384 KiB mountpath fills up to the out-of-space mark",
                    () -> used(small) >= 0.90,
                    () -> String.format("%.0f %% used", used(small) * 100));
            System.out.printf("[faults disk] the small mountpath is %.0f %% full%n", used(small) * 100);
            FaultCluster.hold(FaultRun.LEAD);

            boolean disabledWhenFull = listed(n, "disabled", mp);
            System.out.println("[faults disk] before the remount the full mountpath is "
                    + (disabledWhenFull ? "disabled already (the health check found it failing writes)" : "enabled"));
            FaultCluster.run(List.of("mount", "-o", "remount,ro", mp));
            long t0 = System.nanoTime();
            Poll.until(
                    Duration.ofSeconds(60),
                    "the health check disables the read-only mountpath",
                    () -> listed(n, "disabled", mp),
                    () -> String.valueOf(mountpaths(n)));
            System.out.printf(
                    "[faults disk] the small mountpath is read-only; disabled by the health check after %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
            FaultCluster.hold(FaultRun.LEAD);
        } finally {
            FaultCluster.run(List.of("mount", "-o", "remount,rw", mp));
        }
        mountpath(n, "POST", "enable-mp", mp);
        assertThat(listed(n, "available", mp)).as("enabled again").isTrue();
        System.out.println("[faults disk] healed: read-write again and enabled");
        FaultCluster.hold(FaultRun.TAIL);
        Checker.Result r = run.finish();
        assertThat(r.count("put_ok"))
                .as("PUTs refused while the mountpath was full or read-only")
                .isLessThan(r.count("put"));

        mountpath(n, "DELETE", "detach-mp", mp);
        Poll.until(
                Duration.ofSeconds(120),
                "the small mountpath is detached after its resilver",
                () -> !listed(n, "available", mp) && !listed(n, "disabled", mp),
                () -> String.valueOf(mountpaths(n)));
    }

    private static void mountpath(int node, String method, String action, String mp) {
        c.client(node)
                .control(method, "/v1/daemon/mountpaths", JsonUtil.actMsg(action, null, Json.createValue(mp)))
                .expect(200);
    }

    private static JsonObject mountpaths(int node) {
        Resp r = c.client(node)
                .send("GET", "/v1/daemon?what=mountpaths", Map.of(), null, Duration.ofSeconds(10))
                .expect(200);
        return r.json();
    }

    private static boolean listed(int node, String list, String mp) {
        JsonObject o = mountpaths(node);
        if (!o.containsKey(list) || o.isNull(list)) {
            return false;
        }
        JsonArray a = o.getJsonArray(list);
        return a.getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(s -> s.getString().equals(mp));
    }

    private static double used(Path p) {
        try {
            var fs = Files.getFileStore(p);
            return 1.0 - (double) fs.getUsableSpace() / fs.getTotalSpace();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
