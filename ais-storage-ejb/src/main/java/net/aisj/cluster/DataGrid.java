package net.aisj.cluster;

import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import net.aisj.core.ClusterMap;

/**
 * The cluster's shared state, as the rest of the node sees it: versioned documents (Smap, BMD), small named
 * values, broadcast topics, membership and the member count. The only implementation sits on the Hazelcast data
 * grid embedded in Payara ({@link HazelcastDataGrid}); nothing outside this package names Hazelcast.
 *
 * <p>Thread-safe. Calls may block briefly on the grid's network; none waits for another node's application code.
 */
public interface DataGrid {

    /**
     * The versioned document stored under {@code key}, decoded with {@code decode}; {@code initial} stands for it
     * until a first version is written. One store per key and node: call once and keep the result.
     */
    <T> VersionedStore<T> versionedStore(
            String key,
            Function<String, T> decode,
            Function<T, String> encode,
            ToLongFunction<T> version,
            Supplier<T> initial);

    /** Stores {@code candidate} under {@code key} unless a value is there; returns the value that is there now. */
    String agreeOn(String key, String candidate);

    /** Sets the number {@code key} of the table {@code table} (last writer wins). */
    void putNumber(String table, String key, long value);

    /** The number {@code key} of table {@code table}, if set. */
    OptionalLong number(String table, String key);

    /** Sends {@code message} to every node's subscribers of {@code topic} (this node's too). */
    void publish(String topic, String message);

    /** Calls {@code listener} on a grid thread for every message published on {@code topic}. */
    void subscribe(String topic, Consumer<String> listener);

    /** Derives the Smap from grid membership (see {@link GridMembership}); one per node. */
    GridMembership membership(VersionedStore<ClusterMap> smap);

    /** Members of the data grid this node sees now (itself included). */
    int memberCount();
}
