package net.aisj.it.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Ports;

/**
 * {@code --mode cluster}: the same client load against one node and then against a 3-node cluster on this machine
 * (started after the single node stopped), native API (307 to the owner, followed by the client) and S3 (the node
 * a call reaches streams it to the owner). Every worker sends its calls first to one node, workers spread evenly
 * over the nodes. Besides ops/s it reports, per request, the bytes on the wire between the client and the node it
 * called first, between the client and the node it was redirected to (both counted by the client, headers
 * included), and the payload bytes moved between nodes by S3 forwarding (the nodes' {@code ais_intra_fwd_*}
 * counters on {@code /metrics}, read before and after each run). Options: {@code --cluster-sizes 4k,1m
 * --cluster-ops get,put --apis native,s3 --duration 5 --warmup 2 --jit-warmup 30 --node-args ""}.
 */
final class ClusterBench {

    private static final String[] FWD = {"ais_intra_fwd_count", "ais_intra_fwd_sent_bytes", "ais_intra_fwd_recv_bytes"};

    private final Map<String, String> o;
    private final Report report;
    private final StringBuilder table = new StringBuilder();

    ClusterBench(Map<String, String> o, Report report) {
        this.o = o;
        this.report = report;
    }

    void run(Services svc) throws IOException {
        table.append("| nodes | api | op | size | conc | MiB/s | ops/s | p50/p99 ms | client<->first node B/op"
                + " | client<->redirect target B/op | node<->node payload B/op (S3 fwd) | fwd calls/op | load1 |\n"
                + "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int n : new int[] {1, 3}) {
            List<NodeProcess> nodes = start(svc, n);
            try {
                measureAll(nodes);
            } finally {
                nodes.forEach(NodeProcess::close);
            }
        }
        report.section("### 1 node vs 3 nodes (same client load, same machine)\n\n" + table);
    }

    private List<NodeProcess> start(Services svc, int n) throws IOException {
        List<String> jvm =
                new ArrayList<>(List.of("-Dais.s3.credentials=" + BenchMain.ACCESS_KEY + ":" + BenchMain.SECRET_KEY));
        String extra = o.getOrDefault("node-args", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        List<Integer> hz = new ArrayList<>();
        while (hz.size() < n) {
            int p = Ports.freePortRange(3);
            if (hz.stream().noneMatch(q -> Math.abs(q - p) < 3)) {
                hz.add(p);
            }
        }
        String cluster = "bench-" + n + "-" + Long.toHexString(System.nanoTime());
        List<NodeProcess> nodes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            NodeProcess p = svc.add(NodeProcess.prepare(
                    "bench" + n + "n" + (i + 1),
                    1,
                    new NodeProcess.Membership(hz.get(i), hz, cluster),
                    jvm.toArray(String[]::new)));
            p.spawn();
            nodes.add(p);
        }
        nodes.forEach(NodeProcess::awaitReady);
        awaitTargets(nodes, n);
        report.note(String.format(
                Locale.ROOT,
                "cluster of %d: started, %d targets in every node's map after %.1f s; " + "load %.1f",
                n,
                n,
                (System.nanoTime() - t0) / 1e9,
                Report.load1()));
        HttpConn c = new HttpConn("127.0.0.1", nodes.get(0).port());
        String[] json = {"Content-Type: application/json"};
        HttpConn.Response r = c.exchange(
                "POST",
                "/v1/buckets/bench",
                json,
                new Endpoint.BytesPayload("{\"action\":\"create-bck\"}".getBytes(StandardCharsets.UTF_8)));
        c.close();
        if (r.status() / 100 != 2) {
            throw new IOException("create bucket: HTTP " + r.status() + " " + r.errorText());
        }
        return nodes;
    }

