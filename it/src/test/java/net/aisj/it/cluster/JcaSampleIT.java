package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.client.AisClient;
import net.aisj.client.ClusterView;
import net.aisj.client.EventPage;
import net.aisj.client.ObjectEvent;
import net.aisj.connector.api.BucketId;
import net.aisj.it.sample.CreatedEventsMdb;
import net.aisj.it.server.JcaSampleServer;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The JCA connector as an enterprise application uses it: the sample application ({@code net.aisj.it.sample}) on a
 * real Payara Server that is not a node, next to {@code ais-jca.rar}, talking to the shared 3-node cluster. Uploads
 * stream through the connector and read back byte-identical (through the connector and straight from the cluster);
 * the container signs connections on as the pool's user; every target journals exactly the objects it owns; the
 * message-driven bean counts the created events of its bucket and prefix exactly once each, and after a redeploy
 * resumes from its durable position (nothing old delivered again, the new events delivered).
 */
@Tag("cluster")
@Tag("server")
class JcaSampleIT {

    static final String BUCKET = CreatedEventsMdb.BUCKET;
    static LocalCluster c;
    static SampleApp app;
    static JcaSampleServer server;
    static AisClient ais;

    @BeforeAll
    static void start() {
        app = SampleApp.shared(BUCKET);
        c = app.cluster;
        ais = app.ais;
        server = app.server;
    }

    @AfterAll
    static void cleanUp() {
        if (c != null) {
            c.client(c.runningSlots().get(0)).destroyQuietly(BUCKET);
        }
    }

    @Test
    void uploadsThroughTheConnectorReadBackByteIdentical() throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("rt/empty", 0L);
        sizes.put("rt/small", 4096L + 7);
        sizes.put("rt/large", (24L << 20) + 3);
        for (var e : sizes.entrySet()) {
            long seed = e.getKey().hashCode();
            HttpResponse<InputStream> put = send(
                    "PUT",
                    "/objects/" + BUCKET + "/" + e.getKey(),
                    new PseudoRandomInputStream(seed, e.getValue()),
                    e.getValue());
            assertThat(put.statusCode())
                    .as("PUT %s through the connector", e.getKey())
                    .isEqualTo(201);
            String want = sha256(new PseudoRandomInputStream(seed, e.getValue()));
            HttpResponse<InputStream> got = send("GET", "/objects/" + BUCKET + "/" + e.getKey(), null, 0);
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(sha256(got.body()))
                    .as("%s read back through the connector", e.getKey())
                    .isEqualTo(want);
            try (InputStream direct = ais.bucket(BUCKET).get(e.getKey())) {
                assertThat(sha256(direct))
                        .as("%s read straight from the cluster", e.getKey())
                        .isEqualTo(want);
            }
        }
        assertThat(send("GET", "/objects/" + BUCKET + "/rt/missing", null, 0).statusCode())
                .as("a missing object through the connector")
                .isEqualTo(404);
    }

    @Test
    void theContainerSignsConnectionsOnAsThePoolsUser() throws Exception {
        HttpResponse<InputStream> r = send("GET", "/whoami", null, 0);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body().readAllBytes())).isEqualTo(JcaSampleServer.POOL_USER);
    }

    @Test
    void eachTargetJournalsExactlyTheObjectsItOwns() {
        String prefix = "ev-" + ItEnv.randomHex(3) + "/";
        for (int i = 0; i < 30; i++) {
            ais.bucket(BUCKET).put(prefix + "o" + i, ("event " + i).getBytes());
        }
        ais.bucket(BUCKET).delete(prefix + "o7");
        ClusterView map = ais.refreshClusterMap();
        Map<String, String> createdOn = new TreeMap<>();
        Map<String, String> deletedOn = new TreeMap<>();
        for (ClusterView.Target t : map.targets()) {
            EventPage p = ais.events(t, 0, 10_000, BUCKET, prefix);
            assertThat(p.node()).isEqualTo(t.id());
            for (ObjectEvent e : p.events()) {
                Map<String, String> m = e.kind().equals(ObjectEvent.CREATED) ? createdOn : deletedOn;
                assertThat(m.put(e.name(), t.id()))
                        .as("one %s event for %s", e.kind(), e.name())
                        .isNull();
                assertThat(e.bucket()).isEqualTo(BucketId.ais(BUCKET));
            }
        }
        assertThat(createdOn).hasSize(30);
        assertThat(deletedOn).containsOnlyKeys(prefix + "o7");
        createdOn.forEach((name, node) -> assertThat(node)
                .as("the event of %s is on its owner", name)
                .isEqualTo(map.owner(BucketId.ais(BUCKET), name).id()));
    }

    @Test
    void theMessageDrivenBeanCountsCreatedEventsExactlyOnce() {
        String run = ItEnv.randomHex(3);
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            String name = "in/" + run + "/o" + i;
            putThroughApp(name, 1000 + i);
            expected.put("created " + BUCKET + "/" + name, 1);
        }
        for (int i = 0; i < 5; i++) {
            putThroughApp("out/" + run + "/o" + i, 10); // another prefix: not subscribed
        }
        ais.bucket(BUCKET).delete("in/" + run + "/o3"); // deleted events: not subscribed
        Poll.until(
                NodeProcess.START_TIMEOUT,
                "the bean counted all 20 created objects under in/" + run,
                () -> counted(run).keySet().containsAll(expected.keySet()),
                () -> counted(run) + "\nserver log:\n" + server.logTail(30));
        Poll.holdsFor(
                Duration.ofSeconds(3),
                "each created event was delivered exactly once, nothing else",
                () -> counted(run).equals(expected),
                () -> counted(run).toString());
    }

    @Test
    void afterARedeployTheBeanResumesFromItsDurablePosition() {
        String before = ItEnv.randomHex(3);
        putThroughApp("in/" + before + "/first", 5);
        Poll.until(
                NodeProcess.START_TIMEOUT,
                "the bean counted in/" + before + "/first",
                () -> counted(before).size() == 1,
                () -> counted(before).toString());
        server.redeployApp();
        String after = ItEnv.randomHex(3);
        putThroughApp("in/" + after + "/second", 5);
        Poll.until(
                NodeProcess.START_TIMEOUT,
                "the redeployed bean counted in/" + after + "/second",
                () -> counted(after).size() == 1,
                () -> counted(after) + "\nserver log:\n" + server.logTail(30));
        Poll.holdsFor(
                Duration.ofSeconds(2),
                "no event from before the redeploy is delivered again",
                () -> counted(before).isEmpty(),
                () -> counted(before).toString());
    }

    static void putThroughApp(String name, long size) {
        app.put(BUCKET, name, size);
    }

    static Map<String, Integer> counted(String run) {
        return app.counted(run);
    }

    static HttpResponse<InputStream> send(String method, String path, InputStream body, long length) {
        return app.send(method, path, body, length);
    }

    static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
