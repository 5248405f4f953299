package net.aisj.it.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.aisj.it.support.Poll;

/**
 * Threads that keep GETting every object of a data set (each pass in a new random order) through a random node of a
 * changing set and check the bytes; every non-200 or wrong content is recorded as a failure.
 */
final class BackgroundReader implements AutoCloseable {

    private static final Duration GET_TIMEOUT = Duration.ofSeconds(30);

    private final LocalCluster cluster;
    private final String bucket;
    private final DataSet data;
    private final Supplier<List<Integer>> via;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final long t0 = System.nanoTime();

    BackgroundReader(LocalCluster cluster, String bucket, DataSet data, Supplier<List<Integer>> via, int threadCount) {
        this.cluster = cluster;
        this.bucket = bucket;
        this.data = data;
        this.via = via;
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(this::loop, "reader-" + bucket + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void loop() {
        while (!stop.get()) {
            List<DataSet.Obj> order = data.objects();
            Collections.shuffle(order);
            for (DataSet.Obj o : order) {
                if (stop.get()) {
                    return;
                }
                int slot = DataSet.pick(via);
                long t = System.nanoTime();
                String err;
                try {
                    err = DataSet.check(cluster.get(slot, bucket, o.name(), GET_TIMEOUT), o);
                } catch (RuntimeException | AssertionError e) {
                    err = e.toString();
                }
                reads.incrementAndGet();
                if (err != null) {
                    failures.add(String.format(
                            "t+%.1fs GET %s via node%d (%.1f s): %s",
                            (t - t0) / 1e9, o.name(), slot, (System.nanoTime() - t) / 1e9, err));
                }
            }
            passes.incrementAndGet();
        }
    }

    long reads() {
        return reads.get();
    }

    /** Complete passes over the data set, summed over the threads. */
    long passes() {
        return passes.get();
    }

    /** Waits until {@code n} GETs have been done (or one failed). */
    void awaitReads(long n) {
        Poll.until(
                Duration.ofSeconds(120),
                "the reader has done " + n + " GETs",
                () -> reads.get() >= n || !failures.isEmpty(),
                () -> reads.get() + " reads");
    }

    List<String> failures() {
        return new ArrayList<>(failures);
    }

    /** Stops the threads and waits for them. */
    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(GET_TIMEOUT.toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
