package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.BucketNames;
import net.aisj.core.BucketProps;
import net.aisj.core.BucketPropsChange;
import net.aisj.core.NodeInfo;

/**
 * Bucket lifecycle and properties. Every change is one compare-and-set on the BMD, so it is visible to every caller
 * as soon as the method returns. Thread-safe.
 */
@ApplicationScoped
public class BucketService {

    private static final Logger LOG = Logger.getLogger(BucketService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    LocalNode node;

    private volatile VersionedStore<BucketMetadata> bmd;

    /** Remote buckets: added to the BMD on first access and by {@code add-remote-bck}. */
    @Inject
    net.aisj.service.cache.RemoteBuckets remoteBuckets;

    /**
     * The bucket's props; NOT_FOUND when it does not exist. A remote bucket ({@code aws://b}) not yet in the BMD is
     * added if its backend has it (AIS's "add on first access").
     */
    public BucketProps props(BucketId id) {
        BucketProps p = store().current().buckets().get(id);
        if (p != null) {
            return p;
        }
        if (net.aisj.service.cache.RemoteBuckets.isRemoteName(id)) {
            return remoteBuckets.add(id);
        }
        throw noSuchBucket(id);
    }

    /**
     * The node's BMD store, asked of the node (an EJB call: ~15% of a 4 KiB GET's own samples in JFR, once per
     * request through {@link #props}) only until it is known: the node creates it once, at startup.
     */
    private VersionedStore<BucketMetadata> store() {
        VersionedStore<BucketMetadata> s = bmd;
        if (s == null) {
            s = node.bucketMetadata();
            bmd = s;
        }
        return s;
    }

    public List<BucketId> list(String provider) {
        return store().current().buckets().keySet().stream()
                .filter(b ->
                        provider == null || provider.isEmpty() || b.provider().equals(provider))
                .toList();
    }

    public BucketMetadata metadata() {
        return store().current();
    }

    /**
     * Creates an {@code ais://} bucket, optionally with props (AIS {@code BpropsToSet}).
     *
     * @throws AisException BAD_REQUEST (name, props), CONFLICT (exists)
     */
    public void create(BucketId id, BucketPropsChange props) {
        requireAis(id);
        BucketNames.check(id.name());
        long now = System.currentTimeMillis() * 1_000_000L;
        BucketProps p = BucketProps.defaults(now, RANDOM.nextLong() >>> 1);
        BucketProps initial = props == null ? p : props.applyTo(p).validated();
        checkEcTargets(null, initial);
        try (StorageConnection c = node.connection()) {
            c.createBucket(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        BucketMetadata m = node.bucketMetadata().update(cur -> {
            if (cur.get(id).isPresent()) {
                throw AisException.bucketExists(id.cname());
            }
            return cur.with(id, initial);
        });
        node.awaitBmdEverywhere(m.version());
        LOG.info(() -> "created bucket " + id.cname());
    }

    /** Applies a change (a parsed {@code set-bprops} value or a service's own); returns the new props. */
    public BucketProps setProps(BucketId id, BucketPropsChange change) {
        BucketProps[] out = new BucketProps[1];
        BucketMetadata m = node.bucketMetadata().update(cur -> {
            BucketProps old = cur.get(id).orElseThrow(() -> noSuchBucket(id));
            BucketProps next = change.applyTo(old).validated();
            old.checkTransitionTo(next);
            checkEcTargets(old, next);
            out[0] = next;
            return next.equals(old) ? cur : cur.with(id, next);
        });
        node.awaitBmdEverywhere(m.version());
        return out[0];
    }

    /** Back to the defaults (keeping identity: creation time and bid). */
    public BucketProps resetProps(BucketId id) {
        BucketProps[] out = new BucketProps[1];
        BucketMetadata m = node.bucketMetadata().update(cur -> {
            BucketProps old = cur.get(id).orElseThrow(() -> noSuchBucket(id));
            BucketProps next = BucketProps.defaults(old.created(), old.bid()).withCors(old.cors());
            old.checkTransitionTo(next);
            out[0] = next;
            return cur.with(id, next);
        });
        node.awaitBmdEverywhere(m.version());
        return out[0];
    }

    /** Removes the bucket and all its objects. NOT_FOUND when absent. */
    public void destroy(BucketId id) {
        BucketMetadata m = node.bucketMetadata().update(cur -> {
            cur.get(id).orElseThrow(() -> noSuchBucket(id));
            return cur.without(id);
        });
        node.awaitBmdEverywhere(m.version());
        LOG.info(() -> "destroyed bucket " + id.cname());
    }

    /** AIS: erasure coding with D data and P parity slices needs at least D+P+1 targets in service. */
    private void checkEcTargets(BucketProps old, BucketProps next) {
        if (!next.ec().enabled() || (old != null && old.ec().enabled())) {
            return;
        }
        long targets =
                node.clusterMap().targets().stream().filter(NodeInfo::inService).count();
        int need = next.ec().dataSlices() + next.ec().paritySlices() + 1;
        if (targets < need) {
            throw AisException.badRequest("erasure coding with " + next.ec().dataSlices() + " data and "
                    + next.ec().paritySlices() + " parity slices requires at least " + need + " targets, the cluster "
                    + "has " + targets);
        }
    }

    static AisException noSuchBucket(BucketId id) {
        return AisException.noSuchBucket(id.cname());
    }

    private static void requireAis(BucketId id) {
        if (!BucketId.AIS.equals(id.provider())) {
            throw AisException.badRequest("provider \"" + id.provider() + "\" is not supported yet (bucket "
                    + id.cname() + "); only ais:// buckets can be created");
        }
    }
}
