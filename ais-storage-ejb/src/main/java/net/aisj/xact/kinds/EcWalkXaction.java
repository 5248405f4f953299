package net.aisj.xact.kinds;

import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * This target's part of an EC job over buckets ({@code ec-encode}, {@code ec-recover}): for every local object it
 * is main of, make its replicas/slices complete ({@link Node#protect}); then, for every slice or replica it holds of
 * an object it is now main of but lacks (its main was lost), restore the object ({@link Node#restore}). Counters:
 * {@code loc-*} objects visited, {@code out-*} replicas/slices sent, {@code in-*} objects restored here.
 */
public class EcWalkXaction extends Xaction {

    /** What the job needs from the node, kept narrow so the job stays testable. */
    public interface Node {
        String selfId();

        /** The buckets to walk. */
        List<BucketId> buckets();

        ObjectPage localList(BucketId bucket, ListRequest request);

        /** Names of objects this node is now main of, lacks, and holds a replica or slice of. */
        List<String> orphans(BucketId bucket);

        /** Makes the object's replicas/slices complete; returns how many were sent (0 when not main). */
        int protect(ObjectId id, boolean verify);

        /** Restores the object here from the other targets; returns its size, or -1 when it cannot be rebuilt. */
        long restore(ObjectId id);
    }

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(EcWalkXaction.class.getName());

    /** Tries per object before the job records an error (a target may be briefly busy or just gone). */
    static final int ATTEMPTS = 3;

    private final Node node;
    private final boolean verify;

    public EcWalkXaction(String id, XactKind kind, Node node, String bucket, boolean verify) {
        super(id, kind, node.selfId(), bucket);
        this.node = node;
        this.verify = verify;
    }

    @Override
    protected void work() {
        for (BucketId b : node.buckets()) {
            for (String name : node.orphans(b)) {
                if (isAborted()) {
                    return;
                }
                ObjectId id = new ObjectId(b, name);
                try {
                    long size = node.restore(id);
                    if (size >= 0) {
                        received(size);
                    } else {
                        // e.g. a PUT that was never acknowledged: its main died before enough slices were sent
                        LOG.warning(kind().wire() + "[" + id() + "]: cannot restore " + id.cname()
                                + ": not enough slices or replicas survive");
                    }
                } catch (RuntimeException e) {
                    error("restoring " + id.cname() + ": " + e.getMessage());
                }
            }
            boolean done = LocalWalk.each(node::localList, b, this::isAborted, e -> {
                locObjs.incrementAndGet();
                locBytes.addAndGet(e.stat() == null ? 0 : e.stat().size());
                protect(new ObjectId(b, e.name()));
            });
            if (!done) {
                return;
            }
        }
    }

    private void protect(ObjectId id) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                outObjs.addAndGet(node.protect(id, verify));
                return;
            } catch (RuntimeException ex) {
                if (attempt == ATTEMPTS) {
                    error("erasure coding " + id.cname() + ": " + ex.getMessage());
                }
            }
        }
    }
}
