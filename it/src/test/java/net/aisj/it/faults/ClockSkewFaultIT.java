package net.aisj.it.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clock skew: node 2's wall clock runs 45 s behind, node 3's 90 s ahead (libfaketime, Debian's {@code faketime}
 * package, preloaded into the JVM; monotonic clocks are left alone, so only wall-clock time differs). Load runs
 * through a kill -9 and restart of the node ahead, so a rebalance compares objects written under different clocks.
 *
 * <p><b>Does not pass here: the skewed nodes do not boot.</b> Under libfaketime Payara Micro boots far too slowly on
 * this machine (last try, load about 20: the two skewed nodes had logged only their first boot steps after 2.5 min
 * and were not listening after 6 min; a plain JVM reads the clock 10-40 times slower under the library). The test is
 * kept as the real experiment (no test-only clock offset stands in for a real clock); README "Faults under load"
 * says what skew would do: later-write-wins and delete records compare wall clocks, so skew beyond the time between
 * two writes of one object can order them wrongly.
 */
@Tag("cluster")
@Tag("faults")
class ClockSkewFaultIT {

    static FaultCluster c;

    @AfterAll
    static void stop() {
        if (c != null) {
            c.close();
        }
    }

    /** libfaketime's shared object, wherever the distribution's multiarch directory puts it. */
    static Optional<Path> libfaketime() {
        try (Stream<Path> s = Files.list(Path.of("/usr/lib"))) {
            return s.map(d -> d.resolve("faketime/libfaketime.so.1"))
                    .filter(Files::isRegularFile)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Test
    void skewedClocksLoseNothing() {
        Optional<Path> lib = libfaketime();
        assumeTrue(lib.isPresent(), "libfaketime is not installed (Debian: apt-get install faketime)");
        c = new FaultCluster(
                "skew",
                3,
                null,
                i -> i == 1
                        ? List.of()
                        : List.of(
                                "env",
                                "LD_PRELOAD=" + lib.get(),
                                "FAKETIME=" + (i == 2 ? "-45s" : "+90s"),
                                "FAKETIME_DONT_FAKE_MONOTONIC=1",
                                "FAKETIME_DONT_RESET=1"));
        c.startAll();
        FaultCluster.Smap m0 = c.awaitSettled();
        for (int i = 1; i <= 3; i++) {
            System.out.println("[faults clock-skew] node" + i + " Date header: "
                    + c.client(i).health().header("Date"));
        }
        FaultRun run = new FaultRun("clock-skew", c, true, c::urls);
        run.startLoad();
        FaultCluster.hold(Duration.ofSeconds(20));
        c.kill9(3);
        c.awaitSettled(c.running(), FaultCluster.SETTLE_TIMEOUT);
        FaultCluster.hold(Duration.ofSeconds(10));
        c.start(3);
        System.out.println("[faults clock-skew] node3 (90 s ahead) back: " + c.awaitSettled());
        FaultCluster.hold(Duration.ofSeconds(10));
        run.finish();
    }
}
