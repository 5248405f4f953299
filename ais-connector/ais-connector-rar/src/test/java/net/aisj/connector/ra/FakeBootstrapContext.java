package net.aisj.connector.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A container stand-in: a WorkManager on a plain executor (or one that rejects everything). */
public final class FakeBootstrapContext implements BootstrapContext, AutoCloseable {

    public final List<Work> scheduled = new CopyOnWriteArrayList<>();
    private final boolean reject;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-work-manager");
        t.setDaemon(true);
        return t;
    });

    public FakeBootstrapContext(boolean reject) {
        this.reject = reject;
    }

    private final WorkManager workManager = new WorkManager() {
        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener l) {
            work.run();
        }

        @Override
        public long startWork(Work work) throws WorkException {
            scheduleWork(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener l) throws WorkException {
            scheduleWork(work, startTimeout, ctx, l);
            return 0;
        }

        @Override
        public void scheduleWork(Work work) throws WorkException {
            scheduleWork(work, INDEFINITE, null, null);
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener l)
                throws WorkException {
            if (reject) {
                WorkRejectedException e = new WorkRejectedException("no threads");
                if (l != null) {
                    l.workRejected(new WorkEvent(this, WorkEvent.WORK_REJECTED, work, e));
                }
                throw e;
            }
            scheduled.add(work);
            pool.submit(() -> {
                if (l != null) {
                    l.workStarted(new WorkEvent(this, WorkEvent.WORK_STARTED, work, null));
                }
                work.run();
                if (l != null) {
                    l.workCompleted(new WorkEvent(this, WorkEvent.WORK_COMPLETED, work, null));
                }
            });
        }
    };

    /** True when every scheduled Work has returned within the timeout. */
    public boolean allDone(long millis) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> c) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }

    @Override
    public void close() {
        for (Work w : scheduled) {
            w.release();
        }
        pool.shutdownNow();
    }
}
