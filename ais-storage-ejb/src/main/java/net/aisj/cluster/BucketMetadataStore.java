package net.aisj.cluster;

import java.util.function.UnaryOperator;

import net.aisj.core.BucketMetadata;

/**
 * The live, cluster-wide BMD. Readers get the latest snapshot this node knows; writers go through
 * {@link #update}, which applies a change atomically (compare-and-set) so that versions only grow.
 */
public interface BucketMetadataStore {

    /** The latest snapshot; never null (an empty BMD before the first bucket). */
    BucketMetadata current();

    /**
     * Applies {@code change} to the current snapshot and publishes the result; retried on concurrent updates, so
     * {@code change} must be a pure function. Returning the same instance means "no change".
     *
     * @return the snapshot that was published (or the unchanged current one)
     * @throws net.aisj.core.AisException whatever {@code change} throws
     */
    BucketMetadata update(UnaryOperator<BucketMetadata> change);

    /** Publishes {@code candidate} if its version is higher than the live one (recovery from disk). */
    void offer(BucketMetadata candidate);
}
