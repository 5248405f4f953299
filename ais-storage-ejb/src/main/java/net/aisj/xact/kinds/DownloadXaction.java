package net.aisj.xact.kinds;

import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * A target's share of a download job as the jobs API shows it (AIS lists downloads among its xactions, kind
 * {@code download}): the job runs in the download service; this is registered (not run), its {@code loc-*}
 * counters are the objects and bytes stored so far, the first failed object is its error, and aborting it through
 * the jobs API aborts the download. Thread-safe.
 */
public final class DownloadXaction extends Xaction {

    private final Runnable onAbort;

    /** @param onAbort aborts the download itself (called on every abort; must be idempotent) */
    public DownloadXaction(String id, String nodeId, String bucket, Runnable onAbort) {
        super(id, XactKind.DOWNLOAD, nodeId, bucket);
        this.onAbort = onAbort;
    }

    /** One object stored whole. */
    public void stored(long bytes) {
        locObjs.incrementAndGet();
        locBytes.addAndGet(bytes);
    }

    /** One object failed. */
    public void failed(String name, String why) {
        error(name.isEmpty() ? why : name + ": " + why);
    }

    /** The download ended here (done or aborted). */
    public void end() {
        endWithoutRunning();
    }

    @Override
    public void abort(String reason) {
        super.abort(reason);
        onAbort.run();
    }

    @Override
    protected void work() {
        throw new IllegalStateException("download jobs are registered, not run");
    }
}
