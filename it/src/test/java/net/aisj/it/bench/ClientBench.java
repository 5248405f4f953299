package net.aisj.it.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.aisj.client.AisClient;
import net.aisj.client.Bucket;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.PseudoRandomInputStream;

/**
 * The Java client against curl (issue 19): one node, one connection each, the same objects. curl runs once per phase
 * with a config file listing every transfer (so it keeps its connection, as the client does); the client PUTs from
 * the same file and GETs into a discarding stream. Prints seconds, MiB/s and objects/s per phase and the ratio
 * client/curl (above 1: the client is faster). Not run by {@code mvn verify}; run from {@code it/} after
 * {@code mvn verify -Dit.test=none}: {@code java -cp "target/test-classes:$(cat target/bench/classpath.txt)"
 * net.aisj.it.bench.ClientBench [small count] [large count]}.
 */
public final class ClientBench {

    private ClientBench() {}

    record Phase(String name, long objects, long bytes, double curlSecs, double clientSecs) {
        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.1f | %.2f | %.1f | %.2fx |",
                    name,
                    objects,
                    curlSecs,
                    bytes / curlSecs / (1 << 20),
                    clientSecs,
                    bytes / clientSecs / (1 << 20),
                    curlSecs / clientSecs);
        }
    }

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path work = Files.createTempDirectory("client-bench");
        try (NodeProcess node = NodeProcess.prepare("client-bench", 1, null, "-Xmx1g")) {
            node.spawn();
            node.awaitReady();
            AisClient ais = AisClient.builder().endpoint(node.baseUrl()).build();
            Bucket b = ais.bucket("bench-" + ItEnv.randomHex(4));
            b.create();
            List<Phase> phases = new ArrayList<>();
            for (long size : new long[] {4096, 64L << 20}) {
                int n = size == 4096 ? small : large;
                Path file = work.resolve("obj-" + size);
                try (InputStream in = new PseudoRandomInputStream(size, size)) {
                    Files.copy(in, file);
                }
                String label = size == 4096 ? "4 KiB" : "64 MiB";
                // warm-up: both paths once
                b.put("warm", file);
                try (InputStream in = b.get("warm")) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                double curlPut = curl(work, node.baseUrl(), b.id().name(), "c-" + size + "-", n, file);
                double clientPut = time(() -> {
                    for (int i = 0; i < n; i++) {
                        b.put("j-" + size + "-" + i, file);
                    }
                });
                phases.add(new Phase("PUT " + label, n, n * size, curlPut, clientPut));
                double curlGet = curl(work, node.baseUrl(), b.id().name(), "c-" + size + "-", n, null);
                double clientGet = time(() -> {
                    for (int i = 0; i < n; i++) {
                        try (InputStream in = b.get("j-" + size + "-" + i)) {
                            in.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                });
                phases.add(new Phase("GET " + label, n, n * size, curlGet, clientGet));
            }
            System.out.println("| phase | objects | curl s | curl MiB/s | client s | client MiB/s | client/curl |");
            System.out.println("|---|---|---|---|---|---|---|");
            phases.forEach(p -> System.out.println(p.row()));
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static double time(Body b) throws Exception {
        long t0 = System.nanoTime();
        b.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One curl process doing {@code n} PUTs of {@code upload} (or, when null, n GETs to /dev/null), in sequence. */
    static double curl(Path work, String base, String bucket, String prefix, int n, Path upload) throws Exception {
        Path cfg = work.resolve("curl.cfg");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (upload != null) {
                sb.append("upload-file = \"").append(upload).append("\"\n");
            }
            sb.append("url = \"")
                    .append(base)
                    .append("/v1/objects/")
                    .append(bucket)
                    .append('/')
                    .append(prefix)
                    .append(i)
                    .append("\"\n");
            sb.append("output = \"/dev/null\"\n");
        }
        Files.writeString(cfg, sb);
        return time(() -> {
            Process p = new ProcessBuilder("curl", "-sSf", "-L", "-K", cfg.toString())
                    .inheritIO()
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("curl failed: " + p.exitValue());
            }
        });
    }
}
