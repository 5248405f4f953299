package net.aisj.xact.kinds;

import java.util.function.Consumer;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * This target's part of a multi-object job (delete-listrange, copy-listrange, copy-bck, move-bck). Objects are
 * selected either by names (a list or an expanded template: each target takes the names it owns by HRW) or by a
 * prefix (each target walks its own objects under it). A copy goes to wherever the destination name belongs.
 * Counters: {@code loc-*} objects selected here, {@code out-*} objects deleted or copied (with a dry run: that would
 * be copied). A name that does not exist is skipped; any other failure is the job's error and the walk goes on.
 */
public final class MultiObjXaction extends Xaction {

    /** What the job needs from the node. */
    public interface Node {
        String selfId();

        /** Whether this target owns the name by HRW (at the cluster map the job started with). */
        boolean owns(ObjectId id);

        ObjectPage localList(BucketId bucket, ListRequest request);

        /** Deletes a local object; false when there was none. */
        boolean delete(ObjectId id);

        /** Copies an object to {@code to}, wherever that belongs; returns its size, -1 when absent. */
        long copy(ObjectId from, ObjectId to);

        /**
         * Copies an object through ETL {@code etl} to {@code to}, wherever that belongs, its failures recorded under
         * job {@code jobId}; returns the size stored (0 when unknown), -1 when the source is absent.
         */
        default long transform(String etl, ObjectId from, ObjectId to, String jobId) {
            throw new UnsupportedOperationException("no ETL on this node");
        }

        /** Whether the bucket lives in a backend (its objects are listed there, not only here). */
        default boolean remote(BucketId bucket) {
            return false;
        }

        /** Every name the backend lists under {@code prefix} (a remote bucket). */
        default void eachRemote(
                BucketId bucket, String prefix, Consumer<String> each, java.util.function.BooleanSupplier stop) {
            throw new UnsupportedOperationException("not a remote bucket: " + bucket.cname());
        }
    }

    /** What to do with each selected object. */
    public record Plan(
            BucketId source,
            BucketId destination,
            Iterable<String> names,
            String prefix,
            String prepend,
            boolean dryRun,
            String etl,
            java.util.Map<String, String> ext) {

        /** Names mode when {@code names} is not null, else every local object under {@code prefix}. */
        public Plan {
            prefix = prefix == null ? "" : prefix;
            prepend = prepend == null ? "" : prepend;
            etl = etl == null ? "" : etl;
            ext = ext == null ? java.util.Map.of() : java.util.Map.copyOf(ext);
        }

        /** A plan without a transform. */
        public Plan(
                BucketId source,
                BucketId destination,
                Iterable<String> names,
                String prefix,
                String prepend,
                boolean dryRun) {
            this(source, destination, names, prefix, prepend, dryRun, "", java.util.Map.of());
        }
    }

    private final Node node;
    private final Plan plan;
    private final Consumer<MultiObjXaction> onFinish;

    public MultiObjXaction(String id, XactKind kind, Plan plan, Node node, Consumer<MultiObjXaction> onFinish) {
        super(id, kind, node.selfId(), plan.source().name());
        this.node = node;
        this.plan = plan;
        this.onFinish = onFinish;
    }

    @Override
    protected void work() {
        if (plan.names() != null) {
            for (String name : plan.names()) {
                if (isAborted()) {
                    return;
                }
                ObjectId id = new ObjectId(plan.source(), name);
                if (node.owns(id)) {
                    step(id, -1);
                }
            }
            return;
        }
        if (node.remote(plan.source())) {
            // a remote source: its backend lists it; each target takes the names it owns (uncached ones are fetched)
            node.eachRemote(
                    plan.source(),
                    plan.prefix(),
                    name -> {
                        ObjectId id = new ObjectId(plan.source(), name);
                        if (node.owns(id)) {
                            step(id, 0);
                        }
                    },
                    this::isAborted);
            return;
        }
        LocalWalk.each(
                node::localList,
                plan.source(),
                plan.prefix(),
                this::isAborted,
                e -> step(
                        new ObjectId(plan.source(), e.name()),
                        e.stat() == null ? 0 : e.stat().size()));
    }

    private void step(ObjectId id, long knownSize) {
        try {
            if (kind() == XactKind.DELETE_OBJECTS) {
                if (node.delete(id)) {
                    locObjs.incrementAndGet();
                    outObjs.incrementAndGet();
                }
                return;
            }
            ObjectId to = new ObjectId(
                    plan.destination(),
                    net.aisj.core.MultiObjRequest.destinationName(id.name(), plan.prepend(), plan.ext()));
            if (plan.dryRun()) {
                locObjs.incrementAndGet();
                outObjs.incrementAndGet();
                outBytes.addAndGet(Math.max(0, knownSize));
                return;
            }
            long size = plan.etl().isEmpty() ? node.copy(id, to) : node.transform(plan.etl(), id, to, id());
            if (size >= 0) {
                locObjs.incrementAndGet();
                locBytes.addAndGet(size);
                outObjs.incrementAndGet();
                outBytes.addAndGet(size);
            }
        } catch (RuntimeException e) {
            error(id.cname() + ": " + e.getMessage());
        }
    }

    @Override
    protected void finished() {
        if (onFinish != null) {
            onFinish.accept(this);
        }
    }
}
