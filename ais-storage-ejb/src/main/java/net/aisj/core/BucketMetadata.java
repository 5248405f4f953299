package net.aisj.core;

import java.io.Serializable;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import net.aisj.connector.api.BucketId;

/**
 * AIS's BMD: every bucket and its props, one immutable snapshot per version. Versions only grow; every change
 * returns a new snapshot with {@code version + 1}. Buckets iterate in (provider, namespace, name) order.
 */
public record BucketMetadata(String uuid, long version, SortedMap<BucketId, BucketProps> buckets)
        implements Serializable {

    /** Iteration order of buckets. */
    public static final Comparator<BucketId> ORDER = Comparator.comparing(BucketId::provider)
            .thenComparing(BucketId::namespace)
            .thenComparing(BucketId::name);

    public BucketMetadata {
        SortedMap<BucketId, BucketProps> copy = new TreeMap<>(ORDER);
        if (buckets != null) {
            copy.putAll(buckets);
        }
        buckets = Collections.unmodifiableSortedMap(copy);
    }

    public static BucketMetadata empty(String uuid) {
        return new BucketMetadata(uuid, 0, null);
    }

    public Optional<BucketProps> get(BucketId id) {
        return Optional.ofNullable(buckets.get(id));
    }

    public BucketMetadata with(BucketId id, BucketProps props) {
        SortedMap<BucketId, BucketProps> m = new TreeMap<>(buckets);
        m.put(id, props);
        return new BucketMetadata(uuid, version + 1, m);
    }

    public BucketMetadata without(BucketId id) {
        SortedMap<BucketId, BucketProps> m = new TreeMap<>(buckets);
        m.remove(id);
        return new BucketMetadata(uuid, version + 1, m);
    }

    /** Convenience for callers holding a plain map. */
    public static BucketMetadata of(String uuid, long version, Map<BucketId, BucketProps> buckets) {
        SortedMap<BucketId, BucketProps> m = new TreeMap<>(ORDER);
        m.putAll(buckets);
        return new BucketMetadata(uuid, version, m);
    }
}
