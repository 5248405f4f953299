package net.aisj.xact.kinds;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import net.aisj.connector.api.ObjectId;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * A {@code blob-download} on the object's owning target: one large remote object fetched into the cache in parallel
 * ranges. Counters: {@code loc-bytes} the bytes fetched so far (as ranges arrive), {@code loc-objs} 1 once the
 * object is stored (0 when it was cached already and not changed remotely). A failure or an abort stores nothing.
 */
public final class BlobXaction extends Xaction {

    /** What the job needs from the node. */
    @FunctionalInterface
    public interface Node {
        /**
         * Fetches the object into the cache, reporting bytes as ranges arrive; true when it was stored, false when
         * the cached copy was current. Stops (storing nothing) once {@code aborted} says so.
         */
        boolean download(ObjectId id, LongConsumer progress, BooleanSupplier aborted);
    }

    private final Node node;
    private final ObjectId object;

    public BlobXaction(String id, String nodeId, ObjectId object, Node node) {
        super(id, XactKind.BLOB_DOWNLOAD, nodeId, object.bucket().name());
        this.node = node;
        this.object = object;
    }

    @Override
    protected void work() {
        if (node.download(object, locBytes::addAndGet, this::isAborted)) {
            locObjs.incrementAndGet();
        }
    }
}
