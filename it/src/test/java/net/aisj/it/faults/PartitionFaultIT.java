package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.aisj.it.faults.History.Kind;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A network partition under load: three nodes, each in its own network namespace (the shared fault cluster, when
 * root can make namespaces); one (not the primary) is cut off from the other two for 20 s (10 s to notice, then
 * about 10 s of two sides) while the client still reaches all three. The majority (two of three, with the
 * primary) drops it from the Smap and keeps serving; the cut-off node keeps its last Smap (it publishes no version
 * of its own) and answers every object call with 503; after the heal Hazelcast merges it back, it registers again
 * and all three agree on one Smap. The checker finds no lost acknowledged write.
 */
@Tag("cluster")
@Tag("faults")
class PartitionFaultIT {

    static final Duration CUT = Duration.ofSeconds(20);
    static FaultCluster c;

    @BeforeAll
    static void acquire() {
        String why = NetNs.unavailableReason();
        assumeTrue(
                why == null,
                "PartitionFaultIT needs root and iproute2 (network namespaces); skipped here: " + why
                        + ". CI runs as root.");
        c = FaultCluster.acquire();
    }

    @AfterAll
    static void release() {
        if (c != null) {
            FaultCluster.release();
        }
    }

    @Test
    void theCutOffNodeRefusesTheMajorityServesAndNothingAcknowledgedIsLost() {
        NetNs net = c.net();
        assertThat(net)
                .as("the shared fault cluster runs in network namespaces (%s)", c.noNetReason())
                .isNotNull();
        FaultCluster.Smap m0 = c.ready("partition");
        FaultRun run = new FaultRun("partition", c, false, c::urls);
        run.startLoad();
        FaultCluster.hold(FaultRun.LEAD);

        int cut = c.nonPrimary(m0);
        List<Integer> majority = c.running().stream().filter(i -> i != cut).toList();
        long tCut = run.load.history().now();
        long t0 = System.nanoTime();
        net.cut(cut);
        try {
            cutOff(run, net, cut, majority, m0, tCut, t0);
        } finally {
            net.healQuietly(cut);
        }
    }

    private static void cutOff(
            FaultRun run, NetNs net, int cut, List<Integer> majority, FaultCluster.Smap m0, long tCut, long t0) {
        System.out.println("[faults partition] node" + cut + " (" + c.id(cut) + ") cut off from " + majority
                + "; Smap before: " + m0);
        String probe = AisClient.objPath(run.buckets.get(0), "probe");
        Resp[] last = new Resp[1];
        Poll.until(
                Duration.ofSeconds(60),
                "the cut-off node refuses object calls: 503, cut off from the majority",
                () -> {
                    last[0] = c.client(cut).send("GET", probe, Map.of(), null, Duration.ofSeconds(10));
                    return last[0].status() == 503 && last[0].text().contains("cut off from the majority");
                },
                () -> String.valueOf(last[0]));
        double refuseSecs = (System.nanoTime() - t0) / 1e9;
        FaultCluster.Smap maj = c.awaitSettled(majority, Duration.ofSeconds(60));
        double dropSecs = (System.nanoTime() - t0) / 1e9;
        FaultCluster.Smap minority = c.smap(cut);
        System.out.printf(
                "[faults partition] cut-off node refuses after %.1f s (%s); the majority dropped it after"
                        + " %.1f s: %s; the cut-off node keeps %s%n",
                refuseSecs, last[0].text(), dropSecs, maj, minority);
        assertThat(last[0].text()).contains("cut off from the majority");
        assertThat(maj.version()).as("the majority's Smap version").isGreaterThan(m0.version());
        assertThat(minority.version())
                .as("the cut-off node publishes no Smap version of its own")
                .isEqualTo(m0.version());
        FaultCluster.hold(CUT.minusNanos(System.nanoTime() - t0));

        long tHeal = run.load.history().now();
        net.heal(cut);
        long t1 = System.nanoTime();
        FaultCluster.Smap healed = c.awaitSettled();
        System.out.printf(
                "[faults partition] healed; all 3 agree %.1f s later: %s%n", (System.nanoTime() - t1) / 1e9, healed);
        assertThat(healed.version()).isGreaterThan(maj.version());
        FaultCluster.hold(FaultRun.TAIL);
        Checker.Result r = run.finish();
        String cutUrl = c.url(cut);
        long refusedAfter = tCut + (long) (refuseSecs * 1e9);
        long ackedOnMinority = run.load.history().ops().stream()
                .filter(o -> o.kind() == Kind.PUT
                        && o.acked()
                        && o.node().equals(cutUrl)
                        && o.start() > refusedAfter
                        && o.end() < tHeal)
                .count();
        long ackedOnMajority = run.load.history().ops().stream()
                .filter(o -> o.kind() == Kind.PUT
                        && o.acked()
                        && !o.node().equals(cutUrl)
                        && o.start() > tCut
                        && o.end() < tHeal)
                .count();
        System.out.printf(
                "[faults partition] during the partition: %d PUTs acknowledged through the majority, %d"
                        + " through the cut-off node once it refused (%d PUTs acknowledged in all, %d names verified)%n",
                ackedOnMajority, ackedOnMinority, r.count("put_ok"), r.count("names_verified"));
        assertThat(ackedOnMajority)
                .as("the majority keeps acknowledging writes")
                .isPositive();
        assertThat(ackedOnMinority)
                .as("writes the cut-off node acknowledged after it began refusing")
                .isZero();
    }
}
