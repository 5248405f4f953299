package net.aisj.connector.ra;

import jakarta.resource.spi.work.Work;
import net.aisj.connector.fs.Background;

/** A background task of the engine, as a {@code Work} for the WorkManager. */
final class TaskWork implements Work {

    private final Background.Task task;

    TaskWork(Background.Task task) {
        this.task = task;
    }

    Background.Task task() {
        return task;
    }

    @Override
    public void run() {
        task.run();
    }

    @Override
    public void release() {
        task.release();
    }

    @Override
    public String toString() {
        return task.name();
    }
}
