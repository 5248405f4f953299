package net.aisj.cluster;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A cluster-wide, versioned, immutable document (BMD, Smap). Readers get the latest snapshot this node knows;
 * writers go through {@link #update}, which applies a change atomically (compare-and-set) so versions only grow.
 *
 * @param <T> the snapshot type
 */
public interface VersionedStore<T> {

    /** The latest snapshot this node has; never null. */
    T current();

    /**
     * Applies {@code change} to the live snapshot and publishes the result; retried on concurrent updates, so
     * {@code change} must be a pure function of its argument. Returning the same instance means "no change".
     *
     * @return the published snapshot (or the unchanged live one)
     * @throws net.aisj.core.AisException whatever {@code change} throws
     */
    T update(UnaryOperator<T> change);

    /** Publishes {@code candidate} if its version is higher than the live one (recovery from disk). */
    void offer(T candidate);

    /** Called once per newer snapshot this node learns of (own writes and other nodes'), on a grid thread. */
    void addListener(Consumer<T> listener);
}
