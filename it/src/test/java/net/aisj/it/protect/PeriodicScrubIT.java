package net.aisj.it.protect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node with {@code ais.scrub.interval.seconds=2}: silent corruption of mirror copies on disk is found and
 * repaired by the periodic scrub alone (no read, no request), and the scrub jobs count what they repaired.
 */
class PeriodicScrubIT {

    static NodeProcess node;
    static AisClient ais;

    @BeforeAll
    static void start() {
        node = NodeProcess.start("scrub", 2, "-Xmx256m", "-Dais.scrub.interval.seconds=2");
        ais = new AisClient(node.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static long scrubTotal(String stat) {
        return Jobs.statTotal(ais, null, "scrub", stat);
    }

    @Test
    void bitFlippedCopiesAreRepairedByThePeriodicScrubWithoutAnyRead() throws Exception {
        String b = "scrub-periodic";
        ais.createBucket(
                        b,
                        Json.createObjectBuilder()
                                .add(
                                        "mirror",
                                        Json.createObjectBuilder()
                                                .add("enabled", true)
                                                .add("copies", 2)
                                                .add("sync_put", true))
                                .build())
                .expect(200);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            byte[] d = PseudoRandomInputStream.bytes(500L + i, 2000 + 997 * i);
            ais.put(b, "o-" + i, d).expect(200);
            objects.put("o-" + i, d);
        }
        long repairedBefore = scrubTotal("out-objs");
        List<Path> mps = node.mountpaths();
        Map<Path, byte[]> flipped = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            Path f = mps.get(i % 2).resolve("@ais").resolve(b).resolve("%ob").resolve("o-" + i);
            assertThat(f).as("copy of o-%d on %s (sync_put)", i, mps.get(i % 2)).isRegularFile();
            byte[] d = Files.readAllBytes(f);
            byte[] bad = d.clone();
            bad[d.length / 2] ^= 0x20;
            Files.write(f, bad);
            flipped.put(f, d);
        }
        long t0 = System.nanoTime();
        Poll.until(Duration.ofSeconds(120), "the periodic scrub repaired every flipped copy on disk", () -> {
            for (Map.Entry<Path, byte[]> e : flipped.entrySet()) {
                if (!Files.isRegularFile(e.getKey()) || !Arrays.equals(Files.readAllBytes(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        Poll.until(
                Duration.ofSeconds(30),
                "scrub jobs counted the 10 repaired objects",
                () -> scrubTotal("out-objs") - repairedBefore >= flipped.size());
        System.out.printf(
                "[it scrub] periodic scrub (every 2 s) repaired %d bit-flipped copies %.1f s after the "
                        + "damage; scrub jobs so far: %d objects checked, %d repaired%n",
                flipped.size(), secs, scrubTotal("loc-objs"), scrubTotal("out-objs"));
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(ais.get(b, e.getKey()).expect(200).body())
                    .as("GET %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }
}
