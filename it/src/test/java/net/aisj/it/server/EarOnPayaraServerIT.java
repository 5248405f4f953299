package net.aisj.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a full Payara Server (unpacked by the build from Maven Central): a domain of its own on loopback,
 * {@code asadmin deploy ais.ear}, then the native API as a client uses it: health, bucket, PUT, GET byte for byte,
 * list, DELETE. The domain is stopped whatever happens. Tagged {@code server}: a whole Payara Server domain
 * (unpacked by the build), left out of the fast profile ({@code -Pfast}) like the multi-node tests.
 */
@Tag("server")
class EarOnPayaraServerIT {

    static PayaraServerDomain domain;
    static boolean deployed;
    static AisClient ais;

    /** The EAR under test (system property {@code ais.ear}). */
    static Path ear() {
        Path p = Path.of(System.getProperty("ais.ear", "../ais-ear/target/ais.ear"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("EAR not found: " + p + " (build it first: mvn -q install -DskipTests)");
        }
        return p;
    }

    @BeforeAll
    static void startAndDeploy() {
        Path ear = ear();
        domain = PayaraServerDomain.create(PayaraServerDomain.serverHome());
        long t0 = System.nanoTime();
        domain.start(NodeProcess.START_TIMEOUT);
        System.out.printf(
                "[it] Payara Server domain up after %.1f s (admin 127.0.0.1:%d, http 127.0.0.1:%d)%n",
                (System.nanoTime() - t0) / 1e9, domain.adminPort(), domain.httpPort());
        t0 = System.nanoTime();
        domain.deploy(ear, NodeProcess.START_TIMEOUT);
        deployed = true;
        System.out.printf("[it] %s deployed after %.1f s%n", ear.getFileName(), (System.nanoTime() - t0) / 1e9);
        ais = new AisClient("http://127.0.0.1:" + domain.httpPort());
    }

    @AfterAll
    static void undeployAndStop() {
        if (domain == null) {
            return;
        }
        try {
            if (deployed) {
                domain.undeploy("ais");
            }
        } finally {
            domain.stop();
            domain.delete();
        }
    }

    @Test
    void objectRoundTripThroughTheEar() {
        Resp[] last = new Resp[1];
        // the deployment returns before the node has joined its (one-node) cluster: health says when it has
        Poll.until(
                NodeProcess.START_TIMEOUT,
                "GET /v1/health = 200",
                () -> (last[0] = ais.health()).status() == 200,
                () -> last[0] == null
                        ? "no answer"
                        : last[0].toString() + "\nserver log:\n" + domain.logTail(domain.serverLog(), 40));

        String b = ItEnv.bucketName("ear");
        String name = "dir/obj-" + ItEnv.randomHex(3) + ".bin";
        byte[] data = PseudoRandomInputStream.bytes(System.nanoTime(), 1 << 20);
        ais.createBucket(b).expect(200);
        try {
            ais.put(b, name, data).expect(200);
            Resp got = ais.get(b, name).expect(200);
            assertThat(got.body())
                    .as("GET %s/%s returns the bytes PUT", b, name)
                    .isEqualTo(data);
            assertThat(ais.listNames(b, "dir/")).containsExactly(name);
            ais.delete(b, name).expect(200);
            ais.get(b, name).expect(404);
            assertThat(ais.listNames(b, "dir/")).isEmpty();
        } finally {
            ais.destroyQuietly(b);
        }
        // the console is in the same EAR
        assertThat(ais.send("GET", "/console/").status()).isEqualTo(200);
    }
}
