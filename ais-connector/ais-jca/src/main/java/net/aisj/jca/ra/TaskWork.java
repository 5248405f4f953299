package net.aisj.jca.ra;

import jakarta.resource.spi.work.Work;

/** A short task as Work (nothing to release: it ends by itself). */
final class TaskWork implements Work {

    private final Runnable task;

    TaskWork(Runnable task) {
        this.task = task;
    }

    @Override
    public void run() {
        task.run();
    }

    @Override
    public void release() {
        // a short task: it ends by itself
    }
}
