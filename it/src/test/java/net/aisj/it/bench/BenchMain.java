package net.aisj.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Ports;

/**
 * One command, one run: starts our node (the uber-jar), nginx and s3proxy on loopback, measures the raw disk, then
 * for every size runs GET, PUT (and a mix) against ours and, right after, against the reference of the API (nginx
 * for the native API, s3proxy for S3), each after a warm-up; prints and writes the tables and a CSV; stops
 * everything it started (also on Ctrl-C). Options (defaults): {@code --sizes 4k,1m,64m --ops get,put,mixed
 * --mixed-sizes 1m --apis native,s3 --duration 5 --warmup 2 --jit-warmup 30 --reads random --disk 1g --out it/bench/out
 * --node-args "" --s3proxy-jar PATH --start-timeout 420 --skip "" --keep}
 * ({@code nginx,s3proxy,disk,nofsync} to leave parts out).
 * See {@code it/bench/run.sh}.
 */
public final class BenchMain {

    static final String ACCESS_KEY = "benchkey";
    static final String SECRET_KEY = "benchsecret";
    /** Default workers and GET data-set objects per size. */
    private static final Map<String, int[]> DEFAULTS =
            Map.of("4k", new int[] {16, 2000}, "1m", new int[] {8, 200}, "64m", new int[] {2, 8});

    private final Map<String, String> o;
    private final Report report = new Report();
    private final List<String> skip;

    private BenchMain(Map<String, String> o) {
        this.o = o;
        this.skip = Arrays.asList(o.getOrDefault("skip", "").split(","));
    }

