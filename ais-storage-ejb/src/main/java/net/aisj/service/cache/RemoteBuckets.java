package net.aisj.service.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.RemoteBucket;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.BucketNames;
import net.aisj.core.BucketProps;
import net.aisj.service.LocalNode;

/**
 * Remote buckets in the BMD: a bucket of a backend provider ({@code aws://b}) is added with default props the first
 * time it is used, once its backend confirms it exists (AIS's "add on first access"), or explicitly
 * ({@code add-remote-bck}). Thread-safe: every change is one compare-and-set on the BMD.
 */
@ApplicationScoped
public class RemoteBuckets {

    private static final Logger LOG = Logger.getLogger(RemoteBuckets.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    LocalNode node;

    @Inject
    Backends backends;

    /** Whether the name is one of a backend's buckets (a provider other than {@code ais}). */
    public static boolean isRemoteName(BucketId id) {
        return !BucketId.AIS.equals(id.provider());
    }

    /**
     * Adds the remote bucket to the BMD if its backend has it; returns its props (the existing ones when it is in
     * the BMD already).
     *
     * @throws AisException NOT_FOUND ({@code remote bucket "aws://b" does not exist}) when the backend has no such
     *                      bucket, UNAVAILABLE when the backend cannot be reached, BAD_REQUEST for an unknown provider
     */
    public BucketProps add(BucketId id) {
        BucketProps existing = node.bucketMetadata().current().buckets().get(id);
        if (existing != null) {
            return existing;
        }
        BucketNames.check(id.name());
        RemoteBucket rb = backends.of(id, BucketProps.remoteDefaults(id.provider(), 0, 0));
        try {
            rb.backend().headBucket(rb.name());
        } catch (BackendException e) {
            throw rb.error(e, null);
        }
        long now = System.currentTimeMillis() * 1_000_000L;
        BucketProps fresh = BucketProps.remoteDefaults(id.provider(), now, RANDOM.nextLong() >>> 1);
        BucketProps[] out = new BucketProps[1];
        BucketMetadata m = node.bucketMetadata().update(cur -> {
            BucketProps have = cur.buckets().get(id);
            out[0] = have != null ? have : fresh;
            return have != null ? cur : cur.with(id, fresh);
        });
        node.awaitBmdEverywhere(m.version());
        LOG.info(() -> "added remote bucket " + id.cname() + " (" + rb.backend().describe() + ")");
        return out[0];
    }

    /** The buckets of a backend provider as its account sees them (AIS {@code ls s3:}). */
    public List<BucketId> listRemote(String provider) {
        RemoteBucket rb = backends.of(new BucketId(provider, "", "x"), BucketProps.remoteDefaults(provider, 0, 0));
        try {
            return rb.backend().listBuckets().stream()
                    .map(n -> new BucketId(provider, "", n))
                    .toList();
        } catch (BackendException e) {
            throw rb.error(e, null);
        }
    }
}
