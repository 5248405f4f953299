package net.aisj.connector.ra;

import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.connector.fs.Background;

/**
 * Runs the engine's background tasks on the container's WorkManager ({@code scheduleWork}), never on request
 * threads and never on threads of our own. A rejected or failed Work is logged and turns {@link #healthy()} false.
 * Thread-safe.
 */
final class WorkManagerBackground implements Background, WorkListener {

    private static final Logger LOG = Logger.getLogger("net.aisj.connector.ra");

    private final WorkManager workManager;
    private final Set<TaskWork> running = ConcurrentHashMap.newKeySet();
    private volatile boolean failed;

    WorkManagerBackground(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void start(Task task) {
        TaskWork w = new TaskWork(task);
        running.add(w);
        try {
            workManager.scheduleWork(w, WorkManager.INDEFINITE, null, this);
        } catch (WorkException e) {
            running.remove(w);
            failed = true;
            LOG.log(Level.WARNING, "work " + task.name() + " rejected: " + e.getMessage(), e);
            throw new IllegalStateException("cannot schedule " + task.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean healthy() {
        return !failed;
    }

    /** Works scheduled and not yet completed. */
    int running() {
        return running.size();
    }

    /** Asks every running Work to end. */
    void releaseAll() {
        for (TaskWork w : running) {
            w.release();
        }
    }

    @Override
    public void workAccepted(WorkEvent e) {
        // nothing to do
    }

    @Override
    public void workRejected(WorkEvent e) {
        failed = true;
        running.remove(e.getWork());
        LOG.log(Level.WARNING, "work " + e.getWork() + " rejected", e.getException());
    }

    @Override
    public void workStarted(WorkEvent e) {
        // nothing to do
    }

    @Override
    public void workCompleted(WorkEvent e) {
        running.remove(e.getWork());
        if (e.getException() != null) {
            failed = true;
            LOG.log(Level.WARNING, "work " + e.getWork() + " failed", e.getException());
        }
    }
}
