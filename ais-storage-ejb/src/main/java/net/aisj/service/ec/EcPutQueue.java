package net.aisj.service.ec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongBiFunction;
import java.util.logging.Logger;
import net.aisj.connector.api.ObjectId;

/**
 * AIS's {@code ec-put}: objects whose replicas or slices are made after the PUT returned. A bounded, de-duplicating
 * queue drained by up to {@value #WORKERS} tasks on the {@code ec-put} WorkManager lane ({@link EcLanes}), which end
 * when the queue is empty (no thread waits idle). When full, a request is dropped and counted: the next {@code ec-encode} or
 * {@code ec-recover} catches up. Thread-safe.
 */
final class EcPutQueue {

    private static final Logger LOG = Logger.getLogger(EcPutQueue.class.getName());
    static final int CAPACITY = 100_000;
    static final int WORKERS = 2;

    private final Executor executor;
    private final ToLongBiFunction<ObjectId, EcWriter.Mode> work;
    private final Map<ObjectId, EcWriter.Mode> pending = new LinkedHashMap<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private int workers;

    /** {@code work} protects one object and returns the bytes it encoded or replicated (0 when nothing was sent). */
    EcPutQueue(Executor executor, ToLongBiFunction<ObjectId, EcWriter.Mode> work) {
        this.executor = executor;
        this.work = work;
    }

    synchronized void submit(ObjectId id, EcWriter.Mode mode) {
        EcWriter.Mode prev = pending.get(id);
        if (prev == null && pending.size() >= CAPACITY) {
            dropped.incrementAndGet();
            return;
        }
        pending.put(id, prev == null || mode.compareTo(prev) > 0 ? mode : prev);
        if (workers < WORKERS) {
            workers++;
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) { // RejectedExecutionException, or a lane that is gone
                workers--;
                LOG.warning("ec-put: cannot start a worker: " + e.getMessage());
            }
        }
    }

    private void drain() {
        while (true) {
            Map.Entry<ObjectId, EcWriter.Mode> next;
            synchronized (this) {
                var it = pending.entrySet().iterator();
                if (!it.hasNext()) {
                    workers--;
                    notifyAll();
                    return;
                }
                next = it.next();
                it.remove();
            }
            try {
                bytes.addAndGet(work.applyAsLong(next.getKey(), next.getValue()));
                done.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warning("ec-put " + next.getKey().cname() + ": " + e.getMessage());
            }
        }
    }

    /** {waiting (queued or being worked on), done, failed, dropped, bytes of the objects protected}. */
    synchronized long[] counters() {
        return new long[] {pending.size() + workers, done.get(), failed.get(), dropped.get(), bytes.get()};
    }

    /** Waits until nothing is queued or running; false on timeout. */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!pending.isEmpty() || workers > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
