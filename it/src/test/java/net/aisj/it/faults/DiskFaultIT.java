package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Disk faults under load (plain and mirrored buckets: EC 1+1 needs 3 targets when the bucket is made). Node 3's
 * second mountpath is a 384 KiB tmpfs. Nodes 1 and 2 take load first; node 3 then joins, so the rebalance moves a
 * third of the objects to it and fills the small mountpath (writes to it are refused with 507 from 95 % full). Then
 * the small mountpath turns read-only under load (the health check disables it) and is healed: remounted read-write
 * and enabled again. Nothing acknowledged may be lost, no read may be stale.
 */
@Tag("cluster")
@Tag("faults")
class DiskFaultIT {

    static FaultCluster c;
    static Path small;
    static boolean mounted;

    @AfterAll
    static void stop() {
        if (c != null) {
            c.close();
        }
        if (mounted) {
            run(List.of("umount", "-l", small.toString()));
        }
    }

    @Test
    void aMountpathFillingDuringARebalanceThenTurningReadOnlyLosesNothing() {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        c = new FaultCluster("disk", 3, null);
        small = c.node(3).mountpaths().get(1);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=384k", "tmpfs", small.toString()));
        mounted = true;
        c.start(1, 2);
        c.awaitSettled();
        FaultRun run = new FaultRun(
                "disk", c, true, false, () -> c.running().stream().map(c::url).toList());
        run.startLoad();
        FaultCluster.hold(Duration.ofSeconds(20));

        c.start(3);
        FaultCluster.Smap m = c.awaitSettled();
        System.out.println("[faults disk] node3 joined (a rebalance follows): " + m);
        Poll.until(
                Duration.ofSeconds(180),
                "node3's 384 KiB mountpath fills up to the out-of-space mark",
                () -> used(small) >= 0.90,
                () -> String.format("%.0f %% used", used(small) * 100));
        System.out.printf("[faults disk] the small mountpath is %.0f %% full%n", used(small) * 100);
        FaultCluster.hold(Duration.ofSeconds(10));

        run(List.of("mount", "-o", "remount,ro", small.toString()));
        System.out.println("[faults disk] the small mountpath is read-only now");
        FaultCluster.hold(Duration.ofSeconds(20));
        run(List.of("mount", "-o", "remount,rw", small.toString()));
        c.client(3)
                .control(
                        "POST",
                        "/v1/daemon/mountpaths",
                        JsonUtil.actMsg(
                                "enable-mp",
                                null,
                                Json.createValue(
                                        small.toAbsolutePath().normalize().toString())))
                .expect(200);
        System.out.println("[faults disk] healed: read-write again and enabled");
        FaultCluster.hold(Duration.ofSeconds(10));
        Checker.Result r = run.finish();
        assertThat(r.count("put_ok")).isLessThan(r.count("put"));
    }

    private static double used(Path p) {
        try {
            var fs = Files.getFileStore(p);
            return 1.0 - (double) fs.getUsableSpace() / fs.getTotalSpace();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(cmd + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
