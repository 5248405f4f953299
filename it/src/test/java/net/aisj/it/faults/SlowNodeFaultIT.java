package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hung node under load: SIGSTOP for 15 s (longer than the 10 s heartbeat timeout, so the others drop it), then
 * SIGCONT. Requests sent to it end within their bound; it comes back into the cluster (Hazelcast's split-brain
 * merge takes it back: see the README on partitions), and the checker finds nothing lost. Runs on the shared fault
 * cluster.
 */
@Tag("cluster")
@Tag("faults")
class SlowNodeFaultIT {

    static final Duration STOPPED = Duration.ofSeconds(15);
    static FaultCluster c;

    @BeforeAll
    static void acquire() {
        c = FaultCluster.acquire();
    }

    @AfterAll
    static void release() {
        if (c != null) {
            FaultCluster.release();
        }
    }

    @Test
    void aStoppedNodeDelaysRequestsWithinTheirBoundAndLosesNothing() {
        FaultCluster.Smap m0 = c.ready("sigstop");
        FaultRun run = new FaultRun("sigstop", c, false, c::urls);
        run.startLoad();
        FaultCluster.hold(FaultRun.LEAD);

        int victim = c.nonPrimary(m0);
        c.signal(victim, "STOP");
        try {
            FaultCluster.hold(STOPPED);
        } finally {
            c.signal(victim, "CONT");
        }
        long t0 = System.nanoTime();
        FaultCluster.Smap m1 = c.awaitSettled();
        System.out.printf(
                "[faults sigstop] node%d stopped %d s; all 3 agree again %.1f s after SIGCONT: %s%n",
                victim, STOPPED.toSeconds(), (System.nanoTime() - t0) / 1e9, m1);
        FaultCluster.hold(FaultRun.TAIL);
        run.finish();
        assertThat(run.load.maxLatency())
                .as("the slowest request (each hop is bounded by %s)", FaultRun.REQUEST_TIMEOUT)
                .isLessThan(FaultRun.REQUEST_TIMEOUT.plusSeconds(10));
    }
}
