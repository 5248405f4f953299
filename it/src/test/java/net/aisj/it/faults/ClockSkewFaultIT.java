package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clock skew under load: node 2's wall clock runs {@link #BEHIND} behind, node 3's {@link #AHEAD} ahead (Debian's
 * libfaketime preloaded into those two JVMs; monotonic clocks are left alone; each node's clock is checked through
 * the time it stamps on an object it owns). Load runs through a kill -9 and
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

    /**
     * Each node's clock as its objects show it: a PUT that lands on node i as the owner (sent through node 1, the
     * redirect names the owner) stamps the object with node i's wall clock (its modification time, read back by HEAD);
     * compared with the middle of the PUT on the test's clock. Index 1..3, milliseconds ahead (negative: behind).
     */
    static long[] clockOffsets() {
        String bucket = net.aisj.it.support.ItEnv.bucketName("clock");
        c.client(1).createBucket(bucket).expect(200);
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long[] off = new long[4];
        boolean[] seen = new boolean[4];
        int found = 0;
        try {
            for (int k = 0; k < 200 && found < 3; k++) {
                URI u = URI.create(c.url(1) + "/v1/objects/" + bucket + "/clock-" + k);
                long t0 = System.currentTimeMillis();
                HttpResponse<Void> r = http.send(put(u), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 307) {
                    u = u.resolve(r.headers().firstValue("Location").orElseThrow());
                    t0 = System.currentTimeMillis();
                    r = http.send(put(u), HttpResponse.BodyHandlers.discarding());
                }
                long t1 = System.currentTimeMillis();
                assertThat(r.statusCode()).as("PUT " + u).isEqualTo(200);
                int owner = 0;
                for (int i = 1; i <= 3; i++) {
                    if (URI.create(c.url(i)).getAuthority().equals(u.getAuthority())) {
                        owner = i;
                    }
                }
                if (owner == 0 || seen[owner]) {
                    continue;
                }
                HttpResponse<Void> h = http.send(
                        HttpRequest.newBuilder(u)
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                off[owner] = mtimeMillis(h) - (t0 + t1) / 2;
                seen[owner] = true;
                found++;
                System.out.printf(
                        "[faults clock-skew] node%d's clock: %+d ms (PUT took %d ms)%n", owner, off[owner], t1 - t0);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(found).as("nodes whose clock was read").isEqualTo(3);
        return off;
    }

    /**
     * The object's modification time, which the owner takes from its wall clock when it commits a PUT, as HEAD's
     * {@code Last-Modified} (whole seconds, rounded down). ({@code Ais-Atime} is the file's access time, which the
     * kernel sets: not the JVM's clock.)
     */
    private static long mtimeMillis(HttpResponse<?> head) {
        String lm = head.headers().firstValue("Last-Modified").orElseThrow();
        return java.time.ZonedDateTime.parse(lm, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()
                .toEpochMilli();
    }

    private static HttpRequest put(URI u) {
        return HttpRequest.newBuilder(u)
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("clock"))
                .build();
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
        long[] offset = clockOffsets();
        // Last-Modified has whole seconds (rounded down): a node is up to a second earlier than its clock, plus the PUT
        assertThat(offset[2])
                .as("node 2's clock (ms off)")
                .isBetween(-BEHIND.toMillis() - 2000, -BEHIND.toMillis() + 1000);
        assertThat(offset[3]).as("node 3's clock (ms off)").isBetween(AHEAD.toMillis() - 2000, AHEAD.toMillis() + 1000);

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
