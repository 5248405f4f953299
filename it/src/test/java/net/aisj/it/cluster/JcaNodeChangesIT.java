package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.aisj.client.AisClient;
import net.aisj.client.ClusterView;
import net.aisj.connector.api.BucketId;
import net.aisj.it.sample.CreatedEventsMdb;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The JCA connector while the cluster changes under it (the sample application on the shared Payara Server, the
 * shared 3-node cluster, as {@link JcaSampleIT}): a target killed with SIGKILL and restarted on its disks, and a
 * target that leaves and comes back with a new event journal. The message-driven bean receives every creation
 * exactly once across both (from its saved positions: nothing before the restart again, nothing lost while the node
 * was down or after its journal was recreated), and pooled connections keep working: a connection from the pool
 * holds the cluster map without the departed node (validation reads it again) and writes its objects to their new
 * owners.
 */
@Tag("cluster")
@Tag("server")
class JcaNodeChangesIT {

    static final String BUCKET = CreatedEventsMdb.BUCKET;
    static final Duration LEAVE = Duration.ofSeconds(90);
    static LocalCluster c;
    static SampleApp app;
    static AisClient ais;
    static int victim;

    @BeforeAll
    static void start() {
        app = SampleApp.shared(BUCKET);
        c = app.cluster;
        ais = app.ais;
    }

    @AfterAll
    static void cleanUp() {
        if (c == null) {
            return;
        }
        if (victim != 0 && !c.running(victim)) {
            System.out.println("[it-jca] cleanup: restarting node" + victim);
            c.start(victim);
            c.awaitSettled();
        }
        c.client(c.runningSlots().get(0)).destroyQuietly(BUCKET);
    }

    @Test
    void eventsResumeExactlyOnceAfterATargetIsKilledAndRestarted() {
        Smap m0 = c.awaitSettled();
        victim = victim(m0);
        String vid = c.id(victim);
        String run = ItEnv.randomHex(3);
        Map<String, Integer> expected = new TreeMap<>();
        for (String n : ownedBy(vid, "in/" + run + "/before-", 4)) {
            put(n, expected);
        }
        awaitCounted(run, expected, "the objects of " + vid + " before the kill");

        c.node(victim).kill9();
        c.awaitTargets(without(m0, vid), LEAVE);
        for (int i = 0; i < 8; i++) {
            put("in/" + run + "/down-" + i, expected); // owned by the others now
        }
        awaitCounted(run, expected, "the objects written while " + vid + " is down");

        c.start(victim);
        c.awaitSettled();
        for (String n : ownedBy(vid, "in/" + run + "/after-", 4)) {
            put(n, expected);
        }
        awaitCounted(run, expected, "the objects of " + vid + " after its restart");
        assertExactlyOnce(run, expected, "nothing from before the kill again");
    }

    @Test
    void pooledConnectionsOutliveATargetThatLeavesAndANewJournalIsReadFromItsStart() throws IOException {
        Smap m0 = c.awaitSettled();
        victim = victim(m0);
        String vid = c.id(victim);
        String run = ItEnv.randomHex(3);
        Map<String, Integer> expected = new TreeMap<>();
        assertThat(mapThroughApp()).as("a pooled connection's cluster map").contains(vid);
        List<String> victims = ownedBy(vid, "in/" + run + "/moved-", 4);
        for (String n : ownedBy(vid, "in/" + run + "/old-", 3)) {
            put(n, expected); // the pooled connection talks to the victim
        }
        awaitCounted(run, expected, "the objects of " + vid + " before it leaves");

        c.stop(victim);
        Set<String> survivors = without(m0, vid);
        c.awaitTargets(survivors, LEAVE);
        assertThat(mapThroughApp())
                .as("the cluster map of a connection from the pool after %s left (validation read it again)", vid)
                .isEqualTo(survivors);
        for (String n : victims) {
            put(n, expected); // a name the victim owned: its new owner takes it
            HttpResponse<InputStream> got = app.send("GET", "/objects/" + BUCKET + "/" + n, null, 0);
            assertThat(got.statusCode()).as("GET %s through the sample", n).isEqualTo(200);
            try (InputStream in = got.body();
                    InputStream want = new PseudoRandomInputStream(n.hashCode(), 100)) {
                assertThat(in.readAllBytes()).isEqualTo(want.readAllBytes());
            }
        }
        awaitCounted(run, expected, "the objects written while " + vid + " is away");

        // the node comes back with a new journal (as on new disks): another epoch, positions from its start
        Path journal = c.node(victim).mountpaths().get(0).resolve(".ais.events");
        String oldEpoch = Files.readString(journal.resolve("epoch"), StandardCharsets.US_ASCII);
        NodeProcess.deleteTree(journal);
        c.start(victim);
        c.awaitSettled();
        assertThat(Files.readString(journal.resolve("epoch"), StandardCharsets.US_ASCII))
                .as("the recreated journal's epoch")
                .isNotEqualTo(oldEpoch);
        assertThat(mapThroughApp())
                .as("a pooled connection's cluster map after the return")
                .contains(vid);
        for (String n : ownedBy(vid, "in/" + run + "/new-", 4)) {
            put(n, expected);
        }
        awaitCounted(run, expected, "the objects of " + vid + " in its new journal");
        assertExactlyOnce(run, expected, "nothing of the old journal again, nothing of the new one lost");
        assertThat(app.server.logContains("the event journal of " + vid + " is new"))
                .as("the connector said that it reads the new journal from its start")
                .isTrue();
    }

    /** A node to take away: not the primary, not the connector's configured endpoint. */
    static int victim(Smap m) {
        int v = c.nonPrimarySlot(m);
        assertThat(c.url(v)).as("the victim is not the connector's endpoint").isNotEqualTo(app.endpoint);
        return v;
    }

    /** The first {@code n} names {@code prefix<i>} whose owner in the current cluster map is {@code target}. */
    static List<String> ownedBy(String target, String prefix, int n) {
        ClusterView map = ais.refreshClusterMap();
        assertThat(map.targets()).extracting(ClusterView.Target::id).contains(target);
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            if (map.owner(BucketId.ais(BUCKET), prefix + i).id().equals(target)) {
                out.add(prefix + i);
            }
        }
        return out;
    }

    static Set<String> without(Smap m, String id) {
        Set<String> out = new TreeSet<>(m.tmap().keySet());
        out.remove(id);
        return out;
    }

    static void put(String name, Map<String, Integer> expected) {
        app.put(BUCKET, name, 100);
        expected.put("created " + BUCKET + "/" + name, 1);
    }

    static void awaitCounted(String run, Map<String, Integer> expected, String what) {
        Poll.until(
                NodeProcess.START_TIMEOUT,
                "the bean counted " + what,
                () -> app.counted(run).keySet().containsAll(expected.keySet()),
                () -> "counted " + app.counted(run) + "\nexpected " + expected.keySet() + "\nserver log:\n"
                        + app.server.logTail(30));
    }

    static void assertExactlyOnce(String run, Map<String, Integer> expected, String what) {
        Poll.holdsFor(
                Duration.ofSeconds(3),
                "every creation delivered exactly once: " + what,
                () -> app.counted(run).equals(expected),
                () -> app.counted(run).toString());
    }

    /** The target ids in the cluster map of a connection as the pool hands it out. */
    static Set<String> mapThroughApp() {
        HttpResponse<InputStream> r = app.send("GET", "/map", null, 0);
        String body = SampleApp.text(r);
        assertThat(r.statusCode()).as("GET /map: %s", body).isEqualTo(200);
        return new TreeSet<>(List.of(body.strip().split("\n")));
    }
}
