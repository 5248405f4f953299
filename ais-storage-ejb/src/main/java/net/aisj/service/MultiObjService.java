package net.aisj.service;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectReader;
import net.aisj.core.AisException;
import net.aisj.core.MultiObjRequest;
import net.aisj.core.NodeInfo;
import net.aisj.core.ObjectTemplate;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.MultiObjXaction;

/**
 * Multi-object jobs (AIS's list/range operations and bucket copies): {@code delete-listrange},
 * {@code copy-listrange}, {@code copy-bck} and {@code move-bck}. The node that receives the request validates it,
 * creates a missing destination bucket (with the source's props), starts the job under one id on every target with
 * the same normalised message, and answers the id; progress and the end are read through the job status API. A
 * move is a copy followed, once every target finished without error, by destroying the source. A target leaving
 * the cluster aborts the running jobs (their plan covered its objects). Thread-safe.
 */
@ApplicationScoped
public class MultiObjService {

    private static final Logger LOG = Logger.getLogger(MultiObjService.class.getName());

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectService objects;

    @Inject
    ObjectListing listing;

    @Inject
    ClusterService cluster;

    @Inject
    XactionRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    PlannedTargets planned;

    /** {@code delete-listrange} of the objects {@code selection} names. */
    public String deleteObjects(BucketId bucket, MultiObjRequest selection) {
        buckets.props(bucket);
        return broadcast(XactKind.DELETE_OBJECTS, bucket, selection);
    }

    /** {@code copy-listrange}: the selected objects into {@code request.dst()} (created like the source if absent). */
    public String copyObjects(BucketId bucket, MultiObjRequest request) {
        buckets.props(bucket);
        BucketId dst = BucketId.ais(request.dst());
        ensureDestination(bucket, dst);
        return broadcast(XactKind.COPY_OBJECTS, bucket, request);
    }

    /** {@code copy-bck}: every object (under {@code options.prefix()}) into {@code to}. */
    public String copyBucket(BucketId from, BucketId to, MultiObjRequest options) {
        buckets.props(from);
        if (to == null || to.equals(from)) {
            throw AisException.badRequest("copy-bck needs a different destination bucket (bck_to)");
        }
        if (!options.dryRun()) {
            ensureDestination(from, to);
        }
        return broadcast(
                XactKind.COPY_BUCKET,
                from,
                new MultiObjRequest(null, "", to.name(), options.prefix(), options.prepend(), options.dryRun()));
    }

    /** {@code move-bck}: the destination must not exist; the source is destroyed once every object moved. */
    public String moveBucket(BucketId from, BucketId to) {
        buckets.props(from);
        if (to == null || to.equals(from)) {
            throw AisException.badRequest("move-bck needs a different destination bucket (bck_to)");
        }
        if (buckets.list(null).contains(to)) {
            throw AisException.conflict("move-bck: bucket \"" + to.cname() + "\" already exists");
        }
        ensureDestination(from, to);
        String id = broadcast(XactKind.MOVE_BUCKET, from, new MultiObjRequest(null, "", to.name(), "", "", false));
        scheduler.schedule(() -> finishMove(id, from, to), 500, TimeUnit.MILLISECONDS);
        return id;
    }

    /** This target's part of a job another node started (the message as {@link #broadcast} sent it). */
    public Xaction startLocal(String kind, String id, BucketId source, MultiObjRequest msg) {
        XactKind k = XactKind.of(kind).orElseThrow(() -> AisException.badRequest("unknown job kind " + kind));
        Iterable<String> names = msg.names();
        String prefix = msg.prefix();
        if (names == null && !msg.template().isEmpty()) {
            ObjectTemplate tpl = ObjectTemplate.parse(msg.template(), 0);
            if (tpl.isPrefixOnly()) {
                prefix = tpl.prefix();
            } else {
                names = tpl;
            }
        }
        MultiObjXaction.Plan plan = new MultiObjXaction.Plan(
                source,
                msg.dst().isEmpty() ? null : BucketId.ais(msg.dst()),
                names,
                prefix,
                msg.prepend(),
                msg.dryRun());
        java.util.Set<String> targets =
                node.clusterMap().targets().stream().map(NodeInfo::id).collect(java.util.stream.Collectors.toSet());
        Xaction x = registry.start(new MultiObjXaction(id, k, plan, localNode(), null));
        // a target that leaves takes its share of the job with it: abort here, saying which target left
        planned.watch(x, targets);
        return x;
    }

    private String broadcast(XactKind kind, BucketId bucket, MultiObjRequest msg) {
        String id = MirrorService.newId();
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                startLocal(kind.wire(), id, bucket, msg);
            } else {
                node.intra().runXaction(t, kind.wire(), id, bucket.name(), msg);
            }
        }
        LOG.info(() -> kind.wire() + "[" + id + "] started on " + bucket.cname());
        return id;
    }

    private void ensureDestination(BucketId from, BucketId to) {
        if (!buckets.list(null).contains(to)) {
            buckets.create(to, base -> buckets.props(from).withIdentity(base.created(), base.bid()));
        }
    }

    /** Checks every half second whether the move's copy ended; destroys the source once it ended cleanly. */
    private void finishMove(String id, BucketId from, BucketId to) {
        try {
            ClusterService.JobStatus s = cluster.status(id, XactKind.MOVE_BUCKET.wire());
            if (s.endTimeNanos() == 0) {
                scheduler.schedule(() -> finishMove(id, from, to), 500, TimeUnit.MILLISECONDS);
                return;
            }
            if (s.aborted() || !s.err().isEmpty()) {
                LOG.warning("move-bck[" + id + "] of " + from.cname() + " ended "
                        + (s.aborted() ? "aborted" : "with an error: " + s.err()) + "; the source stays");
                return;
            }
            buckets.destroy(from);
            LOG.info(() -> "move-bck[" + id + "]: " + from.cname() + " is now " + to.cname());
        } catch (RuntimeException e) {
            LOG.warning("move-bck[" + id + "] could not finish: " + e.getMessage() + "; the source stays");
        }
    }

    private MultiObjXaction.Node localNode() {
        return new MultiObjXaction.Node() {
            @Override
            public String selfId() {
                return node.self().id();
            }

            @Override
            public boolean owns(ObjectId id) {
                return node.owns(id);
            }

            @Override
            public ObjectPage localList(BucketId bucket, ListRequest request) {
                return listing.localList(bucket, request);
            }

            @Override
            public boolean delete(ObjectId id) {
                try {
                    objects.delete(id);
                    return true;
                } catch (AisException e) {
                    if (e.kind() == AisException.Kind.NOT_FOUND) {
                        return false;
                    }
                    throw e;
                }
            }

            @Override
            public long copy(ObjectId from, ObjectId to) {
                java.util.Optional<NodeInfo> owner = objects.redirect(to);
                if (owner.isEmpty()) {
                    try {
                        return objects.copy(from, to).size();
                    } catch (AisException e) {
                        if (e.kind() == AisException.Kind.NOT_FOUND) {
                            return -1;
                        }
                        throw e;
                    }
                }
                if (objects.localStat(from).isEmpty()) {
                    return -1;
                }
                try (ObjectReader r = objects.localOpen(from)) {
                    node.intra().pushCopy(owner.get(), to, r.stat(), r.stream());
                    return r.stat().size();
                } catch (java.io.IOException e) {
                    throw new AisException(
                            AisException.Kind.INTERNAL, "reading " + from.cname() + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
