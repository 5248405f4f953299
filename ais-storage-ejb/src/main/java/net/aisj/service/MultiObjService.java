package net.aisj.service;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import net.aisj.backend.Backends;
import net.aisj.cluster.MultiObjJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
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
    net.aisj.service.cache.RemoteListing remoteListing;

    @Inject
    ClusterService cluster;

    @Inject
    XactionRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    PlannedTargets planned;

    @Inject
    net.aisj.service.etl.EtlService etls;

    @Inject
    net.aisj.service.etl.EtlTransforms etlTransforms;

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

    /**
     * {@code etl-bck}: every object (under {@code options.prefix()}) transformed by the running ETL
     * {@code options.etl()} into {@code to} (created like the source if absent), names remapped by
     * {@code options.ext()} then prepended.
     *
     * @throws AisException NOT_FOUND "etl job &lt;name&gt; does not exist" unless the ETL runs
     */
    public String etlBucket(BucketId from, BucketId to, MultiObjRequest options) {
        buckets.props(from);
        etls.running(options.etl());
        if (to == null) {
            throw AisException.badRequest("etl-bck needs a destination bucket (bck_to)");
        }
        if (!options.dryRun()) {
            ensureDestination(from, to);
        }
        return broadcast(
                XactKind.ETL_BUCKET,
                from,
                new MultiObjRequest(null, "", to.name(), options.prefix(), options.prepend(), options.dryRun())
                        .transformedBy(options.etl(), options.ext()));
    }

    /** {@code etl-listrange}: the selected objects transformed by the running ETL into {@code request.dst()}. */
    public String etlObjects(BucketId bucket, MultiObjRequest request) {
        buckets.props(bucket);
        etls.running(request.etl());
        if (!request.dryRun()) {
            ensureDestination(bucket, BucketId.ais(request.dst()));
        }
        return broadcast(XactKind.ETL_OBJECTS, bucket, request);
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
                msg.dryRun(),
                msg.etl(),
                msg.ext());
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
                node.intra().runXaction(t, kind.wire(), id, bucket.name(), MultiObjJson.write(msg, bucket));
            }
        }
        LOG.info(() -> kind.wire() + "[" + id + "] started on " + bucket.cname());
        return id;
    }

    private void ensureDestination(BucketId from, BucketId to) {
        if (!buckets.list(null).contains(to)) {
            if (Backends.isRemote(from, buckets.props(from))) {
                buckets.create(to, null); // an ais:// copy of a remote bucket: AIS's defaults, no backend
            } else {
                buckets.create(to, base -> buckets.props(from).withIdentity(base.created(), base.bid()));
            }
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

    /**
     * Copies an object of a bucket that lives in a backend (this target owns it): read through the cache (an
     * uncached object is fetched from the backend once) and stored wherever {@code to} belongs.
     */
    private long copyFromBackend(ObjectId from, ObjectId to) {
        ObjectReader r;
        try {
            r = objects.open(from, false);
        } catch (AisException e) {
            if (e.kind() == AisException.Kind.NOT_FOUND) {
                return -1;
            }
            throw e;
        }
        java.util.Optional<NodeInfo> owner = objects.redirect(to);
        try (r;
                java.io.InputStream in = r.stream()) {
            ObjectStat st = r.stat();
            if (owner.isEmpty()) {
                return objects.put(to, in, st.size(), null, st.custom()).size();
            }
            node.intra().pushCopy(owner.get(), to, st, in);
            return st.size();
        } catch (java.io.IOException e) {
            throw new AisException(AisException.Kind.INTERNAL, "reading " + from.cname() + ": " + e.getMessage(), e);
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
            public boolean remote(BucketId bucket) {
                return Backends.isRemote(bucket, buckets.props(bucket));
            }

            @Override
            public void eachRemote(
                    BucketId bucket,
                    String prefix,
                    java.util.function.Consumer<String> each,
                    java.util.function.BooleanSupplier stop) {
                remoteListing.eachRemoteName(bucket, prefix, each, stop);
            }

            @Override
            public long transform(String etl, ObjectId from, ObjectId to, String jobId) {
                return etlTransforms.copy(etl, null, from, to, jobId);
            }

            @Override
            public long copy(ObjectId from, ObjectId to) {
                if (remote(from.bucket())) {
                    return copyFromBackend(from, to);
                }
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
