package net.aisj.xact.kinds;

import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * A demand-driven background job (AIS {@code xact/xs} "demand" xactions such as {@code put-copies} and
 * {@code ec-put}): the work is done by a queue elsewhere; this job is its face in the jobs API. It is registered
 * (not run) when the queue gets work, its {@code loc-*} counters follow the queue's objects and bytes done since
 * the job began, and it ends once the queue has been idle for a while; the next work starts a new job. Counters
 * are written by one sampler thread and read by anyone.
 */
public final class DemandXaction extends Xaction {

    private final long baseObjs;
    private final long baseBytes;
    private final long baseFailed;
    private volatile boolean idle;

    /** A job counting from the queue's totals {@code objs}, {@code bytes}, {@code failed} at its start. */
    public DemandXaction(String id, XactKind kind, String nodeId, long objs, long bytes, long failed) {
        super(id, kind, nodeId, "");
        this.baseObjs = objs;
        this.baseBytes = bytes;
        this.baseFailed = failed;
    }

    /** The queue's totals now: the job shows what was done since it began; new failures become its error. */
    public void update(long objs, long bytes, long failed) {
        locObjs.set(objs - baseObjs);
        locBytes.set(bytes - baseBytes);
        if (failed > baseFailed) {
            error((failed - baseFailed) + " object(s) failed (see the node log)");
        }
    }

    /** Whether the queue has nothing to do at the last sample (AIS reports such a job as idle, not ended). */
    public void idle(boolean on) {
        idle = on;
    }

    @Override
    public boolean isIdle() {
        return idle || super.isIdle();
    }

    /** Ends the job (the queue is idle). */
    public void end() {
        endWithoutRunning();
    }

    @Override
    protected void work() {
        throw new IllegalStateException(kind().wire() + " jobs are registered, not run");
    }
}