    public static void main(String[] args) throws Exception {
        new BenchMain(Sizes.options(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Path.of(o.getOrDefault("work", "it/target/bench-work"))
                .toAbsolutePath()
                .resolve(runId);
        System.setProperty("ais.it.workdir", work.toString());
        System.setProperty("ais.it.start.timeout", o.getOrDefault("start-timeout", "420")); // shared CPUs: slow starts
        System.setProperty("ais.node.jar", o.getOrDefault("node-jar", "payara/target/ais-node.jar"));
        List<String> apis = List.of(o.getOrDefault("apis", "native,s3").split(","));
        try (Services svc = new Services()) {
            // closed last, after every server has stopped: the data written (GBs), unless --keep
            svc.add(() -> {
                if (!o.containsKey("keep")) {
                    NodeProcess.deleteTree(work.resolve("nginx").resolve("root"));
                    NodeProcess.deleteTree(work.resolve("s3proxy").resolve("data"));
                    NodeProcess.deleteTree(work.resolve("disk"));
                }
            });
            report.note("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs; load at start "
                    + Report.load1());
            String mode = o.getOrDefault("mode", "full");
            if (mode.equals("cluster")) {
                new ClusterBench(o, report).run(svc);
                return;
            }
            Endpoint ours = startOurs(svc);
            if (mode.equals("list")) {
                listing(ours);
                return;
            }
            if (mode.equals("verify")) {
                jitWarmup(Arrays.asList(ours));
                new VerifyBench(o, report).run(ours, this::workload);
                return;
            }
            Endpoint nginx = skip.contains("nginx")
                    ? null
                    : Endpoint.of(
                            Endpoint.Api.DAV,
                            "http://127.0.0.1:"
                                    + svc.startNginx(Files.createDirectories(work.resolve("nginx")), Ports.freePort()),
                            "bench",
                            null,
                            null);
            Endpoint s3proxy = null;
            if (apis.contains("s3") && !skip.contains("s3proxy")) {
                Path jar = Path.of(o.getOrDefault("s3proxy-jar", "it/target/bench/s3proxy.jar"));
                int port = svc.startS3Proxy(
                        jar,
                        Files.createDirectories(work.resolve("s3proxy")),
                        Ports.freePort(),
                        ACCESS_KEY,
                        SECRET_KEY);
                s3proxy = Endpoint.of(Endpoint.Api.S3, "http://127.0.0.1:" + port, "bench", ACCESS_KEY, SECRET_KEY);
                expect2xx(s3proxy.session().callPath("PUT", "/bench", null), "create s3proxy bucket");
            }
            if (!skip.contains("disk")) {
                DiskReference.Result d =
                        DiskReference.measure(work.resolve("disk"), Sizes.parse(o.getOrDefault("disk", "1g")));
                report.note(String.format(
                        Locale.ROOT,
                        "disk (%s, one file, 1 MiB writes): write+fsync %.0f MiB/s, " + "read %s, warm read %.0f MiB/s",
                        o.getOrDefault("disk", "1g"),
                        d.writeFsync(),
                        d.dropped()
                                ? String.format(Locale.ROOT, "cold (page cache dropped) %.0f MiB/s", d.coldRead())
                                : "cold not measured (cannot drop the page cache)",
                        d.warmRead()));
            }
            Endpoint oursS3 = new Endpoint(Endpoint.Api.S3, ours.host(), ours.port(), "bench", ACCESS_KEY, SECRET_KEY);
            jitWarmup(Arrays.asList(ours, oursS3, nginx, s3proxy)); // absent ones are null
            Endpoint oursNoFsync = new Endpoint(Endpoint.Api.NATIVE, ours.host(), ours.port(), "benchnf", null, null);
            for (String size : o.getOrDefault("sizes", "4k,1m,64m").split(",")) {
                LoadGen.Workload base = workload(size);
                LoadGen.populate(ours, base);
                if (nginx != null) {
                    LoadGen.populate(nginx, base);
                }
                if (s3proxy != null) {
                    LoadGen.populate(s3proxy, base);
                }
                for (String op : o.getOrDefault("ops", "get,put,mixed").split(",")) {
                    if (op.equals("mixed")
                            && !List.of(o.getOrDefault("mixed-sizes", "1m").split(","))
                                    .contains(size)) {
                        continue;
                    }
                    LoadGen.Workload w = new LoadGen.Workload(
                            op,
                            base.minSize(),
                            base.maxSize(),
                            base.concurrency(),
                            base.seconds(),
                            base.randomReads(),
                            50,
                            base.objects());
                    if (apis.contains("native")) {
                        measure("native", "ours", "fsync (default)", ours, w);
                        if (op.equals("put") && !skip.contains("nofsync")) {
                            measure("native", "ours", "no fsync", oursNoFsync, w);
                        }
                        measure("native", "nginx", "", nginx, w);
                    }
                    if (apis.contains("s3") && !op.equals("mixed")) {
                        measure("s3", "ours", "fsync (default)", oursS3, w);
                        measure("s3", "s3proxy", "", s3proxy, w);
                    }
                }
            }
            if (!skip.contains("list")) {
                listing(ours);
            }
        } finally {
            Path out = Path.of(o.getOrDefault("out", "it/bench/out"));
            report.write(out, runId);
            System.out.println(report.markdown());
            System.out.println("[bench] written " + out.resolve("results-" + runId + ".md") + " and .csv");
        }
    }

    /**
     * The listing benchmark ({@link ListBench}) on bucket {@code benchls}: {@code --list-objects} (100000) objects of
     * 16 bytes, then whole listings with AIS's default props and name-only, {@code --list-seconds} (10) each, in
     * pages of {@code --list-page} (10000, AIS's largest page for its own buckets).
     */
    private void listing(Endpoint ours) throws IOException {
        long n = Long.parseLong(o.getOrDefault("list-objects", "100000"));
        int page = Integer.parseInt(o.getOrDefault("list-page", "10000"));
        double secs = Double.parseDouble(o.getOrDefault("list-seconds", "10"));
        Endpoint ls = ours.withBucket("benchls");
        double load = Report.load1();
        long t0 = System.nanoTime();
        ListBench.populate(ls, n, 16, 16);
        double took = (System.nanoTime() - t0) / 1e9;
        report.note(String.format(
                Locale.ROOT,
                "list: populated %d objects of 16 B (16 parallel PUTs, no fsync) in " + "%.1f s, %.0f PUT/s; load %.1f",
                n,
                took,
                n / took,
                load));
        ListBench.run(ls, n, "", false, page, 2); // warm-up: JIT, dentry and inode caches
        report.note("list (native, msgpack): " + ListBench.run(ls, n, "", false, page, secs) + "; goal >= 50000");
        report.note("list (native, msgpack): " + ListBench.run(ls, n, "", true, page, secs));
    }

    private Endpoint startOurs(Services svc) throws IOException {
        List<String> jvm = new ArrayList<>();
        jvm.add("-Dais.s3.credentials=" + ACCESS_KEY + ":" + SECRET_KEY);
        String extra = o.getOrDefault("node-args", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        long t0 = System.nanoTime();
        NodeProcess node = svc.add(NodeProcess.start("bench", 1, jvm.toArray(String[]::new)));
        double ready = (System.nanoTime() - t0) / 1e9;
        Services.sleep(5000);
        report.note(String.format(
                Locale.ROOT,
                "our node: start to ready (GET /v1/health 200) %.1f s, idle RSS 5 s "
                        + "later %d MiB (goals <= 15 s, <= 600 MiB); load %.1f",
                ready,
                rssMiB(node.pid()),
                Report.load1()));
        Endpoint ep = Endpoint.of(Endpoint.Api.NATIVE, node.baseUrl(), "bench", null, null);
        HttpConn c = new HttpConn(ep.host(), ep.port());
        String[] json = {"Content-Type: application/json"};
        for (String b : List.of("bench", "benchnf", "benchls")) {
            expect2xx(
                    c.exchange("POST", "/v1/buckets/" + b, json, bytes("{\"action\":\"create-bck\"}")), "create " + b);
        }
        for (String b : List.of("benchnf", "benchls")) {
            expect2xx(
                    c.exchange(
                            "PATCH",
                            "/v1/buckets/" + b,
                            json,
                            bytes("{\"action\":\"set-bprops\",\"value\":"
                                    + "{\"write_policy\":{\"data\":\"never\"}}}")),
                    "set write_policy never");
        }
        c.close();
        return ep;
    }

    /**
     * Before any figure: small PUTs and GETs against every server for {@code --jit-warmup} seconds each (default
     * 30), so that the JVMs measured run compiled code; a 3 s warm-up per workload alone leaves a loaded 2-core
     * machine interpreting (a few thousand requests, C2 compiles after ~10k calls of a method).
     */
    private void jitWarmup(List<Endpoint> servers) throws IOException { // null entries: servers not started
        double seconds = Double.parseDouble(o.getOrDefault("jit-warmup", "30"));
        if (seconds <= 0) {
            return;
        }
        LoadGen.Workload w = new LoadGen.Workload("mixed", 4096, 4096, 8, seconds, true, 70, 200);
        for (Endpoint ep : servers) {
            if (ep != null) {
                LoadGen.populate(ep, w);
                LatencyStats.Summary s = LoadGen.run(ep, w);
                report.note(String.format(
                        Locale.ROOT,
                        "JIT warm-up %s %s (4 KiB, 70%% GET): %.0f ops/s over %.0f s",
                        ep.api(),
                        ep.host() + ":" + ep.port(),
                        s.opsPerSec(),
                        s.seconds()));
            }
        }
    }

    private LoadGen.Workload workload(String size) {
        long[] r = Sizes.range(size);
        int[] d = DEFAULTS.getOrDefault(size, new int[] {8, 100});
        return new LoadGen.Workload(
                "get",
                r[0],
                r[1],
                Integer.parseInt(o.getOrDefault("concurrency", "" + d[0])),
                Double.parseDouble(o.getOrDefault("duration", "5")),
                !o.getOrDefault("reads", "random").equals("seq"),
                50,
                Integer.parseInt(o.getOrDefault("objects", "" + d[1])));
    }

    private void measure(String api, String server, String variant, Endpoint ep, LoadGen.Workload w) {
        if (ep == null) {
            return;
        }
        LoadGen.run(ep, w.withSeconds(Double.parseDouble(o.getOrDefault("warmup", "2"))));
        double load = Report.load1();
        LatencyStats.Summary s = LoadGen.run(ep, w);
        report.add(new Report.Row(api, w.op(), w.sizeLabel(), w.concurrency(), server, variant, s, load));
    }

    private static Endpoint.BytesPayload bytes(String s) {
        return new Endpoint.BytesPayload(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void expect2xx(HttpConn.Response r, String what) throws IOException {
        if (r.status() / 100 != 2) {
            throw new IOException(what + ": HTTP " + r.status() + " " + r.errorText());
        }
    }

    static long rssMiB(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
