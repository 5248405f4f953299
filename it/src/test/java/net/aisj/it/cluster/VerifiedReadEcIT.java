package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.aisj.it.s3.S3Node;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Mountpaths;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checksums verified on every read in an erasure-coded bucket with the default checksum props (issue 22), on the
 * shared 4-node EC cluster: with the main copy bit-flipped, a small object's GET answers the right bytes at once
 * (restored from its replicas/slices before the first byte); a large one's first GET fails its transfer for curl,
 * the AWS SDK and the native client alike (never a complete wrong body), the object is restored from its slices,
 * and the next GET is right.
 */
class VerifiedReadEcIT {

    static LocalCluster c() {
        return EcCluster.get();
    }

    @Test
    void aBadMainCopyIsServedFromSlicesOrCutThenRestored() throws Exception {
        String b = ItEnv.bucketName("verify-ec");
        c().client(1)
                .createBucket(
                        b,
                        Json.createObjectBuilder()
                                .add(
                                        "ec",
                                        Json.createObjectBuilder()
                                                .add("enabled", true)
                                                .add("data_slices", 2)
                                                .add("parity_slices", 1)
                                                .add("objsize_limit", 16 * 1024)
                                                .add("sync_put", true))
                                .build())
                .expect(200);
        int large = 64 * 1024 * 1024;
        Map<String, byte[]> objects = new LinkedHashMap<>();
        Map<String, Long> at = new LinkedHashMap<>();
        // small ones (replicated below 16 KiB, sliced above); large ones read by curl, the SDK, the native client
        for (Object[] x : new Object[][] {
            {"s-100", 100, 50L},
            {"s-10k", 10 * 1024, 0L},
            {"s-300k", 300 * 1024, 300L * 1024 - 1},
            {"curl", large, 0L},
            {"sdk", large, (long) large / 2},
            {"native", large, large - 1L}
        }) {
            String o = (String) x[0];
            byte[] d = PseudoRandomInputStream.bytes(o.hashCode(), (int) x[1]);
            assertThat(c().put(1, b, o, d).status()).as("PUT %s", o).isEqualTo(200);
            objects.put(o, d);
            at.put(o, (Long) x[2]);
        }
        for (Map.Entry<String, Long> e : at.entrySet()) {
            Mountpaths.flip(EcCluster.mainFile(c(), b, e.getKey()), e.getValue());
        }
        for (String o : new String[] {"s-100", "s-10k", "s-300k"}) {
            Followed f = c().get(1, b, o);
            assertThat(f.status()).as("GET %s via %s", o, f.trail()).isEqualTo(200);
            assertThat(Arrays.equals(f.resp().body(), objects.get(o)))
                    .as("GET %s: right bytes", o)
                    .isTrue();
        }

        // curl: never a complete body. Flipped at the first byte, the object's first chunk fails its check before
        // any byte leaves: an error status instead of a cut transfer (per-chunk checksums); either way not a 200
        // with the whole body
        String owner = c().url(EcCluster.holders(c(), b, "%ob", "curl")
                .keySet()
                .iterator()
                .next());
        Path out = Files.createTempFile("verify-ec", ".bin");
        try {
            Process p = new ProcessBuilder(
                            "curl",
                            "-sS",
                            "-o",
                            out.toString(),
                            "-w",
                            "%{http_code}",
                            owner + AisClient.objPath(b, "curl"))
                    .redirectErrorStream(true)
                    .start();
            String said = new String(p.getInputStream().readAllBytes()).strip();
            int exit = p.waitFor();
            System.out.printf("[it-ec verify] curl exit %d: %s%n", exit, said);
            assertThat(exit != 0 || !said.endsWith("200"))
                    .as("curl failed or got an error status (%s)", said)
                    .isTrue();
            assertThat(Files.size(out)).isLessThan(large);
        } finally {
            Files.deleteIfExists(out);
        }
        // the AWS SDK (no retries) raises
        String sdkOwner = c().url(EcCluster.holders(c(), b, "%ob", "sdk")
                .keySet()
                .iterator()
                .next());
        try (S3Client s3 = S3Node.client("verify", "verify", sdkOwner)) {
            assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket(b).key("sdk")))
                    .isInstanceOf(SdkException.class);
        }
        // the native client: a failed transfer
        assertThatThrownBy(() -> c().get(1, b, "native")).isInstanceOf(UncheckedIOException.class);

        // restored from the slices: the next GETs are right, and so are the main copies on disk
        for (String o : new String[] {"curl", "sdk", "native"}) {
            Poll.until(Duration.ofMinutes(2), "GET " + o + " answers the right bytes", () -> {
                try {
                    Followed f = c().get(1, b, o);
                    return f.status() == 200 && Arrays.equals(f.resp().body(), objects.get(o));
                } catch (UncheckedIOException e) {
                    return false;
                }
            });
        }
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(Arrays.equals(EcCluster.read(EcCluster.mainFile(c(), b, e.getKey())), e.getValue()))
                    .as("main copy of %s restored on disk", e.getKey())
                    .isTrue();
        }
        c().client(1).destroyQuietly(b);
    }
}
