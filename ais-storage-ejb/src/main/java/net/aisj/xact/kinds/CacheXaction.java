package net.aisj.xact.kinds;

import java.util.function.Consumer;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * This target's part of a prefetch or evict job over a bucket that lives in a backend. Objects are selected by
 * names (a list or an expanded template: each target takes the names it owns by HRW; an evict also drops a copy
 * it holds without owning it) or by a prefix (prefetch: the remote listing under it, names owned here; evict: this
 * target's cached objects under it). Counters: {@code loc-*} objects fetched or evicted here and their bytes.
 * A name the backend does not have is skipped; any other failure is the job's error and the job goes on.
 */
public final class CacheXaction extends Xaction {

    /** What the job needs from the node. */
    public interface Node {
        String selfId();

        boolean owns(ObjectId id);

        /** Fetches the object into the cache; its size when fetched, -1 when already cached, -2 when absent. */
        long prefetch(ObjectId id, boolean latest);

        /** Removes the cached copy here; its size, or -1 when there was none. */
        long evict(ObjectId id);

        /** Every remote name under {@code prefix}, page by page. */
        void eachRemote(BucketId bucket, String prefix, Consumer<String> each, java.util.function.BooleanSupplier stop);

        /** Every cached name here under {@code prefix}. */
        void eachLocal(BucketId bucket, String prefix, Consumer<String> each, java.util.function.BooleanSupplier stop);
    }

    /** Names mode when {@code names} is not null, else the objects under {@code prefix}. */
    public record Plan(BucketId bucket, Iterable<String> names, String prefix, boolean latest) {
        public Plan {
            prefix = prefix == null ? "" : prefix;
        }
    }

    private final Node node;
    private final Plan plan;

    public CacheXaction(String id, XactKind kind, Plan plan, Node node) {
        super(id, kind, node.selfId(), plan.bucket().name());
        if (kind != XactKind.PREFETCH && kind != XactKind.EVICT) {
            throw new IllegalArgumentException(kind.wire());
        }
        this.node = node;
        this.plan = plan;
    }

    @Override
    protected void work() {
        boolean evict = kind() == XactKind.EVICT;
        if (plan.names() != null) {
            for (String name : plan.names()) {
                if (isAborted()) {
                    return;
                }
                ObjectId id = new ObjectId(plan.bucket(), name);
                if (evict || node.owns(id)) {
                    step(id);
                }
            }
            return;
        }
        Consumer<String> each = name -> {
            ObjectId id = new ObjectId(plan.bucket(), name);
            if (evict || node.owns(id)) {
                step(id);
            }
        };
        if (evict) {
            node.eachLocal(plan.bucket(), plan.prefix(), each, this::isAborted);
        } else {
            node.eachRemote(plan.bucket(), plan.prefix(), each, this::isAborted);
        }
    }

    private void step(ObjectId id) {
        try {
            long n = kind() == XactKind.EVICT ? node.evict(id) : node.prefetch(id, plan.latest());
            if (n >= 0) {
                locObjs.incrementAndGet();
                locBytes.addAndGet(n);
            }
        } catch (RuntimeException e) {
            error(id.cname() + ": " + e.getMessage());
        }
    }
}
