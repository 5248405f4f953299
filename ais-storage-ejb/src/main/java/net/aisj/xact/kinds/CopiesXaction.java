package net.aisj.xact.kinds;

import java.util.List;
import java.util.function.Consumer;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * This target's walk over its local objects applying the node's per-object step: giving each one its bucket's
 * number of copies on the HRW-ordered mountpaths, moving it to its HRW mountpath on the way ({@code make-n-copies}
 * for one bucket, {@code resilver} for all), or verifying every copy ({@code scrub}). Counters: {@code loc-*}
 * objects visited, {@code out-*} objects whose files changed (bad copies found, for a scrub). An object that fails
 * (every copy corrupt, an I/O error) is recorded as the job's error and the walk goes on.
 */
public final class CopiesXaction extends Xaction {

    /** What the walk needs from the node. */
    public interface Node {
        String selfId();

        List<BucketId> buckets();

        ObjectPage localList(BucketId bucket, ListRequest request);

        /** The copies objects of the bucket should have now. */
        int copies(BucketId bucket);

        /** The per-object step: places (or verifies) the object's copies; returns how many files changed. */
        int place(ObjectId id, int copies);
    }

    private final Node node;
    private final BucketId only;
    private final Consumer<CopiesXaction> onFinish;

    /** A walk over {@code only} (make-n-copies) or, when null, every bucket (resilver). */
    public CopiesXaction(String id, XactKind kind, BucketId only, Node node, Consumer<CopiesXaction> onFinish) {
        super(id, kind, node.selfId(), only == null ? "" : only.name());
        this.node = node;
        this.only = only;
        this.onFinish = onFinish;
    }

    @Override
    protected void work() {
        for (BucketId b : only != null ? List.of(only) : node.buckets()) {
            int copies = node.copies(b);
            if (!LocalWalk.each(node::localList, b, this::isAborted, e -> step(b, e, copies))) {
                return;
            }
        }
    }

    private void step(BucketId b, ListEntry e, int copies) {
        long size = e.stat() == null ? 0 : e.stat().size();
        locObjs.incrementAndGet();
        locBytes.addAndGet(size);
        try {
            if (node.place(new ObjectId(b, e.name()), copies) > 0) {
                outObjs.incrementAndGet();
                outBytes.addAndGet(size);
            }
        } catch (RuntimeException ex) {
            error(b.cname() + "/" + e.name() + ": " + ex.getMessage());
        }
    }

    @Override
    protected void finished() {
        if (onFinish != null) {
            onFinish.accept(this);
        }
    }
}
