package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Poll;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a (non-primary) node of the shared cluster: it leaves the Smap within the heartbeat timeout; its
 * objects answer 503 naming it, promptly; the rest stays readable; restarted on the same mountpath it rejoins under
 * the same id and serves its objects again.
 */
@Tag("cluster")
class KillNodeIT {

    static final int OBJECTS = 300;
    static final Duration MAX_DETECTION = Duration.ofSeconds(30);
    static final Duration MAX_ERROR_LATENCY = Duration.ofSeconds(5);
    static LocalCluster c;
    static String b;
    static int victim;

    @AfterAll
    static void cleanUp() {
        if (c == null) {
            return;
        }
        if (victim != 0 && !c.running(victim)) {
            System.out.println("[it-cluster kill] cleanup: restarting node" + victim);
            c.start(victim);
        }
        if (b != null) {
            c.client(c.runningSlots().get(0)).destroyQuietly(b);
        }
    }

    @Test
    void aKilledNodeLeavesTheSmapItsObjectsAnswer503AndAfterARestartItServesThemAgain() {
        c = SharedCluster.get();
        Smap m0 = c.awaitSettled();
        b = ItEnv.bucketName("kill");
        c.client(c.runningSlots().get(0)).createBucket(b).expect(200);
        DataSet data = DataSet.generate("obj-", OBJECTS, 32, 0, 17);
        data.putAll(c, b, c.runningSlots(), 8);
        assertThat(c.placement().errors(m0, b, data.names(), Set.of()))
                .as("placement before the kill")
                .isEmpty();

        victim = c.nonPrimarySlot(m0);
        String victimId = c.id(victim);
        Map<String, String> owners = Placement.owners(m0, b, data.names());
        List<String> victims = data.names().stream()
                .filter(n -> owners.get(n).equals(victimId))
                .toList();
        List<String> survivorsObjs = data.names().stream()
                .filter(n -> !owners.get(n).equals(victimId))
                .toList();
        assertThat(victims).as("objects owned by node%d", victim).isNotEmpty();
        List<Integer> survivors =
                c.runningSlots().stream().filter(s -> s != victim).toList();
        Set<String> survivorIds = new TreeSet<>(m0.tmap().keySet());
        survivorIds.remove(victimId);

        // ---- kill -9 and failure detection
        long tKill = System.nanoTime();
        c.node(victim).kill9();
        Smap m1 = c.awaitTargets(survivorIds, Duration.ofSeconds(60));
        double detectSecs = (System.nanoTime() - tKill) / 1e9;
        System.out.printf(
                "[it-cluster kill] node%d (%s) killed: out of every survivor's Smap after %.1f s (%s)%n",
                victim, victimId, detectSecs, m1.brief());
        assertThat(detectSecs).as("seconds until the killed node left the Smap").isLessThan((double)
                MAX_DETECTION.toSeconds());

        // ---- its objects: 503 naming it, promptly, through every survivor
        SoftAssertions soft = new SoftAssertions();
        double slowest = 0;
        for (String o : victims.subList(0, Math.min(10, victims.size()))) {
            for (int s : survivors) {
                long t = System.nanoTime();
                Followed f = c.get(s, b, o, Duration.ofSeconds(30));
                double secs = (System.nanoTime() - t) / 1e9;
                slowest = Math.max(slowest, secs);
                soft.assertThat(f.status())
                        .as("GET %s (owned by the killed node) via node%d: %s", o, s, f)
                        .isEqualTo(503);
                soft.assertThat(f.resp().text())
                        .as("error of GET %s via node%d names t[%s]", o, s, victimId)
                        .contains("t[" + victimId + "]");
                soft.assertThat(secs)
                        .as("seconds to answer GET %s via node%d", o, s)
                        .isLessThan((double) MAX_ERROR_LATENCY.toSeconds());
            }
        }
        System.out.printf("[it-cluster kill] slowest 503 for an object of the killed node: %.2f s%n", slowest);
        soft.assertAll();
        DataSet survivorsData = data.subset(survivorsObjs);
        List<String> failures = survivorsData.verifyAll(c, b, survivors, 8);
        assertThat(failures)
                .as("objects of the survivors while node%d is down: %s", victim, DataSet.describe(failures))
                .isEmpty();

        // ---- restart on the same mountpath: rejoins, serves its objects again
        Duration ready = c.start(victim).get(victim);
        Smap m2 = c.awaitTargets(m0.tmap().keySet(), LocalCluster.SMAP_TIMEOUT);
        System.out.printf(
                "[it-cluster kill] node%d restarted: ready after %.1f s, back in the Smap (%s)%n",
                victim, ready.toMillis() / 1000.0, m2.brief());
        DataSet victimData = data.subset(victims);
        Poll.until(
                Duration.ofSeconds(60),
                "the restarted node's objects are served again",
                () -> victimData.verifyAll(c, b, List.of(survivors.get(0)), 4).isEmpty(),
                () -> DataSet.describe(victimData.verifyAll(c, b, List.of(survivors.get(0)), 4)));
        failures = data.verifyAll(c, b, c.runningSlots(), 8);
        assertThat(failures)
                .as("every object through every node after the restart: %s", DataSet.describe(failures))
                .isEmpty();
        assertThat(c.placement().errors(m2, b, data.names(), Set.of()))
                .as("placement after the restart")
                .isEmpty();
    }
}
