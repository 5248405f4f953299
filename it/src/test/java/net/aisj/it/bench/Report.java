package net.aisj.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run: a CSV line per measured run and a Markdown table per API in which each of our rows sits
 * next to the reference measured right after it, with the ratio (ops/s, i.e. MiB/s at a fixed size) and the goal of
 * issue 7.
 */
final class Report {

    /** One measured run. {@code server} is ours, nginx or s3proxy; {@code variant} tells our PUT policies apart. */
    record Row(
            String api,
            String op,
            String size,
            int concurrency,
            String server,
            String variant,
            LatencyStats.Summary s,
            double load1) {}

    private static final Map<String, Double> GOALS = Map.of(
            "native get 4k",
            0.5,
            "native get 1m",
            0.9,
            "native get 64m",
            0.95,
            "native put 4k",
            0.9,
            "native put 1m",
            0.9,
            "native put 64m",
            0.9,
            "s3 get 4k",
            1.5,
            "s3 put 4k",
            1.5,
            "s3 get 1m",
            1.1,
            "s3 put 1m",
            1.1);

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    void add(Row r) {
        rows.add(r);
        System.out.printf(
                Locale.ROOT,
                "[bench] %-6s %-5s %-4s x%-2d %-8s %-14s %s (load %.1f)%n",
                r.api,
                r.op,
                r.size,
                r.concurrency,
                r.server,
                r.variant,
                r.s,
                r.load1);
    }

    void note(String line) {
        notes.add(line);
        System.out.println("[bench] " + line);
    }

    /** A Markdown block of its own (e.g. the cluster table), printed after the tables. */
    void section(String markdown) {
        sections.add(markdown);
    }

    /** The reference server of an API. */
    static String referenceOf(String api) {
        return api.equals("s3") ? "s3proxy" : "nginx";
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        for (String api : List.of("native", "s3")) {
            String ref = referenceOf(api);
            if (rows.stream().noneMatch(r -> r.api.equals(api))) {
                continue;
            }
            sb.append("\n### ")
                    .append(api.equals("s3") ? "S3 API, SigV4 verified" : "Native API")
                    .append(" (reference: ")
                    .append(ref)
                    .append("; ratio = ours / ")
                    .append(ref)
                    .append(" ops/s)\n\n")
                    .append("| op | size | conc | ours | MiB/s | ops/s | p50/p99 ms | ")
                    .append(ref)
                    .append(" MiB/s | ops/s | p50/p99 ms | ratio | goal | load1 |\n")
                    .append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                if (!r.api.equals(api) || !r.server.equals("ours")) {
                    continue;
                }
                Row x = rows.stream()
                        .filter(o ->
                                o.api.equals(api) && o.server.equals(ref) && o.op.equals(r.op) && o.size.equals(r.size))
                        .findFirst()
                        .orElse(null);
                Double goal = GOALS.get(api + " " + r.op + " " + r.size);
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %s | %.1f | %.0f | %s | %s | %s | %s | %s | %s | %.1f |%n",
                        r.op,
                        r.size,
                        r.concurrency,
                        r.variant,
                        r.s.mibPerSec(),
                        r.s.opsPerSec(),
                        lat(r.s),
                        x == null ? "-" : String.format(Locale.ROOT, "%.1f", x.s.mibPerSec()),
                        x == null ? "-" : String.format(Locale.ROOT, "%.0f", x.s.opsPerSec()),
                        x == null ? "-" : lat(x.s),
                        x == null || x.s.opsPerSec() == 0
                                ? "-"
                                : String.format(Locale.ROOT, "**%.2f**", r.s.opsPerSec() / x.s.opsPerSec()),
                        goal == null ? (api.equals("s3") && r.size.equals("64m") ? ">= 1.0" : "-") : ">= " + goal,
                        r.load1));
            }
        }
        long errs = rows.stream().mapToLong(r -> r.s.errors()).sum();
        sb.append("\nErrors over all runs: ").append(errs);
        rows.stream()
                .filter(r -> r.s.errors() > 0)
                .forEach(r -> sb.append("; ")
                        .append(r.server)
                        .append(' ')
                        .append(r.api)
                        .append(' ')
                        .append(r.op)
                        .append(' ')
                        .append(r.size)
                        .append(": ")
                        .append(r.s.errors())
                        .append(" (")
                        .append(r.s.firstError())
                        .append(')'));
        sb.append("\n\n");
        sections.forEach(x -> sb.append(x).append('\n'));
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        return sb.toString();
    }

    private static String lat(LatencyStats.Summary s) {
        return String.format(Locale.ROOT, "%.2f / %.2f", s.p50Ms(), s.p99Ms());
    }

    void write(Path dir, String runId) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("run,api,op,size,concurrency,server,variant,mib_s,ops_s,p50_ms,p99_ms,"
                + "mean_ms,ops,errors,seconds,load1\n");
        for (Row r : rows) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%s,%d,%s,%s,%.2f,%.1f,%.3f,%.3f,%.3f,%d,%d,%.2f,%.2f%n",
                    runId,
                    r.api,
                    r.op,
                    r.size,
                    r.concurrency,
                    r.server,
                    r.variant,
                    r.s.mibPerSec(),
                    r.s.opsPerSec(),
                    r.s.p50Ms(),
                    r.s.p99Ms(),
                    r.s.meanMs(),
                    r.s.ops(),
                    r.s.errors(),
                    r.s.seconds(),
                    r.load1));
        }
        Files.writeString(dir.resolve("results-" + runId + ".csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results-" + runId + ".md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.md"), markdown(), StandardCharsets.UTF_8);
    }

    /** The 1-minute load average now (from /proc/loadavg; NaN elsewhere). */
    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