    /** Polls every node's cluster map until each lists {@code n} targets (3 minutes at most). */
    private static void awaitTargets(List<NodeProcess> nodes, int n) throws IOException {
        long end = System.nanoTime() + 180_000_000_000L;
        while (true) {
            Set<Integer> counts = new HashSet<>();
            for (NodeProcess p : nodes) {
                counts.add(targets(p));
            }
            if (counts.equals(Set.of(n))) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IOException("nodes do not agree on " + n + " targets: " + counts);
            }
            Services.sleep(500); // polling with a deadline
        }
    }

    private static int targets(NodeProcess p) {
        try {
            String body = fetch(p, "/v1/daemon?what=smap");
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                JsonObject tmap = r.readObject().getJsonObject("tmap");
                return tmap == null ? 0 : tmap.size();
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String fetch(NodeProcess p, String path) throws IOException {
        Endpoint ep = new Endpoint(Endpoint.Api.DAV, "127.0.0.1", p.port(), "", null, null);
        try (Endpoint.Session s = ep.session()) {
            HttpConn.Response r = s.callPath("GET", path, new String[0], null, true);
            if (r.status() != 200) {
                throw new IOException(path + ": HTTP " + r.status());
            }
            return new String(r.body(), StandardCharsets.UTF_8);
        }
    }

    private void measureAll(List<NodeProcess> nodes) throws IOException {
        List<Integer> ports = nodes.stream().map(NodeProcess::port).toList();
        Endpoint nat =
                new Endpoint(Endpoint.Api.NATIVE, "127.0.0.1", ports.get(0), "bench", null, null).spreadOver(ports);
        Endpoint s3 = new Endpoint(
                        Endpoint.Api.S3, "127.0.0.1", ports.get(0), "bench", BenchMain.ACCESS_KEY, BenchMain.SECRET_KEY)
                .spreadOver(ports);
        List<String> apis = List.of(o.getOrDefault("apis", "native,s3").split(","));
        double jit = Double.parseDouble(o.getOrDefault("jit-warmup", "30"));
        if (jit > 0) {
            LoadGen.Workload w = new LoadGen.Workload("mixed", 4096, 4096, 8, jit, true, 70, 200);
            LoadGen.populate(nat, w);
            for (String api : apis) {
                LoadGen.run(api.equals("s3") ? s3 : nat, w);
            }
        }
        for (String size : o.getOrDefault("cluster-sizes", "4k,1m").split(",")) {
            long bytes = Sizes.parse(size);
            int conc = size.equals("4k") ? 16 : 8;
            int objects = size.equals("4k") ? 2000 : 200;
            double secs = Double.parseDouble(o.getOrDefault("duration", "5"));
            LoadGen.Workload base = new LoadGen.Workload("get", bytes, bytes, conc, secs, true, 50, objects);
            LoadGen.populate(nat, base);
            for (String op : o.getOrDefault("cluster-ops", "get,put").split(",")) {
                LoadGen.Workload w = new LoadGen.Workload(op, bytes, bytes, conc, secs, true, 50, objects);
                for (String api : apis) {
                    measure(nodes, api, api.equals("s3") ? s3 : nat, w);
                }
            }
        }
    }

    private void measure(List<NodeProcess> nodes, String api, Endpoint ep, LoadGen.Workload w) throws IOException {
        LoadGen.run(ep, w.withSeconds(Double.parseDouble(o.getOrDefault("warmup", "2"))));
        double[] fwd0 = forwardCounters(nodes);
        long entry0 = Endpoint.ENTRY_BYTES.sum();
        long redir0 = Endpoint.REDIRECTED_BYTES.sum();
        double load = Report.load1();
        LatencyStats.Summary s = LoadGen.run(ep, w);
        long entry = Endpoint.ENTRY_BYTES.sum() - entry0;
        long redir = Endpoint.REDIRECTED_BYTES.sum() - redir0;
        double[] fwd = forwardCounters(nodes);
        double ops = Math.max(1, s.ops() + s.errors());
        String line = String.format(
                Locale.ROOT,
                "| %d | %s | %s | %s | %d | %.1f | %.0f | %.2f / %.2f | %.0f | %.0f | " + "%.0f | %.2f | %.1f |%n",
                nodes.size(),
                api,
                w.op(),
                w.sizeLabel(),
                w.concurrency(),
                s.mibPerSec(),
                s.opsPerSec(),
                s.p50Ms(),
                s.p99Ms(),
                entry / ops,
                redir / ops,
                (fwd[1] - fwd0[1] + fwd[2] - fwd0[2]) / ops,
                (fwd[0] - fwd0[0]) / ops,
                load);
        table.append(line);
        System.out.print("[bench] cluster " + line);
        if (s.errors() > 0) {
            report.note("cluster " + nodes.size() + " " + api + " " + w.op() + " " + w.sizeLabel() + ": " + s.errors()
                    + " errors (" + s.firstError() + ")");
        }
    }

    /** The sums over all nodes of the {@code ais_intra_fwd_*} counters (Prometheus text on {@code /metrics}). */
    private static double[] forwardCounters(List<NodeProcess> nodes) throws IOException {
        double[] sum = new double[FWD.length];
        for (NodeProcess p : nodes) {
            for (String line : fetch(p, "/metrics").split("\n")) {
                for (int i = 0; i < FWD.length; i++) {
                    if (line.startsWith(FWD[i])) {
                        sum[i] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            }
        }
        return sum;
    }
}
