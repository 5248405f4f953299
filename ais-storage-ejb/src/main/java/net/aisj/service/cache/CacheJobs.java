package net.aisj.service.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.RemoteBucket;
import net.aisj.backend.RemotePage;
import net.aisj.cluster.CacheJobJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.CacheListRange;
import net.aisj.core.NodeInfo;
import net.aisj.core.ObjectTemplate;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.ObjectListing;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.CacheXaction;

/**
 * Prefetch and evict jobs ({@code prefetch-listrange}, {@code evict-listrange}) over a bucket that lives in a
 * backend, and evicting a whole remote bucket ({@code evict-remote-bck}). The node that gets the request checks it,
 * starts the job under one id on every target and answers the id; progress and the end are read through the job
 * status API (so AIS's {@code Job.wait()} works). Thread-safe.
 */
@ApplicationScoped
public class CacheJobs {

    private static final Logger LOG = Logger.getLogger(CacheJobs.class.getName());

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectListing listing;

    @Inject
    CacheService cache;

    @Inject
    Backends backends;

    @Inject
    XactionRegistry registry;

    /** Starts a prefetch; answers the job id. BAD_REQUEST when the bucket is not in a backend. */
    public String prefetch(BucketId bucket, CacheListRange range) {
        return start(XactKind.PREFETCH, bucket, range);
    }

    /** Starts an evict of cached copies; answers the job id. */
    public String evict(BucketId bucket, CacheListRange range) {
        return start(XactKind.EVICT, bucket, range);
    }

    /**
     * {@code evict-remote-bck}: every cached copy of the bucket goes, the remote stays. Without {@code keepMd} the
     * bucket leaves the BMD too (each target then drops its data); with it, an evict job over the whole bucket runs
     * and its id is answered ("" otherwise).
     */
    public String evictBucket(BucketId bucket, boolean keepMd) {
        requireRemote(bucket);
        if (keepMd) {
            return evict(bucket, new CacheListRange(null, "", false));
        }
        buckets.destroy(bucket);
        return "";
    }

    private String start(XactKind kind, BucketId bucket, CacheListRange range) {
        requireRemote(bucket);
        if (range.names() != null) {
            if (range.names().isEmpty()) {
                throw AisException.badRequest(kind.wire() + ": the list of names is empty");
            }
        } else {
            ObjectTemplate.parse(range.template(), 0);
        }
        String id = MirrorService.newId();
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                startLocal(kind.wire(), id, bucket, range);
            } else {
                node.intra().runXaction(t, kind.wire(), id, bucket.name(), CacheJobJson.write(bucket, range));
            }
        }
        LOG.info(() -> kind.wire() + "[" + id + "] started on " + bucket.cname());
        return id;
    }

    /** Whether {@code kind} is one of these jobs (intra calls route them here). */
    public static boolean handles(String kind) {
        return XactKind.PREFETCH.wire().equals(kind) || XactKind.EVICT.wire().equals(kind);
    }

    /** This target's part of a job another node started. */
    public Xaction startLocal(String kind, String id, BucketId bucket, CacheListRange range) {
        XactKind k = XactKind.of(kind).orElseThrow(() -> AisException.badRequest("unknown job kind " + kind));
        Iterable<String> names = range.names();
        String prefix = "";
        if (names == null && !range.template().isEmpty()) {
            ObjectTemplate tpl = ObjectTemplate.parse(range.template(), 0);
            if (tpl.isPrefixOnly()) {
                prefix = tpl.prefix();
            } else {
                names = tpl;
            }
        }
        CacheXaction.Plan plan = new CacheXaction.Plan(bucket, names, prefix, range.latest());
        return registry.start(new CacheXaction(id, k, plan, localNode(buckets.props(bucket))));
    }

    private void requireRemote(BucketId bucket) {
        BucketProps p = buckets.props(bucket);
        if (!Backends.isRemote(bucket, p)) {
            throw AisException.badRequest("bucket " + bucket.cname() + " is not a remote bucket and has no "
                    + "backend_bck: nothing to prefetch or evict");
        }
    }

    private CacheXaction.Node localNode(BucketProps p) {
        return new CacheXaction.Node() {
            @Override
            public String selfId() {
                return node.self().id();
            }

            @Override
            public boolean owns(ObjectId id) {
                return node.owns(id);
            }

            @Override
            public long prefetch(ObjectId id, boolean latest) {
                try {
                    if (!cache.prefetch(id, p, latest)) {
                        return -1;
                    }
                    return cache.cached(id).map(ObjectStat::size).orElse(0L);
                } catch (AisException e) {
                    if (e.kind() == AisException.Kind.NOT_FOUND) {
                        return -2;
                    }
                    throw e;
                }
            }

            @Override
            public long evict(ObjectId id) {
                long size = cache.cached(id).map(ObjectStat::size).orElse(-1L);
                return cache.evict(id, p) ? Math.max(size, 0) : -1;
            }

            @Override
            public void eachRemote(BucketId bucket, String prefix, Consumer<String> each, BooleanSupplier stop) {
                RemoteBucket rb = backends.of(bucket, p);
                String token = "";
                do {
                    RemotePage page;
                    try {
                        page = rb.backend().list(rb.name(), prefix, token, 1000);
                    } catch (BackendException e) {
                        throw rb.error(e, null);
                    }
                    for (var o : page.entries()) {
                        if (stop.getAsBoolean()) {
                            return;
                        }
                        each.accept(o.name());
                    }
                    token = page.nextToken();
                } while (!token.isEmpty());
            }

            @Override
            public void eachLocal(BucketId bucket, String prefix, Consumer<String> each, BooleanSupplier stop) {
                String after = "";
                do {
                    var page = listing.localList(
                            bucket, new net.aisj.connector.api.ListRequest(prefix, after, 1000, false, true));
                    for (var e : page.entries()) {
                        if (stop.getAsBoolean()) {
                            return;
                        }
                        if (!e.dir()) {
                            each.accept(e.name());
                        }
                    }
                    after = page.nextToken();
                } while (!after.isEmpty());
            }
        };
    }
}
