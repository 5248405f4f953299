package net.aisj.service.archive;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads archive work runs on, made by the container's managed thread factory (no {@code new Thread}). Two
 * pools so that waiting never starves: {@link #fetchers()} ({@value #FETCHERS} threads) only read objects, which
 * waits on nothing else here; {@link #writers()} (grows as needed) runs the PUT side of a {@link ChunkPipe},
 * which waits for its producer. The container's default managed executor is not used for these: with its small
 * core size and unbounded queue, a job waiting on tasks queued behind it could deadlock. Thread-safe.
 */
@ApplicationScoped
public class ArchiveThreads {

    static final int FETCHERS = 16;
    static final int MAX_WRITERS = 64;

    @Resource
    ManagedThreadFactory threads;

    private ThreadPoolExecutor fetchers;
    private ThreadPoolExecutor writers;

    /** For object and member reads (Get-Batch, archive sources). */
    public synchronized ExecutorService fetchers() {
        if (fetchers == null) {
            fetchers = new ThreadPoolExecutor(
                    FETCHERS, FETCHERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
            fetchers.allowCoreThreadTimeOut(true);
        }
        return fetchers;
    }

    /** For the storing side of streamed archives; at most {@value #MAX_WRITERS} at once (then refused). */
    public synchronized ExecutorService writers() {
        if (writers == null) {
            writers = new ThreadPoolExecutor(0, MAX_WRITERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        }
        return writers;
    }

    @PreDestroy
    synchronized void stop() {
        if (fetchers != null) {
            fetchers.shutdownNow();
        }
        if (writers != null) {
            writers.shutdownNow();
        }
    }
}
