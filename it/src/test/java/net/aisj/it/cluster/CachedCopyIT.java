package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Mountpaths;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.S3ProxyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a cached copy of a remote object is worth: HEAD tells whether the object is in the cluster
 * ({@code Ais-Present}), and a copy damaged or lost on disk is fetched again from the backend (counted on s3proxy's
 * side), never answered with an error the backend's copy would not cause.
 */
@Tag("cluster")
class CachedCopyIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static S3ProxyServer s3;
    private static LocalCluster cluster;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.shared();
        cluster = CacheCluster.get();
    }

    @Test
    void headSaysWhetherTheObjectIsCached() {
        String b = newRemoteBucket("present");
        byte[] data = PseudoRandomInputStream.bytes(3, 4096);
        try (S3Client direct = s3.client()) {
            direct.putObject(r -> r.bucket(b).key("o"), RequestBody.fromBytes(data));
        }
        Resp cold = send(1, "HEAD", b, "o", Map.of());
        assertThat(cold.status()).isEqualTo(200);
        assertThat(cold.header("Ais-Present")).isEqualTo("false");
        assertThat(cold.header("Content-Length")).isEqualTo("4096");
        assertThat(send(2, "GET", b, "o", Map.of()).body()).isEqualTo(data);
        Resp warm = send(3, "HEAD", b, "o", Map.of());
        assertThat(warm.header("Ais-Present")).isEqualTo("true");
        assertThat(warm.header("Ais-Location")).startsWith("t[");
    }

    @Test
    void aDamagedOrLostCachedCopyIsFetchedAgain() {
        String b = newRemoteBucket("heal");
        byte[] small = PseudoRandomInputStream.bytes(5, 50_000);
        byte[] big = PseudoRandomInputStream.bytes(6, 3 << 20);
        byte[] lost = PseudoRandomInputStream.bytes(7, 20_000);
        try (S3Client direct = s3.client()) {
            direct.putObject(r -> r.bucket(b).key("small"), RequestBody.fromBytes(small));
            direct.putObject(r -> r.bucket(b).key("big"), RequestBody.fromBytes(big));
            direct.putObject(r -> r.bucket(b).key("lost"), RequestBody.fromBytes(lost));
        }
        for (String o : List.of("small", "big", "lost")) {
            assertThat(send(1, "GET", b, o, Map.of()).status()).isEqualTo(200);
            assertThat(s3.gets(b, o)).as("remote GETs of " + o).isEqualTo(1);
        }
        // damage the copies on disk: a flipped byte (same size, metadata intact), a deleted file
        Mountpaths.flip(cachedFile(b, "small"), 25_000);
        Mountpaths.flip(cachedFile(b, "big"), (3 << 20) - 100);
        try {
            Files.delete(cachedFile(b, "lost"));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }

        // a small object is verified before its first byte: the bad copy is dropped and fetched again at once
        Resp s = send(2, "GET", b, "small", Map.of());
        assertThat(s.status()).as(s.toString()).isEqualTo(200);
        assertThat(s.body()).isEqualTo(small);
        assertThat(s3.gets(b, "small")).isEqualTo(2);
        Resp l = send(3, "GET", b, "lost", Map.of());
        assertThat(l.status()).as(l.toString()).isEqualTo(200);
        assertThat(l.body()).isEqualTo(lost);
        assertThat(s3.gets(b, "lost")).isEqualTo(2);

        // a large one is verified while it streams: that transfer is cut (never a whole wrong body), the bad copy
        // dropped, and the next GET fetches it again
        try {
            Resp first = send(1, "GET", b, "big", Map.of());
            assertThat(first.body())
                    .as("a transfer that completes has the right bytes")
                    .isEqualTo(big);
        } catch (UncheckedIOException cut) {
            // the transfer was cut before its last bytes: what the client must see for a bad copy mid-stream
        }
        Resp again = send(2, "GET", b, "big", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(big);
        assertThat(s3.gets(b, "big")).isEqualTo(2);
        assertThat(send(3, "HEAD", b, "big", Map.of()).header("Ais-Present")).isEqualTo("true");
    }

    /** The one file of the cached copy of {@code aws://b/o} on the cluster's mountpaths. */
    private static Path cachedFile(String b, String o) {
        List<Path> found = new ArrayList<>();
        for (int slot : cluster.runningSlots()) {
            for (Path mp : cluster.node(slot).mountpaths()) {
                Path f = mp.resolve("@aws").resolve(b).resolve("%ob").resolve(o);
                if (Files.isRegularFile(f)) {
                    found.add(f);
                }
            }
        }
        assertThat(found).as("cached copies of " + b + "/" + o).hasSize(1);
        return found.get(0);
    }

    private static String newRemoteBucket(String tag) {
        String b = "it-" + tag + "-" + ItEnv.randomHex(4);
        try (S3Client direct = s3.client()) {
            direct.createBucket(r -> r.bucket(b));
        }
        return b;
    }

    private static Resp send(int slot, String method, String b, String o, Map<String, String> headers) {
        return cluster.send(
                        cluster.url(slot), method, AisClient.objPath(b, o) + "?provider=aws", headers, null, TIMEOUT)
                .resp();
    }
}
