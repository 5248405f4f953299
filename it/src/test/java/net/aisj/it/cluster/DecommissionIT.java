package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * decommission-node on one node of the pair cluster: a rebalance drains it to the other node, it leaves the Smap and
 * its process exits; every object stays readable throughout and nothing is lost.
 */
@Tag("cluster")
class DecommissionIT {

    static final int OBJECTS = 300;
    static LocalCluster c;
    static String b;

    @AfterAll
    static void cleanUp() {
        if (c != null && b != null && !c.runningSlots().isEmpty()) {
            c.client(c.runningSlots().get(0)).destroyQuietly(b);
        }
    }

    @Test
    void aDecommissionedNodeIsDrainedLeavesTheSmapAndExits() {
        c = PairCluster.get();
        Smap m0 = c.awaitSettled();
        assertThat(c.runningSlots()).as("nodes of the pair cluster").hasSize(2);
        int victim = c.nonPrimarySlot(m0);
        String victimId = c.id(victim);
        int survivor =
                c.runningSlots().stream().filter(s -> s != victim).findFirst().orElseThrow();
        b = ItEnv.bucketName("decom");
        c.client(survivor).createBucket(b).expect(200);
        DataSet data = DataSet.generate("obj-", OBJECTS, 32, 100, 29);
        data.putAll(c, b, c.runningSlots(), 8);
        assertThat(c.placement().errors(m0, b, data.names(), Set.of()))
                .as("placement before")
                .isEmpty();
        assertThat(c.placement().storedNames(victim, b))
                .as("objects on node%d before", victim)
                .isNotEmpty();

        try (BackgroundReader reader = new BackgroundReader(c, b, data, () -> List.of(survivor), 2)) {
            reader.awaitReads(100);
            long t0 = System.nanoTime();
            Resp r = c.jobs().lifecycle(survivor, "decommission-node", victimId).expect(200);
            String reb = r.text().trim();
            assertThat(reb).as("decommission-node answer (rebalance id): %s", r).matches("g\\d+");
            JsonObject st = c.jobs().awaitEnd(reb, "rebalance", Duration.ofMinutes(3));
            System.out.printf(
                    "[it-cluster decommission] rebalance %s ended after %.1f s: %s%n",
                    reb, (System.nanoTime() - t0) / 1e9, st);
            Poll.until(
                    Duration.ofSeconds(90),
                    "the decommissioned node" + victim + " exits by itself",
                    () -> !c.node(victim).isAlive(),
                    () -> c.node(victim).logTail(20));
            System.out.printf(
                    "[it-cluster decommission] node%d exited (code %d) %.1f s after the request%n",
                    victim, c.node(victim).exitValue(), (System.nanoTime() - t0) / 1e9);
            Smap m1 = c.awaitTargets(Set.of(c.id(survivor)), LocalCluster.SMAP_TIMEOUT);
            assertThat(m1.tmap())
                    .as("Smap after the decommission: %s", m1.brief())
                    .doesNotContainKey(victimId);
            assertThat(m1.pmap())
                    .as("pmap after the decommission: %s", m1.brief())
                    .doesNotContainKey(victimId);
            assertThat(c.placement().errors(m1, b, data.names(), Set.of()))
                    .as("every object on node%d", survivor)
                    .isEmpty();
            reader.awaitReads(reader.reads() + data.size() / 2);
            reader.close();
            assertThat(reader.failures())
                    .as("reads throughout (%d reads): %s", reader.reads(), DataSet.describe(reader.failures()))
                    .isEmpty();
        }
        List<String> failures = data.verifyAll(c, b, List.of(survivor), 8);
        assertThat(failures)
                .as("every object after the decommission: %s", DataSet.describe(failures))
                .isEmpty();
        assertThat(c.client(survivor).listNames(b, ""))
                .as("listing after the decommission")
                .isEqualTo(data.names());
    }
}
