package net.aisj.service.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.RemoteBucket;
import net.aisj.backend.RemoteObject;
import net.aisj.cluster.CacheJobJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BlobRequest;
import net.aisj.core.BucketProps;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.ObjectService;
import net.aisj.service.StorageErrors;
import net.aisj.service.ec.EcHooks;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.BlobXaction;

/**
 * {@code blob-download} (AIS {@code BlobMsg}): one large object of a bucket that lives in a backend is fetched into
 * the cache by its owning target, in ranges of {@code chunk-size} read by {@code num-workers} concurrent readers
 * ({@link RangeStream}). The ranges go to scratch files and are stored in order as one object transaction, so a
 * failure, an abort, or the remote object changing meanwhile stores nothing. A copy already cached is kept unless
 * {@code latest-ver} finds it changed. The node that gets the request starts the job on the owner and answers its
 * id. Thread-safe.
 */
@ApplicationScoped
public class BlobDownloads {

    private static final Logger LOG = Logger.getLogger(BlobDownloads.class.getName());
    /** Most range readers of all blob downloads on a node together. */
    static final int LANE_WORKERS = 32;

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    Backends backends;

    @Inject
    CacheService cache;

    @Inject
    EcHooks ec;

    @Inject
    LruService lru;

    @Inject
    XactionRegistry registry;

    /** Starts the download on the object's owner; answers the job id. BAD_REQUEST when the bucket has no backend. */
    public String start(BucketId bucket, BlobRequest req) {
        BucketProps p = buckets.props(bucket);
        if (!Backends.isRemote(bucket, p)) {
            throw AisException.badRequest(
                    "blob-download: bucket " + bucket.cname() + " is not a remote bucket and has no backend_bck");
        }
        ObjectId oid = new ObjectId(bucket, req.object());
        NodeInfo owner = TargetPlacement.owner(node.clusterMap(), oid.uname());
        String id = MirrorService.newId();
        if (owner.id().equals(node.self().id())) {
            startLocal(id, bucket, req);
        } else {
            node.intra()
                    .runXaction(
                            owner,
                            XactKind.BLOB_DOWNLOAD.wire(),
                            id,
                            bucket.name(),
                            CacheJobJson.writeBlob(bucket, req));
        }
        LOG.info(() -> "blob-download[" + id + "] of " + oid.cname() + " started on " + owner.displayName());
        return id;
    }

    /** Whether {@code kind} is this service's job (intra calls route it here). */
    public static boolean handles(String kind) {
        return XactKind.BLOB_DOWNLOAD.wire().equals(kind);
    }

    /** The owner's job. */
    public Xaction startLocal(String id, BucketId bucket, BlobRequest req) {
        BucketProps p = buckets.props(bucket);
        return registry.start(new BlobXaction(
                id,
                node.self().id(),
                new ObjectId(bucket, req.object()),
                (oid, progress, aborted) -> download(oid, p, req, progress, aborted)));
    }

    private boolean download(
            ObjectId id, BucketProps p, BlobRequest req, LongConsumer progress, BooleanSupplier aborted) {
        RemoteBucket rb = backends.of(id.bucket(), p);
        RemoteObject m;
        try {
            m = rb.backend().headObject(rb.name(), id.name());
        } catch (BackendException e) {
            throw rb.error(e, id.name());
        }
        Optional<ObjectStat> have = cache.cached(id);
        if (have.isPresent()
                && (!req.latest() || CacheService.identity(have.get()).equals(m.identity()))) {
            return false;
        }
        Map<String, String> md = CacheService.customOf(rb, m);
        PutOptions opts = ObjectService.options(p)
                .withCustom(md)
                .withExpected(null, m.size())
                .withVersion(CacheService.versionOf(m));
        String what = rb.cname(id.name()) + " from backend " + rb.backend().describe();
        try (StorageConnection c = node.connection();
                RangeStream ranges = new RangeStream(
                        c,
                        c.workLane("blob-download", LANE_WORKERS),
                        new RangeStream.Source(rb.backend(), rb.name(), id.name(), m),
                        req.chunkSize(),
                        req.numWorkers(),
                        progress,
                        aborted);
                InputStream in =
                        new TeeInputStream(ranges, OutputStream.nullOutputStream(), 0, 0, m.md5(), m.size(), what)) {
            c.put(id, in, opts);
        } catch (StorageException e) {
            LOG.warning("blob-download of " + what + " failed, nothing stored: " + e.getMessage());
            throw StorageErrors.map(e);
        } catch (IOException e) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "blob-download of " + what + " failed: " + e.getMessage(), e);
        }
        ec.afterPut(id, p);
        lru.afterFill();
        return true;
    }
}
