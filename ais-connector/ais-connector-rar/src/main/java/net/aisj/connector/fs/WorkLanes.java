package net.aisj.connector.fs;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import net.aisj.connector.api.WorkLane;

/**
 * The engine's {@link WorkLane}s, one per name, all running on the {@link Background} (the WorkManager in the
 * container). A lane keeps its own queue and schedules a drain task per worker up to its limit; drain tasks end when
 * the queue is empty. Separate lanes per role (leaf I/O, encoding, restoring, queue workers) bound what each role
 * takes from the shared pool; {@link WorkLane#join} keeps workers from waiting on unstarted tasks. Thread-safe.
 */
final class WorkLanes {

    /** Set while a thread runs a lane's drain loop. */
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> false);

    private final Background background;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    WorkLanes(Background background) {
        this.background = background;
    }

    /** The lane {@code name}, created with {@code workers} (at least 1) on first use; later limits are ignored. */
    WorkLane lane(String name, int workers) {
        return lanes.computeIfAbsent(name, n -> new Lane(n, Math.max(1, workers)));
    }

    /** Asks every drain task to end after its current task (queued tasks are dropped). */
    void releaseAll() {
        lanes.values().forEach(Lane::release);
    }

    private final class Lane implements WorkLane {
        private final String name;
        private final int max;
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private int workers;
        private boolean released;

        Lane(String name, int max) {
            this.name = name;
            this.max = max;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean inWorker() {
            return IN_WORKER.get();
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                if (released) {
                    throw new RejectedExecutionException("lane " + name + " is stopped");
                }
                queue.add(task);
                if (workers >= max) {
                    return;
                }
                workers++;
            }
            try {
                background.start(new Drain());
            } catch (RuntimeException e) {
                synchronized (this) {
                    workers--;
                    queue.remove(task);
                }
                throw new RejectedExecutionException("lane " + name + ": " + e.getMessage(), e);
            }
        }

        private synchronized Runnable next() {
            Runnable r = released ? null : queue.poll();
            if (r == null) {
                workers--;
            }
            return r;
        }

        synchronized void release() {
            released = true;
            queue.clear();
        }

        /** One worker: runs queued tasks until the queue is empty. */
        private final class Drain implements Background.Task {
            @Override
            public String name() {
                return "lane-" + name;
            }

            @Override
            public void run() {
                boolean outer = IN_WORKER.get();
                IN_WORKER.set(true);
                try {
                    for (Runnable r = next(); r != null; r = next()) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            FileOps.LOG.log(Level.WARNING, "lane " + name + ": a task failed", e);
                        }
                    }
                } finally {
                    IN_WORKER.set(outer);
                }
            }

            @Override
            public void release() {
                Lane.this.release();
            }
        }
    }
}
