package net.aisj.it.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator (in the spirit of AIS's {@code aisloader}): {@code concurrency} worker threads, each with its
 * own keep-alive connections, run PUT, GET or a mix against one {@link Endpoint} for a fixed time and record every
 * op's latency. GETs read a data set {@code ds-<size>/<i>} written by {@link #populate}, at random or in sequence;
 * PUTs write {@code put-<size>/<worker>-<n>} cycling over a few names per worker, so disk use stays bounded.
 * A non-2xx answer, a short body or an I/O error counts as an error.
 *
 * <p>Standalone: {@code java ... net.aisj.it.bench.LoadGen --url http://127.0.0.1:8080 --api native --bucket b
 * --op get --size 1m --concurrency 8 --duration 10 --objects 100 [--populate] [--reads seq]
 * [--access-key K --secret-key S]} prints one summary line.
 */
final class LoadGen {

    /** PUT names per worker before they repeat. */
    static final int PUT_NAMES_PER_WORKER = 4;

    /**
     * One workload. {@code getPercent} is used by {@code mixed} only; sizes in bytes, a range when they differ.
     */
    record Workload(
            String op,
            long minSize,
            long maxSize,
            int concurrency,
            double seconds,
            boolean randomReads,
            int getPercent,
            int objects) {

        String sizeLabel() {
            return minSize == maxSize ? Sizes.label(minSize) : Sizes.label(minSize) + "-" + Sizes.label(maxSize);
        }

        Workload withSeconds(double s) {
            return new Workload(op, minSize, maxSize, concurrency, s, randomReads, getPercent, objects);
        }
    }

    private LoadGen() {}

    static String dataSetName(Workload w, int i) {
        return "ds-" + w.sizeLabel() + "/" + i;
    }

    /** Writes the GET data set of {@code w} (its objects, sizes per its range) with {@code w.concurrency()} threads. */
    static void populate(Endpoint ep, Workload w) throws IOException {
        AtomicLong next = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        parallel(Math.min(w.concurrency(), w.objects()), worker -> {
            try (Endpoint.Session s = ep.session()) {
                for (long i = next.getAndIncrement(); i < w.objects(); i = next.getAndIncrement()) {
                    HttpConn.Response r = s.call("PUT", dataSetName(w, (int) i), payload(w, s));
                    if (r.status() / 100 != 2) {
                        failures.add("PUT " + dataSetName(w, (int) i) + ": " + r.status() + " " + r.errorText());
                        return;
                    }
                }
            } catch (IOException e) {
                failures.add(e.toString());
            }
        });
        if (!failures.isEmpty()) {
            throw new IOException(
                    "populating " + ep.api() + " " + ep.host() + ":" + ep.port() + " failed: " + failures.get(0));
        }
    }

    /** Runs {@code w} for its duration and merges what the workers measured. */
    static LatencyStats.Summary run(Endpoint ep, Workload w) {
        List<LatencyStats> parts = new ArrayList<>();
        for (int i = 0; i < w.concurrency(); i++) {
            parts.add(new LatencyStats());
        }
        long t0 = System.nanoTime();
        long end = t0 + (long) (w.seconds() * 1e9);
        parallel(w.concurrency(), worker -> work(ep, w, worker, end, parts.get(worker)));
        return LatencyStats.merge(parts, (System.nanoTime() - t0) / 1e9);
    }

    private static void work(Endpoint ep, Workload w, int worker, long end, LatencyStats st) {
        try (Endpoint.Session s = ep.session()) {
            long seq = worker;
            long puts = 0;
            while (System.nanoTime() < end) {
                boolean get = switch (w.op()) {
                    case "get" -> true;
                    case "put" -> false;
                    default -> s.random.nextInt(100) < w.getPercent();
                };
                String name;
                HttpConn.Payload body = null;
                if (get) {
                    int i = w.randomReads() ? s.random.nextInt(w.objects()) : (int) (seq % w.objects());
                    seq += w.concurrency();
                    name = dataSetName(w, i);
                } else {
                    name = "put-" + w.sizeLabel() + "/" + worker + "-" + (puts++ % PUT_NAMES_PER_WORKER);
                    body = payload(w, s);
                }
                long t = System.nanoTime();
                try {
                    HttpConn.Response r = s.call(get ? "GET" : "PUT", name, body);
                    long dt = System.nanoTime() - t;
                    if (r.status() / 100 != 2) {
                        st.error((get ? "GET " : "PUT ") + name + ": " + r.status() + " " + r.errorText());
                    } else if (get && r.bodyBytes() < w.minSize()) {
                        st.error("GET " + name + ": short body " + r.bodyBytes());
                    } else {
                        st.ok(dt, get ? r.bodyBytes() : body.length());
                    }
                } catch (IOException | RuntimeException e) {
                    st.error((get ? "GET " : "PUT ") + name + ": " + e);
                }
            }
        }
    }

    private static HttpConn.Payload payload(Workload w, Endpoint.Session s) {
        long size = w.minSize() == w.maxSize()
                ? w.minSize()
                : w.minSize() + s.random.nextLong(w.maxSize() - w.minSize() + 1);
        return new Endpoint.BlockPayload(size, s.random.nextInt(1 << 20));
    }

    /** Runs {@code body(worker)} on {@code n} platform threads and waits for all. */
    static void parallel(int n, java.util.function.IntConsumer body) {
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int worker = i;
            Thread t = new Thread(
                    () -> {
                        try {
                            body.accept(worker);
                        } finally {
                            done.countDown();
                        }
                    },
                    "loadgen-" + i);
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = Sizes.options(args);
        long[] size = Sizes.range(o.getOrDefault("size", "1m"));
        Workload w = new Workload(
                o.getOrDefault("op", "get"),
                size[0],
                size[1],
                Integer.parseInt(o.getOrDefault("concurrency", "8")),
                Double.parseDouble(o.getOrDefault("duration", "10")),
                !o.getOrDefault("reads", "random").equals("seq"),
                Integer.parseInt(o.getOrDefault("get-percent", "50")),
                Integer.parseInt(o.getOrDefault("objects", "100")));
        Endpoint ep = Endpoint.of(
                Endpoint.Api.valueOf(o.getOrDefault("api", "native").toUpperCase(Locale.ROOT)),
                o.getOrDefault("url", "http://127.0.0.1:8080"),
                o.getOrDefault("bucket", "bench"),
                o.get("access-key"),
                o.get("secret-key"));
        if (o.containsKey("populate")) {
            populate(ep, w);
        }
        System.out.println(ep.api() + " " + w.op() + " " + w.sizeLabel() + " x" + w.concurrency() + ": " + run(ep, w));
    }
}
