package net.aisj.it.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.S3ProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cache tier's benchmark (issue 14): one node in front of s3proxy, the same client (the AWS SDK v2) reading
 * the same objects directly from s3proxy, then through our S3 API from an {@code ais://} bucket backed by the
 * s3proxy bucket: first cold (each read fetches from s3proxy while it is stored here), then warm (from our disk).
 * Prints throughput per phase and the ratios cold/direct and warm/cold, for small (4 KiB) and large (64 MiB)
 * objects. Not run by {@code mvn verify}; run from {@code it/} after {@code mvn verify -Dit.test=none}:
 * {@code java -cp "target/test-classes:$(cat target/bench/classpath.txt)" net.aisj.it.bench.CacheBench [small
 * count] [large count] [threads]}.
 */
public final class CacheBench {

    private CacheBench() {}

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        S3ProxyServer s3 = S3ProxyServer.shared();
        Map<String, String> env = new HashMap<>(s3.nodeEnv());
        env.put("AIS_S3_CREDENTIALS", "benchkey:benchsecret");
        try (NodeProcess node =
                NodeProcess.prepare("cache-bench", 1, null, "-Xmx1g").withEnv(env)) {
            node.spawn();
            node.awaitReady();
            String remote = "bench-" + ItEnv.randomHex(4);
            String local = "cached-" + ItEnv.randomHex(4);
            try (S3Client direct = s3.client()) {
                direct.createBucket(r -> r.bucket(remote));
                byte[] four = PseudoRandomInputStream.bytes(1, 4096);
                for (int i = 0; i < small; i++) {
                    String k = "s/" + i;
                    direct.putObject(r -> r.bucket(remote).key(k), RequestBody.fromBytes(four));
                }
                byte[] big = PseudoRandomInputStream.bytes(2, 64 << 20);
                for (int i = 0; i < large; i++) {
                    String k = "l/" + i;
                    direct.putObject(r -> r.bucket(remote).key(k), RequestBody.fromBytes(big));
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + "/v1/buckets/" + local))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"action\":\"create-bck\",\"value\":{\"backend_bck\":" + "{\"name\":\"" + remote
                                            + "\",\"provider\":\"aws\"}}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 200) {
                throw new IllegalStateException("create-bck: " + created.body());
            }
            try (S3Client direct = s3.client();
                    S3Client ours = S3Client.builder()
                            .endpointOverride(URI.create(node.baseUrl()))
                            .forcePathStyle(true)
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("benchkey", "benchsecret")))
                            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(5)))
                            .build()) {
                System.out.println("| objects | direct s3proxy | cold (through us) | warm (through us) | cold/direct "
                        + "| warm/cold |");
                System.out.println("|---|---|---|---|---|---|");
                row(
                        "4 KiB x " + small + ", " + threads + " threads",
                        small,
                        4096,
                        threads,
                        k -> direct.getObjectAsBytes(r -> r.bucket(remote).key("s/" + k))
                                .asByteArray()
                                .length,
                        k -> ours.getObjectAsBytes(r -> r.bucket(local).key("s/" + k))
                                .asByteArray()
                                .length);
                row(
                        "64 MiB x " + large + ", 1 thread",
                        large,
                        64 << 20,
                        1,
                        k -> drain(direct.getObject(r -> r.bucket(remote).key("l/" + k))),
                        k -> drain(ours.getObject(r -> r.bucket(local).key("l/" + k))));
            }
        } finally {
            s3.close();
        }
    }

    private static void row(
            String what,
            int n,
            long size,
            int threads,
            Function<Integer, Integer> direct,
            Function<Integer, Integer> ours)
            throws Exception {
        double d = run(n, threads, direct);
        double cold = run(n, threads, ours);
        double warm = run(n, threads, ours);
        System.out.printf(
                "| %s | %.1f MiB/s | %.1f MiB/s | %.1f MiB/s | %.2fx | %.2fx |%n",
                what, mib(n, size, d), mib(n, size, cold), mib(n, size, warm), d / cold, cold / warm);
    }

    private static double mib(int n, long size, double seconds) {
        return n * (double) size / (1 << 20) / seconds;
    }

    /** Seconds to read objects 0..n-1 with {@code threads} readers. */
    private static double run(int n, int threads, Function<Integer, Integer> read) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> read.apply(k)));
            }
            for (Future<Integer> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static int drain(java.io.InputStream in) {
        try (in) {
            return (int) in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
