package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.GatedInputStream;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Lso;
import net.aisj.it.support.Mountpaths;
import net.aisj.it.support.Names;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.Xxh;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** kill -9 in the middle of a large PUT: after a restart the partial object is gone and nothing else is lost. */
class CrashRecoveryIT {

    static final long BIG = 200L << 20;
    static final long KILL_AT = 50L << 20;

    @Test
    void killDuringPutThenRestart() throws Exception {
        Path etlDir = java.nio.file.Files.createTempDirectory("crash-etl");
        try (NodeProcess node = NodeProcess.start("crash", 1, "-Xmx256m", "-Dais.etl.workdir=" + etlDir)) {
            AisClient ais = new AisClient(node.baseUrl());
            List<Path> mps = node.mountpaths();
            String b = ItEnv.bucketName("crash");
            ais.createBucket(b).expect(200);
            // a running ETL: its transformer is a process of its own that a kill -9 of the node leaves behind
            String etl = net.aisj.it.etl.Transformers.name("orphan");
            net.aisj.it.etl.Transformers.init(
                            ais, net.aisj.it.etl.Transformers.spec(etl, "hpush://", "1m", Map.of("TRANSFORM", "upper")))
                    .expect(200);
            String etlBucket = ItEnv.bucketName("orphan"); // no "crash" in it: the test transformer crashes on that
            ais.createBucket(etlBucket).expect(200);
            ais.put(etlBucket, "hello.txt", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .expect(200);
            long transformerPid = Long.parseLong(
                    java.nio.file.Files.readString(etlDir.resolve(etl).resolve("transformer.pid"))
                            .trim()
                            .split(" ")[0]);

            TreeMap<String, String> small = new TreeMap<>(Names.UTF8_ORDER);
            long smallBytes = 0;
            for (int i = 0; i < 50; i++) {
                String o = "small/obj-" + i;
                byte[] d = PseudoRandomInputStream.bytes(500 + i, 1024 + i * 1300);
                Resp r = ais.put(b, o, d).expect(200);
                assertThat(r.header("Ais-Checksum-Value")).isEqualTo(Xxh.hex(d));
                small.put(o, Xxh.hex(d));
                smallBytes += d.length;
            }

            // a 200 MiB PUT that stops feeding after 50 MiB and never completes
            String big = "big/partial.bin";
            GatedInputStream src = new GatedInputStream(new PseudoRandomInputStream(77, BIG), KILL_AT);
            HttpRequest put = HttpRequest.newBuilder(URI.create(node.baseUrl() + AisClient.objPath(b, big)))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> src), BIG))
                    .build();
            CompletableFuture<HttpResponse<String>> upload =
                    ais.http().sendAsync(put, HttpResponse.BodyHandlers.ofString());
            SoftAssertions soft = new SoftAssertions();
            try {
                assertThat(src.awaitGate(120, TimeUnit.SECONDS))
                        .as("50 MiB handed to the HTTP client")
                        .isTrue();
                assertThat(upload)
                        .as("the upload cannot be complete: it is stuck at the gate")
                        .isNotDone();
                // the node should be spooling the upload to a work file on its mountpath (AIS: %wk)
                boolean spooled = false;
                try {
                    Poll.until(
                            Duration.ofSeconds(60),
                            "a work (%wk) file of >= 1 MiB on the mountpath while uploading",
                            () -> Mountpaths.workFiles(mps).stream().anyMatch(p -> Mountpaths.size(p) >= (1 << 20)),
                            () -> Mountpaths.describe(Mountpaths.files(mps)));
                    spooled = true;
                } catch (AssertionError e) {
                    soft.fail(e.getMessage());
                }
                soft.assertThat(ais.head(b, big).status())
                        .as("HEAD of the object while its upload is open")
                        .isEqualTo(404);
                System.out.println(
                        "[it] killing " + node + " after " + src.count() + " bytes; spooled to %wk: " + spooled);
                node.kill9();
            } finally {
                src.release();
            }
            try {
                HttpResponse<String> r = upload.get(60, TimeUnit.SECONDS);
                soft.assertThat(r.statusCode())
                        .as("the interrupted upload cannot have succeeded: %s", r.body())
                        .isNotEqualTo(200);
            } catch (ExecutionException expected) {
                // connection reset / aborted: what we expect
            } catch (TimeoutException e) {
                upload.cancel(true);
                soft.fail("the client did not notice the dead node within 60 s");
            }

