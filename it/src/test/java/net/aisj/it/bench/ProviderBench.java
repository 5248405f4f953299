package net.aisj.it.bench;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;
import net.aisj.it.support.AzuriteServer;
import net.aisj.it.support.GcsEmulator;
import net.aisj.it.support.HdfsServer;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.PseudoRandomInputStream;

/**
 * Cold-GET throughput per cloud provider against its test server (Azurite, the GCS emulator, a MiniDFSCluster): the
 * same objects read directly with the provider's own client, then through one node's native API cold (each read
 * fetched from the server while it is stored) and warm. One reader; prints MiB/s and cold/direct. Not run by
 * {@code mvn verify}; from {@code it/}: {@code java -cp "target/test-classes:$(cat target/bench/classpath.txt)"
 * net.aisj.it.bench.ProviderBench [count] [MiB each]}.
 */
public final class ProviderBench {

    private ProviderBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        byte[] data = PseudoRandomInputStream.bytes(7, mib << 20);
        Map<String, String> env = new HashMap<>(AzuriteServer.shared().nodeEnv());
        env.putAll(GcsEmulator.shared().nodeEnv());
        env.putAll(HdfsServer.shared().nodeEnv());
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try (NodeProcess node =
                NodeProcess.prepare("provider-bench", 1, null, "-Xmx1g").withEnv(env)) {
            node.spawn();
            node.awaitReady();
            System.out.println("| provider (server) | " + n + " x " + mib
                    + " MiB, 1 reader | direct | cold (through us) | warm | cold/direct |");
            System.out.println("|---|---|---|---|---|---|");

            String az = "bench-" + ItEnv.randomHex(4);
            BlobContainerClient c = AzuriteServer.shared().client().createBlobContainer(az);
            for (int i = 0; i < n; i++) {
                c.getBlobClient("o" + i).upload(BinaryData.fromBytes(data), true);
            }
            row("az (Azurite)", n, mib, k -> drain(c.getBlobClient("o" + k).openInputStream()), node, http, az, "az");

            String gs = "bench-" + ItEnv.randomHex(4);
            Storage g = GcsEmulator.shared().client();
            for (int i = 0; i < n; i++) {
                g.create(BlobInfo.newBuilder(BlobId.of(gs, "o" + i)).build(), data);
            }
            row(
                    "gs (firebase emulator)",
                    n,
                    mib,
                    k -> drain(java.nio.channels.Channels.newInputStream(g.reader(BlobId.of(gs, "o" + k)))),
                    node,
                    http,
                    gs,
                    "gs");

            String hd = "bench-" + ItEnv.randomHex(4);
            var fs = HdfsServer.shared().fs();
            for (int i = 0; i < n; i++) {
                try (OutputStream out =
                        fs.create(new org.apache.hadoop.fs.Path(HdfsServer.ROOT + "/" + hd + "/o" + i))) {
                    out.write(data);
                }
            }
            row(
                    "hdfs (MiniDFSCluster, in the bench JVM)",
                    n,
                    mib,
                    k -> {
                        try {
                            return drain(fs.open(new org.apache.hadoop.fs.Path(HdfsServer.ROOT + "/" + hd + "/o" + k)));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    node,
                    http,
                    hd,
                    "hdfs");
        } finally {
            AzuriteServer.shared().close();
            GcsEmulator.shared().close();
            HdfsServer.shared().close();
        }
    }

    private static void row(
            String what,
            int n,
            int mib,
            IntToLongFunction direct,
            NodeProcess node,
            HttpClient http,
            String bucket,
            String provider) {
        IntToLongFunction ours = k -> {
            try {
                HttpResponse<InputStream> r = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        node.baseUrl() + "/v1/objects/" + bucket + "/o" + k + "?provider=" + provider))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET o" + k + ": HTTP " + r.statusCode());
                }
                return drain(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        double d = seconds(n, direct);
        double cold = seconds(n, ours);
        double warm = seconds(n, ours);
        double total = (double) n * mib;
        System.out.printf(
                "| %s | | %.1f MiB/s | %.1f MiB/s | %.1f MiB/s | %.2fx |%n",
                what, total / d, total / cold, total / warm, d / cold);
    }

    private static double seconds(int n, IntToLongFunction read) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            read.applyAsLong(i);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long drain(InputStream in) {
        try (in) {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
