package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Capacity of the cache: one node whose only mountpath is a 4 MiB tmpfs, with {@code space.highwm} 60 % and
 * {@code space.lowwm} 40 %, reading 64 KiB objects of a remote (s3proxy) bucket. Cold GETs fill the mountpath past
 * the high watermark; the node's own {@code lru} job evicts the least recently read copies down to the low
 * watermark while the reads go on; an evicted object is read again from the remote (bytes identical); then an
 * {@code lru} job started by a user (AIS's {@code start} with kind {@code lru}) is waited for like any job. The
 * tmpfs needs root (CI runs as root, as the disk fault test does).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LruIT {

    private static final int OBJ = 64 << 10;
    private static final int HIGH = 60;
    private static final int LOW = 40;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static S3ProxyServer s3;
    private static NodeProcess node;
    private static Path mp;
    private static boolean mounted;
    private static AisClient c;
    private static String b;
    private static final String AIS_BUCKET = net.aisj.it.support.ItEnv.bucketName("lru-keep");

    @BeforeAll
    static void start() {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        s3 = S3ProxyServer.shared();
        node = NodeProcess.prepare(
                "lru",
                1,
                null,
                "-Xmx256m",
                "-Dais.space.highwm=" + HIGH,
                "-Dais.space.lowwm=" + LOW,
                "-Dais.lru.capacity_upd_time=2s");
        mp = node.mountpaths().get(0);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mp.toString()));
        mounted = true;
        node.withEnv(s3.nodeEnv());
        node.spawn();
        node.awaitReady();
        c = new AisClient(node.baseUrl());
        b = RemoteData.create(s3, "lru");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            names.add(name(i));
        }
        RemoteData.put(s3, b, names, LruIT::content);
        // an ais:// bucket on the same disk: its objects are the only copies and never evicted
        c.createBucket(AIS_BUCKET).expect(200);
        for (int i = 0; i < 4; i++) {
            c.send(
                            "PUT",
                            AisClient.objPath(AIS_BUCKET, "keep-" + i),
                            java.util.Map.of(),
                            java.net.http.HttpRequest.BodyPublishers.ofByteArray(content("keep-" + i)),
                            TIMEOUT)
                    .expect(200);
        }
        c.control("POST", "/v1/buckets/" + b + "?provider=aws", "{\"action\":\"add-remote-bck\"}")
                .expect(200);
        // AIS keeps copies read within lru.dont_evict_time (2h by default): none here
        c.control(
                        "PATCH",
                        "/v1/buckets/" + b + "?provider=aws",
                        "{\"action\":\"set-bprops\",\"value\":{\"lru\":{\"dont_evict_time\":\"0s\"}}}")
                .expect(200);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (mounted) {
            run(List.of("umount", "-l", mp.toString()));
        }
    }

    @Test
    @Order(1)
    void coldReadsPastTheHighWatermarkEvictTheLeastRecentlyReadDownToTheLowWatermark() throws Exception {
        // 48 x 64 KiB = 3 MiB of a 4 MiB disk: the high watermark (60 %) is passed after about 38 reads
        for (int i = 0; i < 48; i++) {
            assertThat(get(name(i))).as("cold GET of " + name(i)).isEqualTo(content(name(i)));
        }
        Poll.until(
                TIMEOUT,
                "an lru job of the node's own evicted copies and the mountpath is below the high watermark",
                () -> Jobs.statTotal(c, null, "lru", "loc-objs") > 0 && !lruRunning() && used() < HIGH,
                () -> "used " + used() + " %, lru evicted " + Jobs.statTotal(c, null, "lru", "loc-objs"));
        List<String> cached = RemoteData.names(c, b, 1);
        assertThat(cached).as("some copies were evicted").hasSizeLessThan(48);
        // the least recently read went first: the first names read are gone, the last ones are all still here
        assertThat(cached).doesNotContain(name(0), name(1), name(2));
        assertThat(cached).contains(name(47), name(46), name(45));
        // an evicted object is read again from the remote, bytes identical
        assertThat(s3.gets(b, name(0))).isEqualTo(1);
        assertThat(get(name(0))).isEqualTo(content(name(0)));
        assertThat(s3.gets(b, name(0))).isEqualTo(2);
        // a copy that stayed is warm: no remote read
        assertThat(get(name(47))).isEqualTo(content(name(47)));
        assertThat(s3.gets(b, name(47))).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anLruJobStartedByAUserBringsTheMountpathDownToTheLowWatermark() {
        Poll.until(TIMEOUT, "no lru job runs", () -> !lruRunning());
        // read until the disk is above the low watermark (and below the high one, so the node starts nothing)
        int i = 48;
        while (used() <= LOW + 5 && i < 60) {
            assertThat(get(name(i))).isEqualTo(content(name(i)));
            i++;
        }
        int before = used();
        assertThat(before).as("used before the job").isGreaterThan(LOW).isLessThan(HIGH);
        long evictedBefore = Jobs.statTotal(c, null, "lru", "loc-objs");
        String job = c.control(
                        "PUT",
                        "/v1/cluster",
                        Json.createObjectBuilder()
                                .add("action", "start")
                                .add("value", Json.createObjectBuilder().add("kind", "lru"))
                                .build()
                                .toString())
                .expect(200)
                .text();
        Jobs.awaitEnd(c, job, "lru", TIMEOUT);
        assertThat(Jobs.statTotal(c, job, "lru", "loc-objs")).isGreaterThan(0);
        assertThat(Jobs.statTotal(c, job, "lru", "loc-bytes")).isGreaterThanOrEqualTo(OBJ);
        assertThat(Jobs.statTotal(c, null, "lru", "loc-objs")).isGreaterThan(evictedBefore);
        assertThat(used()).as("used after the job (was " + before + " %)").isLessThanOrEqualTo(LOW);
        for (int k = 0; k < 4; k++) {
            assertThat(c.send("GET", AisClient.objPath(AIS_BUCKET, "keep-" + k))
                            .expect(200)
                            .body())
                    .as("the only copy of ais://" + AIS_BUCKET + "/keep-" + k)
                    .isEqualTo(content("keep-" + k));
        }
        // reads keep working for every object, cached or not
        for (int k = 0; k < 60; k += 7) {
            assertThat(get(name(k))).isEqualTo(content(name(k)));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String name(int i) {
        return String.format("lru/obj-%03d", i);
    }

    private static byte[] content(String name) {
        return PseudoRandomInputStream.bytes(name.hashCode(), OBJ);
    }

    private static byte[] get(String name) {
        return c.send("GET", AisClient.objPath(b, name) + "?provider=aws")
                .expect(200)
                .body();
    }

    /** Whether any lru job runs on the node (every one of them, not only the latest). */
    private static boolean lruRunning() {
        var running = c.control("GET", "/v1/cluster?what=qryxstats", "{\"Kind\":\"lru\",\"OnlyRunning\":true}")
                .expect(200)
                .json();
        return running.values().stream().anyMatch(v -> !v.asJsonArray().isEmpty());
    }

    /** Percent of the tmpfs in use, as the node computes it. */
    private static int used() {
        try {
            var fs = Files.getFileStore(mp);
            return (int) ((fs.getTotalSpace() - fs.getUnallocatedSpace()) * 100 / fs.getTotalSpace());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(cmd + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
