package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clock skew under load: node 2's wall clock runs {@link #BEHIND} behind, node 3's {@link #AHEAD} ahead (Debian's
 * libfaketime preloaded into those two JVMs; monotonic clocks are left alone). Load runs through a kill -9 and
 * restart of the node ahead, so copies written under different clocks meet in the rebalance and in the reads that
 * ask every target for the latest copy. Nodes order copies by wall-clock time, so two writes of one object closer
 * than the clocks' spread may be ordered either way (README "Faults under load"): the checker is given the spread as
 * its tolerance and must find nothing else (no write lost that was followed by no later write within the spread, no
 * phantom, nothing unreadable); it prints how many reads only the tolerance allowed.
 *
 * <p>libfaketime's settings matter for a JVM: {@code FAKETIME_DONT_FAKE_MONOTONIC=1} (the JVM times its waits on
 * the monotonic clock) and {@code FAKETIME_FORCE_MONOTONIC_FIX=0}. With the library's default monotonic fix its
 * {@code pthread_cond_timedwait} returns at once, so every timed wait of the JVM (Object.wait, LockSupport.parkNanos)
 * spins: Payara did not boot within 6 min that way (the earlier tries); with the fix off it boots as fast as without
 * the library.
 */
@Tag("cluster")
@Tag("faults")
class ClockSkewFaultIT {

    static final Duration BEHIND = Duration.ofSeconds(2);
    static final Duration AHEAD = Duration.ofSeconds(3);
    static FaultCluster c;
    static boolean pinned;

    @BeforeAll
    static void pin() {
        pinned = FaultCluster.pinIfRunning();
    }

    @AfterAll
    static void stop() {
        if (c != null) {
            c.close();
        }
        if (pinned) {
            FaultCluster.release();
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
    void skewedClocksReorderNothingFurtherApartThanTheSkew() {
        Optional<Path> lib = libfaketime();
        assertThat(lib)
                .as("libfaketime (Debian: apt-get install faketime; .ci/run installs it)")
                .isPresent();
        c = new FaultCluster(
                "skew",
                3,
                null,
                i -> i == 1
                        ? List.of()
                        : List.of(
                                "env",
                                "LD_PRELOAD=" + lib.get(),
                                "FAKETIME=" + (i == 2 ? "-" + BEHIND.toSeconds() : "+" + AHEAD.toSeconds()) + "s",
                                "FAKETIME_DONT_FAKE_MONOTONIC=1",
                                "FAKETIME_FORCE_MONOTONIC_FIX=0"));
        c.startAll();
        c.awaitSettled();
        long[] offset = new long[4];
        for (int i = 1; i <= 3; i++) {
            long before = System.currentTimeMillis();
            String date = c.client(i).health().header("Date");
            long at = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
            offset[i] = at - before;
            System.out.println("[faults clock-skew] node" + i + " Date: " + date + " (" + offset[i] + " ms off)");
        }
        // the Date header has whole seconds: allow a second and a half either way
        assertThat(offset[2]).as("node 2's clock").isBetween(-BEHIND.toMillis() - 1500, -BEHIND.toMillis() + 1500);
        assertThat(offset[3]).as("node 3's clock").isBetween(AHEAD.toMillis() - 1500, AHEAD.toMillis() + 1500);

        FaultRun run = new FaultRun("clock-skew", c, true, c::urls);
        run.startLoad();
        FaultCluster.hold(FaultRun.LEAD.multipliedBy(2));
        c.kill9(3);
        c.awaitSettled(c.running(), FaultCluster.SETTLE_TIMEOUT);
        FaultCluster.hold(FaultRun.DOWN);
        c.start(3);
        System.out.println("[faults clock-skew] node3 (" + AHEAD.toSeconds() + " s ahead) back: " + c.awaitSettled());
        FaultCluster.hold(FaultRun.TAIL);
        run.finish(BEHIND.plus(AHEAD));
    }
}
