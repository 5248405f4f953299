package net.aisj.web.dataplane;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data plane's blocking workers: a fixed number of long-lived loops, each started once on an executor that
 * runs it as Work on the storage adapter's WorkManager, taking calls from one queue. Long-lived loops, not a Work
 * per call: scheduling a Work costs more than a small GET. Thread-safe.
 */
final class WorkerPool implements Executor {

    private static final Logger LOG = Logger.getLogger(WorkerPool.class.getName());

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private volatile boolean stopped;

    /**
     * @param loops   where each loop runs (a WorkManager lane with room for {@code workers} loops)
     * @param context wraps each loop in the application's context (class loader, naming) once, for its life
     */
    WorkerPool(Executor loops, int workers, UnaryOperator<Runnable> context) {
        for (int i = 0; i < workers; i++) {
            loops.execute(context.apply(this::loop));
        }
    }

    @Override
    public void execute(Runnable call) {
        if (stopped) {
            throw new RejectedExecutionException("the data plane is stopping");
        }
        queue.add(call);
    }

    /** Lets every loop end after its current call; queued calls are dropped (their connections are closing). */
    void stop() {
        stopped = true;
        queue.clear();
    }

    private void loop() {
        while (!stopped) {
            Runnable r;
            try {
                r = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (r == null) {
                continue;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a data plane call failed", e);
            }
        }
    }
}
