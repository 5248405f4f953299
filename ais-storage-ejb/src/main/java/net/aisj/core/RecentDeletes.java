package net.aisj.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Objects (keys {@code K}) a client deleted on this node lately, and when: the cluster's delete records
 * (tombstones). A rebalance copy that reaches the new owner after a
 * client deleted the name there (the delete went to the new owner while the old one was still sending) must not
 * bring the object back: {@link #supersedes} says whether a copy last written at a given time is older than such a
 * delete. A copy written after the delete (a PUT elsewhere that a later rebalance moves here) is never dropped. A
 * delete is ordered against a copy exactly as a later write is: by time, the delete winning a tie. A rebalance also
 * forwards these records to the names' new owners ({@link #snapshot}), and a node asked about a name it does not
 * hold tells when it was deleted ({@link #deletedAt}), so that a target returning with an old copy does not bring a
 * deleted object back.
 *
 * <p>Bounded: at most {@code max} names, each kept {@code ttlMillis}; the oldest go first. Kept in memory only (a
 * restarted node forgets them). Times are wall-clock milliseconds of the nodes, so the rule assumes their clocks
 * agree to well under the time between a write and a delete. Thread-safe.
 */
public final class RecentDeletes<K> {

    private final long ttlMillis;
    private final int max;
    private final LinkedHashMap<K, Long> deletedAt = new LinkedHashMap<>();

    public RecentDeletes(long ttlMillis, int max) {
        if (ttlMillis <= 0 || max <= 0) {
            throw new IllegalArgumentException("ttl and max must be positive");
        }
        this.ttlMillis = ttlMillis;
        this.max = max;
    }

    /**
     * Records that {@code key} was deleted at {@code atMillis} (a record forwarded from another node may be older than
     * the one kept here: the later one stays).
     */
    public synchronized void deleted(K key, long atMillis) {
        Long had = deletedAt.remove(key);
        deletedAt.put(key, had == null ? atMillis : Math.max(had, atMillis));
        prune(atMillis);
    }

    /** When {@code key} was last deleted here, if within the window. */
    public synchronized OptionalLong deletedAt(K key, long nowMillis) {
        prune(nowMillis);
        Long at = deletedAt.get(key);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Every record within the window, oldest first (a copy: the caller may take its time). */
    public synchronized Map<K, Long> snapshot(long nowMillis) {
        prune(nowMillis);
        return new LinkedHashMap<>(deletedAt);
    }

    /**
     * True when {@code key} was deleted here within the window and after {@code writtenMillis}, the time the
     * arriving copy's content was last written.
     */
    public synchronized boolean supersedes(K key, long writtenMillis, long nowMillis) {
        prune(nowMillis);
        Long at = deletedAt.get(key);
        return at != null && at >= writtenMillis;
    }

    public synchronized int size() {
        return deletedAt.size();
    }

    private void prune(long nowMillis) {
        Iterator<Map.Entry<K, Long>> it = deletedAt.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<K, Long> e = it.next();
            if (deletedAt.size() > max || nowMillis - e.getValue() > ttlMillis) {
                it.remove();
            } else {
                break; // insertion order = time order: the rest are newer
            }
        }
    }
}
