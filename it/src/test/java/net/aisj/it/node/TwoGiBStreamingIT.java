package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.GatedInputStream;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import net.aisj.it.support.Xxh;
import org.junit.jupiter.api.Test;

/** A 2 GiB object through a node with a 256 MiB heap: streamed in, streamed out, checksummed end to end. */
class TwoGiBStreamingIT {

    static final long SIZE = 2L << 30;
    static final long SEED = 0x2C1B;

    @Test
    void twoGiBRoundTrip() throws Exception {
        NodeProcess node = SharedNode.get();
        AisClient ais = SharedNode.client();
        long usable = Files.getFileStore(node.mountpaths().get(0)).getUsableSpace();
        assumeTrue(usable > SIZE + (2L << 30), "needs > 4 GiB free on the mountpaths' disk, has " + usable);
        String b = ItEnv.bucketName("big");
        String o = "big/2GiB.bin";
        ais.createBucket(b).expect(200);
        try {
            // PUT: generated on the fly, hashed while sent
            GatedInputStream src = new GatedInputStream(new PseudoRandomInputStream(SEED, SIZE), -1);
            HttpRequest put = HttpRequest.newBuilder(URI.create(ais.baseUrl() + AisClient.objPath(b, o)))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> src), SIZE))
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<String> pr = ais.http().send(put, HttpResponse.BodyHandlers.ofString());
            System.out.printf("[it] PUT 2 GiB: HTTP %d in %.1f s%n", pr.statusCode(), (System.nanoTime() - t0) / 1e9);
            assertThat(pr.statusCode())
                    .as("PUT 2 GiB: %s %s", pr.headers().map(), pr.body())
                    .isEqualTo(200);
            assertThat(src.count()).isEqualTo(SIZE);
            String sent = Xxh.hex(src.hash());
            assertThat(pr.headers().firstValue("Ais-Checksum-Value"))
                    .as("server checksum of what was sent")
                    .hasValue(sent);

            Resp head = ais.head(b, o).expect(200);
            assertThat(head.header("Content-Length")).as("%s", head).isEqualTo(Long.toString(SIZE));
            assertThat(head.header("Ais-Checksum-Value")).isEqualTo(sent);

            // GET: streamed and hashed while read
            HttpRequest get = HttpRequest.newBuilder(URI.create(ais.baseUrl() + AisClient.objPath(b, o)))
                    .timeout(Duration.ofMinutes(10))
                    .GET()
                    .build();
            t0 = System.nanoTime();
            HttpResponse<InputStream> gr = ais.http().send(get, HttpResponse.BodyHandlers.ofInputStream());
            long[] got;
            try (InputStream in = gr.body()) {
                assertThat(gr.statusCode()).isEqualTo(200);
                assertThat(gr.headers().firstValue("Content-Length")).hasValue(Long.toString(SIZE));
                got = Xxh.hashStream(in);
            }
            System.out.printf("[it] GET 2 GiB in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertThat(got[0]).as("bytes read back").isEqualTo(SIZE);
            assertThat(Xxh.hex(got[1])).as("XXH64 of what was read back").isEqualTo(sent);
            assertThat(gr.headers().firstValue("Ais-Checksum-Value")).hasValue(sent);

            // the tail, by range (offsets past 2^31 - 1000)
            long from = SIZE - 1000;
            Resp tail = ais.get(b, o, Map.of("Range", "bytes=" + from + "-")).expect(206);
            byte[] want = new byte[1000];
            try (PseudoRandomInputStream gen = new PseudoRandomInputStream(SEED, SIZE)) {
                byte[] skip = new byte[1 << 20];
                long left = from;
                while (left > 0) {
                    left -= gen.read(skip, 0, (int) Math.min(skip.length, left));
                }
                assertThat(gen.read(want, 0, 1000)).isEqualTo(1000);
            }
            assertThat(tail.header("Content-Range")).isEqualTo("bytes " + from + "-" + (SIZE - 1) + "/" + SIZE);
            assertThat(Arrays.equals(tail.body(), want)).as("last 1000 bytes").isTrue();

            assertThat(node.isAlive()).as("node process alive after 2 GiB").isTrue();
            ais.health().expect(200);
        } finally {
            ais.delete(b, o);
            ais.destroyQuietly(b);
        }
        ais.health().expect(200);
    }
}
