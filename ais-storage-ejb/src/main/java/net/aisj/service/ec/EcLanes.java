package net.aisj.service.ec;

import jakarta.enterprise.concurrent.ContextService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.WorkLane;
import net.aisj.core.AisException;

/**
 * The resource adapter's WorkManager lanes that erasure coding runs on, one per role so that a role waiting for
 * another can never hold every worker of it:
 * <ul>
 * <li>{@code ec-fanout} ({@value #FANOUT}): one call to one target (send a slice, fetch a slice, ask for a
 * metafile, delete); pure I/O that never waits for other tasks;</li>
 * <li>{@code ec-encode} ({@value #ENCODE}): encoding an object and sending its slices for a synchronous PUT or a
 * job; waits for fan-out tasks;</li>
 * <li>{@code ec-restore} ({@value #RESTORE}): rebuilding an object from replicas or slices; waits for fan-out
 * tasks;</li>
 * <li>{@code ec-put} ({@value #QUEUE}): the workers of the asynchronous queue ({@link EcPutQueue}); encode inline
 * and wait for fan-out tasks.</li>
 * </ul>
 * Requests and jobs submit to a lane and wait; lane workers that wait use {@link WorkLane#join}, which runs a task
 * nobody has started yet on the waiting worker, so nested waits cannot starve the pool. WorkManager threads carry
 * no application context, so every task is wrapped by the application's {@link ContextService} (class loader,
 * naming, security of the submitter). Thread-safe.
 */
record EcLanes(WorkLane fanout, WorkLane encode, WorkLane restore, WorkLane queue, ContextService context) {

    static final int FANOUT = 8;
    static final int ENCODE = 4;
    static final int RESTORE = 4;
    static final int QUEUE = 2;

    static EcLanes open(StorageConnection c, ContextService context) throws StorageException {
        return new EcLanes(
                c.workLane("ec-fanout", FANOUT),
                c.workLane("ec-encode", ENCODE),
                c.workLane("ec-restore", RESTORE),
                c.workLane("ec-put", QUEUE),
                context);
    }

    /** Queues {@code task} on {@code lane} with the caller's application context. */
    <T> FutureTask<T> submit(WorkLane lane, Callable<T> task) {
        return lane.submit(context.contextualCallable(task));
    }

    /** The {@code ec-put} lane as an executor of tasks that run with the caller's application context. */
    java.util.concurrent.Executor queueExecutor() {
        return r -> queue.execute(context.contextualRunnable(r));
    }

    /** Runs {@code task} on {@code lane} and waits for it; its runtime exception is rethrown as is. */
    <T> T call(WorkLane lane, Callable<T> task) {
        return await(lane, submit(lane, task));
    }

    /** Waits for a task of {@code lane}; its runtime exception is rethrown as is (other failures as INTERNAL). */
    static <T> T await(WorkLane lane, FutureTask<T> f) {
        try {
            return lane.join(f);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new AisException(AisException.Kind.INTERNAL, String.valueOf(c), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AisException(AisException.Kind.UNAVAILABLE, "interrupted");
        }
    }

    /**
     * Starts one fan-out task per key, waits for all, and hands each result or failure to {@code done} (in key
     * order). Returns the failures as "key: message".
     */
    <K, T> List<String> fanOut(Map<K, Callable<T>> tasks, BiConsumer<K, T> done) {
        Map<K, FutureTask<T>> started = new LinkedHashMap<>();
        tasks.forEach((k, t) -> started.put(k, submit(fanout, t)));
        List<String> failed = new ArrayList<>();
        started.forEach((k, f) -> {
            try {
                done.accept(k, await(fanout, f));
            } catch (RuntimeException e) {
                failed.add(k + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        });
        return failed;
    }
}
