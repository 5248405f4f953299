package net.aisj.connector.fs;

/**
 * Where the engine runs its long-lived background tasks (per-mountpath joggers). In the container this is the
 * resource adapter's WorkManager; unit tests use a plain executor. The engine never creates threads itself.
 */
public interface Background {

    /**
     * Starts {@code task} on a background thread; it runs until it returns by itself or after
     * {@link Task#release()}.
     *
     * @throws IllegalStateException when the task cannot be scheduled
     */
    void start(Task task);

    /** False once a task was rejected or failed to start (reported as a health failure). */
    default boolean healthy() {
        return true;
    }

    /** A long-lived background task that ends promptly on {@link #release()}. */
    interface Task extends Runnable {

        String name();

        /** Asks the task to stop; idempotent; does not block. */
        void release();
    }
}