            soft.assertThat(ProcessHandle.of(transformerPid).map(ProcessHandle::isAlive))
                    .as("the killed node's transformer outlives it (what the restart must clean up)")
                    .contains(true);

            node.restart();
            ais.health().expect(200);

            // the restarted node stops the transformer its previous run left, and runs the ETL anew
            Poll.until(
                    Duration.ofSeconds(120),
                    "the orphaned transformer pid " + transformerPid + " is stopped",
                    () -> !ProcessHandle.of(transformerPid)
                            .map(ProcessHandle::isAlive)
                            .orElse(false));
            Resp[] inline = new Resp[1];
            Poll.until(Duration.ofSeconds(120), "the ETL serves again after the restart", () -> {
                inline[0] = ais.send("GET", AisClient.objPath(etlBucket, "hello.txt") + "?etl_name=" + etl);
                return inline[0].status() == 200;
            });
            soft.assertThat(new String(inline[0].body(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("HELLO");

            soft.assertThat(ais.headBucket(b).status())
                    .as("bucket survives kill -9")
                    .isEqualTo(200);
            Resp bigGet = ais.get(b, big);
            soft.assertThat(bigGet.status())
                    .as("partial object after restart: %s", bigGet)
                    .isEqualTo(404);
            soft.assertThat(ais.head(b, big).status()).as("HEAD partial object").isEqualTo(404);
            Resp listing = ais.listObjectsRaw(b, new Lso.Msg().pageSize(10000), false);
            soft.assertThat(listing.status()).as("%s", listing).isEqualTo(200);
            if (listing.status() == 200) {
                List<String> names = ais.listNames(b, "");
                soft.assertThat(names).as("listing after restart").doesNotContain(big);
                soft.assertThat(names)
                        .as("listing after restart")
                        .containsExactlyElementsOf(new ArrayList<>(small.keySet()));
            }

            for (Map.Entry<String, String> e : small.entrySet()) {
                Resp g = ais.get(b, e.getKey());
                soft.assertThat(g.status())
                        .as("GET %s after restart: %s", e.getKey(), g)
                        .isEqualTo(200);
                if (g.status() == 200) {
                    soft.assertThat(Xxh.hex(g.body()))
                            .as("content of %s", e.getKey())
                            .isEqualTo(e.getValue());
                    soft.assertThat(g.header("Ais-Checksum-Value"))
                            .as("checksum header of %s", e.getKey())
                            .isEqualTo(e.getValue());
                }
                Resp v = ais.send("GET", AisClient.objPath(b, e.getKey()) + "?validate-checksum=true");
                soft.assertThat(v.status())
                        .as("GET %s?validate-checksum=true: %s", e.getKey(), v)
                        .isEqualTo(200);
                if (v.status() == 200) {
                    soft.assertThat(Xxh.hex(v.body()))
                            .as("validated content of %s", e.getKey())
                            .isEqualTo(e.getValue());
                }
            }

            // the partial upload's bytes are cleaned up (in the background: poll)
            final long limit = smallBytes + (16L << 20);
            try {
                Poll.until(
                        Duration.ofSeconds(90),
                        "no %wk files and < " + limit + " bytes on the mountpath",
                        () -> Mountpaths.workFiles(mps).isEmpty() && Mountpaths.totalSize(mps) < limit,
                        () -> Mountpaths.totalSize(mps) + " bytes; work files:"
                                + Mountpaths.describe(Mountpaths.workFiles(mps)));
            } catch (AssertionError e) {
                soft.fail(e.getMessage());
            }
            ais.destroyQuietly(b);
            soft.assertAll();
        }
    }
}
