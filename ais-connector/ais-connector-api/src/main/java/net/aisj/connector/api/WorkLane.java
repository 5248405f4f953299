package net.aisj.connector.api;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * A named queue of tasks run by at most a fixed number of the resource adapter's WorkManager workers
 * ({@link StorageConnection#workLane}). A worker is scheduled when a task arrives and no more than the lane's limit
 * run; it ends when the queue is empty, so an idle lane holds no thread. Tasks are never run on the caller's thread
 * by {@link #execute}.
 *
 * <p>Nested waits: a task of one lane may wait for tasks of another (a queue worker waits for its fan-out sends).
 * In a bounded pool that can starve: every worker waiting for tasks still queued behind them. {@link #join} avoids
 * it: called on a lane worker, it runs a task that no worker has started yet itself before waiting, so a worker
 * only ever waits for tasks that are already running. Other threads (requests, jobs) simply wait. Thread-safe.
 */
public interface WorkLane extends Executor {

    /** The lane's name (logs, thread-dump readers). */
    String name();

    /** True when the calling thread is running a task of any lane (a WorkManager worker of ours). */
    boolean inWorker();

    /** Queues {@code task} on this lane and returns its future (to {@link #join}). */
    default <T> FutureTask<T> submit(Callable<T> task) {
        FutureTask<T> f = new FutureTask<>(task);
        try {
            execute(f);
        } catch (RuntimeException e) {
            // not scheduled (WorkManager rejected it): join runs it on the waiting thread
        }
        return f;
    }

    /**
     * Waits for {@code f} (from {@link #submit}); on a lane worker, or when the task could not be scheduled, runs it
     * here if no worker has started it. Another thread waits; if no worker has started the task after
     * {@value #STARTED_WITHIN_SECONDS} s (a WorkManager that dropped our work), it runs it too. A task's exception
     * is rethrown as the cause of the ExecutionException.
     */
    default <T> T join(FutureTask<T> f) throws ExecutionException, InterruptedException {
        if (inWorker()) {
            f.run(); // no-op when a worker started it already or it is done
            return f.get();
        }
        try {
            return f.get(STARTED_WITHIN_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.run(); // no-op when it is running
            return f.get();
        }
    }

    /** How long a non-worker waits for a task before running it itself if no worker has started it. */
    long STARTED_WITHIN_SECONDS = 60;
}
