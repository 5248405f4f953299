package net.aisj.connector.fs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A {@link Background} on a plain executor, for tests without a container. */
final class TestBackground implements Background, AutoCloseable {

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-background");
        t.setDaemon(true);
        return t;
    });
    final List<Future<?>> futures = new CopyOnWriteArrayList<>();
    final List<Task> tasks = new CopyOnWriteArrayList<>();

    @Override
    public void start(Task task) {
        tasks.add(task);
        futures.add(pool.submit(task));
    }

    /** True when every started task has returned within the timeout. */
    boolean allDone(long millis) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        for (Task t : tasks) {
            t.release();
        }
        pool.shutdownNow();
    }
}
