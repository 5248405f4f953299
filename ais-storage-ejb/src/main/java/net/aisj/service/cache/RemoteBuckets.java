package net.aisj.service.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.RemoteBucket;
import net.aisj.backend.ht.HttpOrigin;
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

    /**
     * Whether the name is one of a backend's buckets: a provider other than {@code ais}, or a bucket of a remote
     * cluster ({@code ais://@alias/b}).
     */
    public static boolean isRemoteName(BucketId id) {
        return !BucketId.AIS.equals(id.provider()) || !id.remoteCluster().isEmpty();
    }

    /**
     * Adds the remote bucket to the BMD if its backend has it; returns its props (the existing ones when it is in
     * the BMD already).
     *
     * @throws AisException NOT_FOUND ({@code remote bucket "aws://b" does not exist}) when the backend has no such
     *                      bucket, UNAVAILABLE when the backend cannot be reached, BAD_REQUEST for an unknown provider
     */
    public BucketProps add(BucketId id) {
        return add(id, BucketProps.Remote.NONE);
    }

    /**
     * Adds the {@code ht://} bucket of the origin {@code base} (AIS's {@code extra.http.original_url}) if it is not
     * in the BMD yet; its name must be the one derived from {@code base}.
     *
     * @throws AisException BAD_REQUEST when the name is not the origin's, NOT_FOUND / UNAVAILABLE as {@link #add}
     */
    public BucketProps addHttp(BucketId id, String base) {
        String expected = HttpOrigin.bucketOf(base);
        if (!"ht".equals(id.provider()) || !expected.equals(id.name())) {
            throw AisException.badRequest(
                    "the ht:// bucket of origin " + base + " is ht://" + expected + ", not " + id.cname());
        }
        return add(id, BucketProps.Remote.NONE.withHttpOrigin(base));
    }

    /**
     * Makes sure the {@code ht://} bucket of an object given by its URL (AIS's {@code original_url}) is in the BMD:
     * {@code id} must be the bucket and object that URL derives ({@link HttpOrigin}).
     *
     * @throws AisException BAD_REQUEST for a bad URL, another provider, or a bucket or object name that is not the
     *                      URL's (the message names the right ones)
     */
    public BucketProps addHttpObject(net.aisj.connector.api.ObjectId id, String originalUrl) {
        HttpOrigin o;
        try {
            o = HttpOrigin.of(originalUrl);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(e.getMessage());
        }
        if (!"ht".equals(id.bucket().provider())) {
            throw AisException.badRequest("original_url is for ht:// buckets (provider=ht), not "
                    + id.bucket().cname());
        }
        if (!o.bucket().equals(id.bucket().name()) || !o.object().equals(id.name())) {
            throw AisException.badRequest("original_url " + originalUrl + " is object ht://" + o.bucket() + "/"
                    + o.object() + ", not " + id.bucket().cname() + "/" + id.name());
        }
        return addHttp(id.bucket(), o.base());
    }

    private BucketProps add(BucketId id, BucketProps.Remote remote) {
        BucketProps existing = node.bucketMetadata().current().buckets().get(id);
        if (existing != null) {
            return existing;
        }
        BucketNames.check(id.name());
        RemoteBucket rb =
                backends.of(id, BucketProps.remoteDefaults(id.provider(), 0, 0).withRemote(remote));
        try {
            rb.backend().headBucket(rb.name());
        } catch (BackendException e) {
            throw rb.error(e, null);
        }
        long now = System.currentTimeMillis() * 1_000_000L;
        BucketProps fresh = BucketProps.remoteDefaults(id.provider(), now, RANDOM.nextLong() >>> 1)
                .withRemote(remote);
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
        return listRemote(provider, "");
    }

    /**
     * The buckets of a backend provider, or of the remote cluster a namespace names ({@code ais}, {@code @alias#}:
     * AIS {@code ls ais://@alias}).
     */
    public List<BucketId> listRemote(String provider, String namespace) {
        RemoteBucket rb =
                backends.of(new BucketId(provider, namespace, "x"), BucketProps.remoteDefaults(provider, 0, 0));
        try {
            return rb.backend().listBuckets().stream()
                    .map(n -> new BucketId(provider, namespace, n))
                    .toList();
        } catch (BackendException e) {
            throw rb.error(e, null);
        }
    }
}
