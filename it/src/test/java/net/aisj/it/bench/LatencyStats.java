package net.aisj.it.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What one worker measured (ops, bytes, errors, every op's latency) and, merged over all workers, the
 * {@link Summary} a run reports. Latencies are kept exactly (8 bytes per op; a 10 s run at 20k ops/s is 1.6 MB), so
 * the percentiles are exact, nearest-rank. A recorder is confined to its worker thread; {@link #merge} is called
 * after the workers have ended.
 */
final class LatencyStats {

    /** The result of a run: throughput over the measured wall time, latency percentiles in milliseconds. */
    record Summary(
            long ops,
            long bytes,
            long errors,
            double seconds,
            double p50Ms,
            double p99Ms,
            double meanMs,
            String firstError) {

        double opsPerSec() {
            return seconds <= 0 ? 0 : ops / seconds;
        }

        double mibPerSec() {
            return seconds <= 0 ? 0 : bytes / seconds / (1024.0 * 1024.0);
        }

        @Override
        public String toString() {
            return String.format(
                    "%.1f MiB/s, %.0f ops/s, p50 %.2f ms, p99 %.2f ms, %d ops, %d errors%s",
                    mibPerSec(),
                    opsPerSec(),
                    p50Ms,
                    p99Ms,
                    ops,
                    errors,
                    firstError == null ? "" : " (first: " + firstError + ")");
        }
    }

    private long[] lat = new long[1024];
    private int n;
    private long bytes;
    private long errors;
    private String firstError;

    /** One successful op of {@code nanos} that moved {@code payload} bytes. */
    void ok(long nanos, long payload) {
        if (n == lat.length) {
            lat = Arrays.copyOf(lat, n * 2);
        }
        lat[n++] = nanos;
        bytes += payload;
    }

    /** One failed op (not in the latencies). */
    void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    long ops() {
        return n;
    }

    /** Merges the workers' records of one run that lasted {@code seconds}. */
    static Summary merge(List<LatencyStats> parts, double seconds) {
        int total = 0;
        long bytes = 0;
        long errors = 0;
        String first = null;
        for (LatencyStats p : parts) {
            total += p.n;
            bytes += p.bytes;
            errors += p.errors;
            if (first == null) {
                first = p.firstError;
            }
        }
        long[] all = new long[total];
        int at = 0;
        double sum = 0;
        for (LatencyStats p : parts) {
            System.arraycopy(p.lat, 0, all, at, p.n);
            at += p.n;
            for (int i = 0; i < p.n; i++) {
                sum += p.lat[i];
            }
        }
        Arrays.sort(all);
        return new Summary(
                total,
                bytes,
                errors,
                seconds,
                percentile(all, 50) / 1e6,
                percentile(all, 99) / 1e6,
                total == 0 ? 0 : sum / total / 1e6,
                first);
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
