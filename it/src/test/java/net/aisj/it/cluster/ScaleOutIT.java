package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 4th node joins the shared cluster while a reader keeps GETting every object: no read fails, the join starts
 * rebalance {@code g<smap version>}, and when it has ended every object is on its new HRW owner and only there.
 * Prints the join time, the moved fraction and the rebalance throughput.
 */
@Tag("cluster")
class ScaleOutIT {

    static final int NEW_SLOT = 4;
    static final int OBJECTS = 1000;
    static LocalCluster c;
    static String b;

    @AfterAll
    static void cleanUp() {
        if (c != null && b != null && !c.runningSlots().isEmpty()) {
            c.client(c.runningSlots().get(0)).destroyQuietly(b);
        }
    }

    @Test
    void aFourthNodeJoinsAndRebalanceMovesItsShareWhileReadsKeepSucceeding() {
        c = SharedCluster.get();
        assertThat(c.node(NEW_SLOT))
                .as("node%d must not have been started before this test", NEW_SLOT)
                .isNull();
        Smap before = c.awaitSettled();
        b = ItEnv.bucketName("scale");
        c.client(c.runningSlots().get(0)).createBucket(b).expect(200);
        DataSet data = DataSet.generate("obj-", OBJECTS, 64, 100, 11);
        data.putAll(c, b, c.runningSlots(), 8);
        assertThat(c.placement().errors(before, b, data.names(), Set.of()))
                .as("placement before the join")
                .isEmpty();
        Map<String, String> ownersBefore = Placement.owners(before, b, data.names());

        List<Integer> readable = new CopyOnWriteArrayList<>(c.runningSlots());
        Smap after;
        JsonObject status;
        double joinSecs;
        double rebalanceSecs;
        long readsDuring;
        List<String> readFailures;
        long reads;
        try (BackgroundReader reader = new BackgroundReader(c, b, data, () -> readable, 2)) {
            reader.awaitReads(200);
            Duration join = c.start(NEW_SLOT).get(NEW_SLOT);
            long tReady = System.nanoTime();
            joinSecs = join.toMillis() / 1000.0;
            Set<String> expected = new TreeSet<>(before.tmap().keySet());
            expected.add(c.id(NEW_SLOT));
            after = c.awaitTargets(expected, LocalCluster.SMAP_TIMEOUT);
            readable.add(NEW_SLOT); // reads go through the new node too once it is in the Smap
            long readsAtJoin = reader.reads();
            String rebId = "g" + after.version();
            status = c.jobs().awaitEnd(rebId, "rebalance", Duration.ofMinutes(5));
            rebalanceSecs = (System.nanoTime() - tReady) / 1e9;
            readsDuring = reader.reads() - readsAtJoin;
            reader.awaitReads(reader.reads() + data.size() / 2); // keep reading a little after the end
            reader.close();
            readFailures = reader.failures();
            reads = reader.reads();
        }

        Map<String, String> ownersAfter = Placement.owners(after, b, data.names());
        List<String> moved = data.names().stream()
                .filter(n -> !ownersBefore.get(n).equals(ownersAfter.get(n)))
                .toList();
        long movedBytes = data.bytesOf(moved);
        double fraction = moved.size() / (double) data.size();
        System.out.printf(
                "[it-cluster scale-out] node%d ready %.1f s after launch; rebalance %s ended %.1f s after it"
                        + " was ready; moved %d of %d objects (%.3f, HRW optimum 0.25), %.1f MiB: %.0f obj/s,"
                        + " %.2f MiB/s;"
                        + " %d reads during the rebalance%n",
                NEW_SLOT,
                joinSecs,
                JsonUtil.str(status, "uuid"),
                rebalanceSecs,
                moved.size(),
                data.size(),
                fraction,
                movedBytes / 1048576.0,
                moved.size() / rebalanceSecs,
                movedBytes / 1048576.0 / rebalanceSecs,
                readsDuring);
        JsonObject stats = c.jobs().qryxstats(c.runningSlots().get(0), JsonUtil.str(status, "uuid"), "rebalance");
        System.out.println("[it-cluster scale-out] qryxstats: " + summary(stats));

        // HRW itself: only objects whose new owner is the new node move (a check of the test's own arithmetic)
        assertThat(moved)
                .as("objects whose HRW owner changed")
                .isNotEmpty()
                .allSatisfy(n ->
                        assertThat(ownersAfter.get(n)).as("new owner of %s", n).isEqualTo(c.id(NEW_SLOT)));

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(readFailures)
                .as("reads during the join and rebalance (%d reads): %s", reads, DataSet.describe(readFailures))
                .isEmpty();
        soft.assertThat(c.placement().errors(after, b, data.names(), Set.of()))
                .as("placement after rebalance %s", JsonUtil.str(status, "uuid"))
                .isEmpty();
        long out = 0;
        for (String id : before.tmap().keySet()) {
            out += counter(stats, id, "out-objs");
        }
        soft.assertThat(out)
                .as("out-objs summed over the old nodes in %s", summary(stats))
                .isGreaterThanOrEqualTo(moved.size());
        soft.assertThat(counter(stats, c.id(NEW_SLOT), "in-objs"))
                .as("in-objs of the new node in %s", summary(stats))
                .isGreaterThanOrEqualTo(moved.size());
        List<String> failures = data.verifyAll(c, b, c.runningSlots(), 8);
        soft.assertThat(failures)
                .as("every object through every node after the rebalance: %s", DataSet.describe(failures))
                .isEmpty();
        soft.assertAll();
    }

    /** One line per node: its rebalance snaps' counters. */
    static String summary(JsonObject stats) {
        StringBuilder sb = new StringBuilder();
        for (var e : stats.entrySet()) {
            sb.append("\n  ").append(e.getKey()).append(": ");
            if (e.getValue().getValueType() != JsonValue.ValueType.ARRAY) {
                sb.append(e.getValue());
                continue;
            }
            for (JsonValue v : e.getValue().asJsonArray()) {
                JsonObject s = v.asJsonObject();
                sb.append(JsonUtil.str(s, "id"))
                        .append(' ')
                        .append(s.get("stats"))
                        .append(" start=")
                        .append(s.get("start-time"))
                        .append(" end=")
                        .append(s.get("end-time"))
                        .append(" aborted=")
                        .append(s.get("aborted"))
                        .append("; ");
            }
        }
        return sb.toString();
    }

    /** A counter summed over the node's snaps (counters are decimal strings). */
    static long counter(JsonObject stats, String nodeId, String key) {
        if (!stats.containsKey(nodeId) || stats.get(nodeId).getValueType() != JsonValue.ValueType.ARRAY) {
            throw new AssertionError("qryxstats has no snaps of node " + nodeId + ": " + stats);
        }
        long sum = 0;
        for (JsonValue v : stats.getJsonArray(nodeId)) {
            JsonObject st = v.asJsonObject().getJsonObject("stats");
            Long n = st == null ? null : JsonUtil.lng(st, key);
            if (n == null) {
                throw new AssertionError("snap without stats." + key + ": " + v);
            }
            sum += n;
        }
        return sum;
    }
}
