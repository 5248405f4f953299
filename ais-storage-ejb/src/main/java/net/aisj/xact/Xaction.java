package net.aisj.xact;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One node's part of a job: identity, times, counters and abort. Subclasses implement {@link #work()}, checking
 * {@link #isAborted()} between units of work. Counters and state are safe to read from any thread.
 */
public abstract class Xaction implements Runnable {

    private static final Logger LOG = Logger.getLogger(Xaction.class.getName());

    private final String id;
    private final XactKind kind;
    private final String nodeId;
    private final String bucket;
    private final long startMillis = System.currentTimeMillis();
    private volatile long endMillis;
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final AtomicReference<String> firstError = new AtomicReference<>("");
    protected final AtomicLong locObjs = new AtomicLong();
    protected final AtomicLong locBytes = new AtomicLong();
    protected final AtomicLong outObjs = new AtomicLong();
    protected final AtomicLong outBytes = new AtomicLong();
    protected final AtomicLong inObjs = new AtomicLong();
    protected final AtomicLong inBytes = new AtomicLong();

    protected Xaction(String id, XactKind kind, String nodeId, String bucket) {
        this.id = id;
        this.kind = kind;
        this.nodeId = nodeId;
        this.bucket = bucket == null ? "" : bucket;
    }

    /** The job's work; returns when done or aborted. Runtime failures end the job with an error. */
    protected abstract void work();

    @Override
    public final void run() {
        LOG.info(() -> kind.wire() + "[" + id + "] started on " + nodeId);
        try {
            work();
        } catch (RuntimeException e) {
            error(e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.log(Level.WARNING, kind.wire() + "[" + id + "] failed", e);
        } finally {
            endMillis = System.currentTimeMillis();
            LOG.info(() ->
                    kind.wire() + "[" + id + "] " + (isAborted() ? "aborted (" + abortReason.get() + ")" : "finished")
                            + " on " + nodeId + ": " + outObjs.get() + " objects / " + outBytes.get()
                            + " bytes sent, " + inObjs.get() + " received, " + locObjs.get() + " visited");
            finished();
        }
    }

    /**
     * Ends a job that is not run on an executor ({@link XactionRegistry#register}, e.g. a demand-driven background
     * job that ended because it was idle); idempotent.
     */
    protected final void endWithoutRunning() {
        if (endMillis == 0) {
            endMillis = System.currentTimeMillis();
            LOG.info(() -> kind.wire() + "[" + id + "] ended on " + nodeId + ": " + locObjs.get() + " objects, "
                    + locBytes.get() + " bytes");
            finished();
        }
    }

    /** Called once after {@link #work()} ended (normally, by abort or by failure). */
    protected void finished() {}

    /** Asks the job to stop; idempotent; the first reason is kept. */
    public void abort(String reason) {
        abortReason.compareAndSet(null, reason);
    }

    public boolean isAborted() {
        return abortReason.get() != null;
    }

    public boolean isRunning() {
        return endMillis == 0;
    }

    /** Records an error without stopping (the status reports the first one). */
    protected void error(String message) {
        firstError.compareAndSet("", message);
    }

    public String id() {
        return id;
    }

    public String bucket() {
        return bucket;
    }

    public XactKind kind() {
        return kind;
    }

    /** Counts an object (and its bytes) received from another node for this job. */
    public void received(long bytes) {
        inObjs.incrementAndGet();
        inBytes.addAndGet(bytes);
    }

    public XactSnapshot snapshot() {
        String reason = abortReason.get();
        return new XactSnapshot(
                id,
                kind.wire(),
                nodeId,
                bucket,
                startMillis,
                endMillis,
                reason != null,
                reason == null ? "" : reason,
                firstError.get(),
                locObjs.get(),
                locBytes.get(),
                outObjs.get(),
                outBytes.get(),
                inObjs.get(),
                inBytes.get(),
                isIdle());
    }

    /** Nothing to do right now: ended, or waiting for work (kinds that idle override this). */
    public boolean isIdle() {
        return !isRunning();
    }
}
