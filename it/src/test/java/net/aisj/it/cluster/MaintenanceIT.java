package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Resp;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * start-maintenance on a (non-primary) node of the shared cluster: it stays in the Smap, flagged; a rebalance moves
 * its objects to their HRW owners among the other targets; stop-maintenance moves them back. A reader checks every
 * object through the other nodes the whole time; nothing is lost.
 */
@Tag("cluster")
class MaintenanceIT {

    static final int OBJECTS = 400;
    static LocalCluster c;
    static String b;
    static String victimId;

    @AfterAll
    static void cleanUp() {
        if (c == null) {
            return;
        }
        int via = c.runningSlots().get(0);
        if (victimId != null) {
            c.jobs().stopMaintenanceIfOn(via, victimId);
        }
        if (b != null) {
            c.client(via).destroyQuietly(b);
        }
    }

    @Test
    void maintenanceDrainsTheNodeAndStopMaintenanceBringsItsObjectsBack() {
        c = SharedCluster.get();
        Smap m0 = c.awaitSettled();
        int victim = c.nonPrimarySlot(m0);
        victimId = c.id(victim);
        List<Integer> others =
                c.runningSlots().stream().filter(s -> s != victim).toList();
        b = ItEnv.bucketName("maint");
        c.client(others.get(0)).createBucket(b).expect(200);
        DataSet data = DataSet.generate("obj-", OBJECTS, 32, 100, 13);
        data.putAll(c, b, c.runningSlots(), 8);
        assertThat(c.placement().errors(m0, b, data.names(), Set.of()))
                .as("placement before maintenance")
                .isEmpty();
        Set<String> victimOwned = new TreeSet<>(c.placement().storedNames(victim, b));
        assertThat(victimOwned)
                .as("objects on node%d before maintenance", victim)
                .isNotEmpty();

        List<String> readFailures;
        long reads;
        try (BackgroundReader reader = new BackgroundReader(c, b, data, () -> others, 2)) {
            reader.awaitReads(100);

            // ---- start-maintenance
            Resp start = c.jobs()
                    .lifecycle(others.get(0), "start-maintenance", victimId)
                    .expect(200);
            String reb1 = start.text().trim();
            assertThat(reb1)
                    .as("start-maintenance answer (rebalance id): %s", start)
                    .matches("g\\d+");
            Smap m1 = c.awaitSmap(
                    victimId + " is a target flagged maintenance",
                    LocalCluster.SMAP_TIMEOUT,
                    m -> m.tmap().containsKey(victimId)
                            && m.tmap().get(victimId).inMaintenance());
            assertThat(m1.activeTargets())
                    .as("active targets of %s", m1.brief())
                    .doesNotContain(victimId)
                    .hasSize(m0.tmap().size() - 1);
            long t1 = System.nanoTime();
            JsonObject st1 = c.jobs().awaitEnd(reb1, "rebalance", Duration.ofMinutes(3));
            System.out.printf(
                    "[it-cluster maintenance] start-maintenance %s: rebalance %s ended after %.1f s: %s%n",
                    victimId, reb1, (System.nanoTime() - t1) / 1e9, st1);
            List<String> drained = c.placement().errors(m1, b, data.names(), Set.of(victim));
            assertThat(drained)
                    .as("placement over the targets not in maintenance (%s)", m1.brief())
                    .isEmpty();
            Set<String> left = c.placement().storedNames(victim, b);
            System.out.printf(
                    "[it-cluster maintenance] node%d still holds %d of its %d objects after the drain%n",
                    victim, left.size(), victimOwned.size());
            assertThat(left)
                    .as("objects on node%d in maintenance that it did not hold before", victim)
                    .isSubsetOf(victimOwned);

            // ---- stop-maintenance
            Resp stop = c.jobs()
                    .lifecycle(others.get(0), "stop-maintenance", victimId)
                    .expect(200);
            String reb2 = stop.text().trim();
            assertThat(reb2)
                    .as("stop-maintenance answer (rebalance id): %s", stop)
                    .matches("g\\d+")
                    .isNotEqualTo(reb1);
            Smap m2 = c.awaitSmap(
                    victimId + " is back without flags",
                    LocalCluster.SMAP_TIMEOUT,
                    m -> m.tmap().containsKey(victimId)
                            && m.tmap().get(victimId).flags() == 0);
            long t2 = System.nanoTime();
            JsonObject st2 = c.jobs().awaitEnd(reb2, "rebalance", Duration.ofMinutes(3));
            System.out.printf(
                    "[it-cluster maintenance] stop-maintenance: rebalance %s ended after %.1f s: %s%n",
                    reb2, (System.nanoTime() - t2) / 1e9, st2);
            assertThat(c.placement().errors(m2, b, data.names(), Set.of()))
                    .as("placement after stop-maintenance (%s)", m2.brief())
                    .isEmpty();
            assertThat(c.placement().storedNames(victim, b))
                    .as("objects back on node%d", victim)
                    .isEqualTo(victimOwned);

            reader.awaitReads(reader.reads() + data.size() / 2);
            reader.close();
            readFailures = reader.failures();
            reads = reader.reads();
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(readFailures)
                .as("reads through the other nodes throughout (%d reads): %s", reads, DataSet.describe(readFailures))
                .isEmpty();
        List<String> failures = data.verifyAll(c, b, c.runningSlots(), 8);
        soft.assertThat(failures)
                .as("every object through every node at the end: %s", DataSet.describe(failures))
                .isEmpty();
        soft.assertThat(c.client(victim).listNames(b, ""))
                .as("listing through node%d", victim)
                .isEqualTo(data.names());
        soft.assertAll();
    }
}
