package net.aisj.it.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.it.s3.S3Node;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Mountpaths;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checksums verified on every read with the default bucket props (issue 22), on the shared node's two mountpaths.
 * With one copy of each object bit-flipped on disk (first, middle or last byte; 100 B to 64 MiB), every GET answers
 * the right bytes, never a failed transfer nor a complete wrong body: a small object is verified whole before its
 * first byte, a large one chunk by chunk (its per-chunk checksums), a bad chunk read from the other copy; ranged GETs
 * over the flipped byte are right too. The copies heal, and every bad copy is counted
 * once ({@code ais_target_err_cksum_count}). A large object whose only copy is bad fails the transfer for curl and
 * the AWS SDK, and is refused before its first byte after that.
 */
class VerifiedReadIT {

    static final long[] SIZES = {100, 10 * 1024, 300 * 1024, 64L * 1024 * 1024};
    static final long LARGE = 1024 * 1024; // verified while streaming above this (the node's threshold)

    static NodeProcess node;
    static AisClient ais;
    static final List<String> buckets = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        node = SharedNode.get();
        ais = SharedNode.client();
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            buckets.forEach(ais::destroyQuietly);
        }
    }

    static String bucket(String tag, String propsJson) {
        String b = ItEnv.bucketName(tag);
        ais.createBucket(b).expect(200);
        buckets.add(b);
        if (propsJson != null) {
            ais.setBprops(b, JsonUtil.parseObject(propsJson)).expect(200);
        }
        return b;
    }

    /** Where to flip a byte of an object of {@code size}: 0 = first, 1 = middle, 2 = last. */
    static long position(long size, int where) {
        return where == 0 ? 0 : where == 1 ? size / 2 : size - 1;
    }

    /** The sum over this node's mountpaths of {@code ais_target_err_cksum_count}. */
    static long badCopiesCounted() {
        long n = 0;
        for (String line : ais.send("GET", "/metrics").expect(200).text().split("\n")) {
            if (line.startsWith("ais_target_err_cksum_count{")) {
                n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return n;
    }

    /**
     * GETs {@code o} (whole, or the inclusive range {@code from..to}): true when the answer is the right bytes, false
     * when the transfer failed; a complete wrong body or an error status fails the test.
     */
    static boolean get(String b, String o, byte[] data, long from, long to) {
        Resp r;
        try {
            r = from < 0 ? ais.get(b, o) : ais.get(b, o, Map.of("Range", "bytes=" + from + "-" + to));
        } catch (UncheckedIOException e) {
            return false;
        }
        r.expect(from < 0 ? 200 : 206);
        byte[] want = from < 0 ? data : Arrays.copyOfRange(data, (int) from, (int) to + 1);
        assertThat(r.body().length)
                .as("GET %s/%s %d..%d: length", b, o, from, to)
                .isEqualTo(want.length);
        assertThat(Arrays.equals(r.body(), want))
                .as("GET %s/%s %d..%d: a complete body has the right bytes", b, o, from, to)
                .isTrue();
        return true;
    }

    static boolean onBoth(String b, String o, byte[] data) throws Exception {
        for (Path mp : node.mountpaths()) {
            Path f = Mountpaths.objectFile(mp, b, o);
            if (!Files.isRegularFile(f)
                    || Files.size(f) != data.length
                    || !Arrays.equals(Files.readAllBytes(f), data)) {
                return false;
            }
        }
        return true;
    }

    /** The mountpath of the copy a GET reads when the node is idle (HEAD's {@code Ais-Location}: t[id]:mountpath). */
    static Path readCopy(String b, String o) {
        String loc = ais.head(b, o).expect(200).header("Ais-Location");
        return Path.of(loc.substring(loc.indexOf(':') + 1));
    }

    static Path otherCopy(String b, String o) {
        Path read = readCopy(b, o);
        return node.mountpaths().stream()
                .filter(mp -> !mp.toAbsolutePath().normalize().equals(read))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void mirroredObjectsWithABadCopyAreServedRightAndHealed() throws Exception {
        String b = bucket("verify-mirror", "{\"mirror\":{\"enabled\":true,\"copies\":2,\"sync_put\":true}}");
        Map<String, byte[]> objects = new LinkedHashMap<>();
        long counted = badCopiesCounted();
        // whole GETs: one copy flipped at the first, middle or last byte; the copy reads use for the first two
        for (long size : SIZES) {
            for (int where = 0; where < 3; where++) {
                String o = "v/" + size + "-" + where;
                byte[] d = PseudoRandomInputStream.bytes(size * 7 + where, (int) size);
                ais.put(b, o, d).expect(200);
                objects.put(o, d);
                long at = position(size, where);
                Path mp = where < 2 ? readCopy(b, o) : otherCopy(b, o);
                Mountpaths.flip(Mountpaths.objectFile(mp, b, o), at);
            }
        }
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, byte[]> e : objects.entrySet()) {
                // a good copy is left: no transfer is cut, a large object's bad chunk comes from the other copy
                assertThat(get(b, e.getKey(), e.getValue(), -1, -1))
                        .as("GET %s (round %d)", e.getKey(), round)
                        .isTrue();
            }
        }
        System.out.printf("[it verify] %d objects with a bad copy: every GET right, none cut%n", objects.size());

        // ranged GETs, the copy they read flipped in the middle
        Map<String, byte[]> ranged = new LinkedHashMap<>();
        for (long size : SIZES) {
            String o = "r/" + size;
            byte[] d = PseudoRandomInputStream.bytes(size * 11, (int) size);
            ais.put(b, o, d).expect(200);
            ranged.put(o, d);
            Mountpaths.flip(Mountpaths.objectFile(readCopy(b, o), b, o), size / 2);
        }
        for (Map.Entry<String, byte[]> e : ranged.entrySet()) {
            byte[] d = e.getValue();
            long mid = d.length / 2;
            // a range over the bad byte: a small object is verified whole before a byte of the range leaves, a
            // large one the chunks the range covers (here across the chunk boundary at 32 MiB), the bad one read
            // from the other copy
            assertThat(get(b, e.getKey(), d, Math.max(0, mid - 20), Math.min(d.length - 1, mid + 20)))
                    .as("ranged GET of %s", e.getKey())
                    .isTrue();
            if (d.length > LARGE) {
                assertThat(get(b, e.getKey(), d, mid, mid + 3 * LARGE + 6))
                        .as("ranged GET of %s", e.getKey())
                        .isTrue();
            }
        }
        // the range did not hide the bad copy: it is healed, no scrub needed
        Poll.until(Duration.ofMinutes(2), "the ranged objects' bad copies healed", () -> {
            for (Map.Entry<String, byte[]> e : ranged.entrySet()) {
                if (!onBoth(b, e.getKey(), e.getValue())) {
                    return false;
                }
            }
            return true;
        });
        objects.putAll(ranged);

        // the reads healed what they met, the scrub the rest; every bad copy counted once
        String scrub = ais.control(
                        "PUT",
                        "/v1/cluster",
                        JsonUtil.actMsg(
                                "start",
                                null,
                                Json.createObjectBuilder()
                                        .add("kind", "scrub")
                                        .add("bck", Json.createObjectBuilder().add("name", b))
                                        .build()))
                .expect(200)
                .text();
        Jobs.awaitEnd(ais, scrub, "scrub", Duration.ofMinutes(3));
        Poll.until(Duration.ofMinutes(2), "every object is back on both mountpaths, right", () -> {
            for (Map.Entry<String, byte[]> e : objects.entrySet()) {
                if (!onBoth(b, e.getKey(), e.getValue())) {
                    return false;
                }
            }
            return true;
        });
        // the metric is a gauge refreshed every few seconds
        Poll.until(
                Duration.ofSeconds(30),
                "ais_target_err_cksum_count counts the bad copies",
                () -> badCopiesCounted() - counted >= objects.size());
        assertThat(badCopiesCounted() - counted)
                .as("bad copies counted once each")
                .isEqualTo(objects.size());
    }

    @Test
    void aLargeObjectWhoseOnlyCopyIsBadFailsTheTransferForCurlAndTheAwsSdk() throws Exception {
        String b = bucket("verify-single", null);
        int size = 64 * 1024 * 1024;
        byte[] d = PseudoRandomInputStream.bytes(22, size);
        for (String o : List.of("curl", "sdk")) {
            ais.put(b, o, d).expect(200);
            Path f = node.mountpaths().stream()
                    .map(mp -> Mountpaths.objectFile(mp, b, o))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow();
            Mountpaths.flip(f, size / 2);
        }

        // curl: the transfer is cut before its end (exit 18, "transfer closed with n bytes remaining")
        Path out = Files.createTempFile("verify", ".bin");
        try {
            Process p = new ProcessBuilder(
                            "curl", "-sS", "-o", out.toString(), ais.baseUrl() + AisClient.objPath(b, "curl"))
                    .redirectErrorStream(true)
                    .start();
            String said = new String(p.getInputStream().readAllBytes());
            int exit = p.waitFor();
            System.out.printf("[it verify] curl exit %d: %s%n", exit, said.strip());
            assertThat(exit).as("curl exit code (%s)", said.strip()).isNotZero();
            assertThat(Files.size(out)).isLessThan(size);
        } finally {
            Files.deleteIfExists(out);
        }
        // the copy is quarantined: refused before the first byte now, with the reason
        Resp again = ais.send("GET", AisClient.objPath(b, "curl"));
        assertThat(again.status()).isEqualTo(500);
        assertThat(again.text()).contains("checksum");

        // the AWS SDK (no retries) raises instead of returning the body, the first time and after
        try (S3Client s3 = S3Node.client("verify", "verify", ais.baseUrl())) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket(b).key("sdk")))
                        .isInstanceOf(SdkException.class);
            }
        }
    }
}
