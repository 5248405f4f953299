package net.aisj.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --mode verify}: what verifying every read costs (issue 22). The same GET load (native API) on two buckets
 * of one node holding the same data set: {@code bench} (default props: checksums verified on every read) and
 * {@code benchnv} ({@code checksum.validate_warm_get=false}). The machine is shared and noisy, so the two runs of
 * one size are interleaved, back to back, for {@code --rounds} rounds (default 3), in alternating order; the table
 * reports each round and the mean of the rounds. Options: {@code --verify-sizes 4k,1m,64m --duration 5 --warmup 2
 * --rounds 3}.
 */
final class VerifyBench {

    private final Map<String, String> o;
    private final Report report;

    VerifyBench(Map<String, String> o, Report report) {
        this.o = o;
        this.report = report;
    }

    void run(Endpoint on, java.util.function.Function<String, LoadGen.Workload> workload) throws IOException {
        Endpoint off = new Endpoint(Endpoint.Api.NATIVE, on.host(), on.port(), "benchnv", null, null);
        HttpConn c = new HttpConn(on.host(), on.port());
        String[] json = {"Content-Type: application/json"};
        check(c.exchange("POST", "/v1/buckets/benchnv", json, bytes("{\"action\":\"create-bck\"}")), "create");
        check(
                c.exchange(
                        "PATCH",
                        "/v1/buckets/benchnv",
                        json,
                        bytes("{\"action\":\"set-bprops\",\"value\":"
                                + "{\"checksum\":{\"validate_warm_get\":false}}}")),
                "set validate_warm_get=false");
        c.close();
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "2"));
        StringBuilder t = new StringBuilder("| size | conc | round | verified MiB/s | unverified MiB/s | verified ops/s"
                + " | unverified ops/s | cost | p50 ms on / off | errors | load1 |\n"
                + "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String size : o.getOrDefault("verify-sizes", "4k,1m,64m").split(",")) {
            LoadGen.Workload w = workload.apply(size);
            LoadGen.populate(on, w);
            LoadGen.populate(off, w);
            LoadGen.run(on, w.withSeconds(warmup));
            LoadGen.run(off, w.withSeconds(warmup));
            List<double[]> all = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                LatencyStats.Summary a;
                LatencyStats.Summary b;
                if (r % 2 == 0) {
                    a = LoadGen.run(on, w);
                    b = LoadGen.run(off, w);
                } else {
                    b = LoadGen.run(off, w);
                    a = LoadGen.run(on, w);
                }
                double load = Report.load1();
                all.add(new double[] {a.mibPerSec(), b.mibPerSec(), a.opsPerSec(), b.opsPerSec()});
                t.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d (%s first) | %.1f | %.1f | %.0f | %.0f | %+.1f%% | "
                                + "%.2f / %.2f | %d | %.1f |%n",
                        w.sizeLabel(),
                        w.concurrency(),
                        r + 1,
                        r % 2 == 0 ? "on" : "off",
                        a.mibPerSec(),
                        b.mibPerSec(),
                        a.opsPerSec(),
                        b.opsPerSec(),
                        cost(a.opsPerSec(), b.opsPerSec()),
                        a.p50Ms(),
                        b.p50Ms(),
                        a.errors() + b.errors(),
                        load));
                System.out.printf("[bench verify] %s round %d: on %s | off %s%n", size, r + 1, a, b);
            }
            double[] m = new double[4];
            for (double[] x : all) {
                for (int i = 0; i < 4; i++) {
                    m[i] += x[i] / all.size();
                }
            }
            t.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | **mean** | %.1f | %.1f | %.0f | %.0f | **%+.1f%%** | | | |%n",
                    w.sizeLabel(),
                    w.concurrency(),
                    m[0],
                    m[1],
                    m[2],
                    m[3],
                    cost(m[2], m[3])));
        }
        report.section("### GET with checksums verified on every read (default) vs validate_warm_get=false\n\n"
                + "cost = verified ops/s / unverified ops/s - 1 (negative: verification is slower)\n\n" + t);
    }

    private static double cost(double on, double off) {
        return off <= 0 ? Double.NaN : (on / off - 1) * 100;
    }

    private static Endpoint.BytesPayload bytes(String s) {
        return new Endpoint.BytesPayload(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void check(HttpConn.Response r, String what) throws IOException {
        if (r.status() / 100 != 2) {
            throw new IOException(what + ": " + r.status() + " " + r.errorText());
        }
    }
}
