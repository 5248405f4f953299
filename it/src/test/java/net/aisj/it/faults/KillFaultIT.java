package net.aisj.it.faults;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 under load, twice: a non-primary target, restarted on its mountpaths, then (once the rebalance that
 * follows its return has ended: one fault at a time) the primary, restarted too.
 * Load (plain, mirrored and erasure-coded buckets, every node) runs through both kills and past the last restart;
 * the checker then finds no lost acknowledged write, no phantom and no stale read. Runs on the shared fault cluster.
 */
@Tag("cluster")
@Tag("faults")
class KillFaultIT {

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
    void killedTargetsLoseNothingAcknowledged() {
        FaultCluster.Smap m0 = c.ready("kill-9");
        FaultRun run = new FaultRun("kill-9", c, true, c::urls);
        run.startLoad();
        FaultCluster.hold(FaultRun.LEAD);

        int first = c.nonPrimary(m0);
        c.kill9(first);
        List<Integer> rest = c.running();
        FaultCluster.Smap m1 = c.awaitSettled(rest, FaultCluster.SETTLE_TIMEOUT);
        System.out.println("[faults kill-9] node" + first + " killed; survivors agree on " + m1);
        FaultCluster.hold(FaultRun.DOWN);
        c.start(first);
        FaultCluster.Smap m2 = c.awaitSettled();
        System.out.println("[faults kill-9] node" + first + " back: " + m2);
        // one fault at a time: the next kill comes once the rebalance that brings node back up to date has ended (a
        // target killed while it still holds the only copy of later writes takes them away until it returns)
        System.out.println("[faults kill-9] rebalance after the return ended: "
                + c.awaitRebalance(m2, FaultCluster.SETTLE_TIMEOUT));

        int second = c.running().stream()
                .filter(i -> c.id(i).equals(m2.primary()))
                .findFirst()
                .orElseThrow();
        c.kill9(second);
        FaultCluster.Smap m3 = c.awaitSettled(c.running(), FaultCluster.SETTLE_TIMEOUT);
        System.out.println("[faults kill-9] primary node" + second + " killed; survivors agree on " + m3);
        FaultCluster.hold(FaultRun.DOWN);
        c.start(second);
        FaultCluster.Smap m4 = c.awaitSettled();
        System.out.println("[faults kill-9] node" + second + " back: " + m4);
        FaultCluster.hold(FaultRun.TAIL);
        run.finish();
    }
}
