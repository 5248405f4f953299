package net.aisj.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object names a client deleted on this node lately, and when. A rebalance copy that reaches the new owner after a
 * client deleted the name there (the delete went to the new owner while the old one was still sending) must not
 * bring the object back: {@link #supersedes} says whether a copy last written at a given time is older than such a
 * delete. A copy written after the delete (a PUT elsewhere that a later rebalance moves here) is never dropped.
 *
 * <p>Bounded: at most {@code max} names, each kept {@code ttlMillis}; the oldest go first. Kept in memory only (a
 * restarted node forgets them). Times are wall-clock milliseconds of the nodes, so the rule assumes their clocks
 * agree to well under the time between a write and a delete. Thread-safe.
 */
public final class RecentDeletes {

    private final long ttlMillis;
    private final int max;
    private final LinkedHashMap<String, Long> deletedAt = new LinkedHashMap<>();

    public RecentDeletes(long ttlMillis, int max) {
        if (ttlMillis <= 0 || max <= 0) {
            throw new IllegalArgumentException("ttl and max must be positive");
        }
        this.ttlMillis = ttlMillis;
        this.max = max;
    }

    /** Records that {@code uname} was deleted at {@code nowMillis}. */
    public synchronized void deleted(String uname, long nowMillis) {
        deletedAt.remove(uname);
        deletedAt.put(uname, nowMillis);
        prune(nowMillis);
    }

    /**
     * True when {@code uname} was deleted here within the window and after {@code writtenMillis}, the time the
     * arriving copy's content was last written.
     */
    public synchronized boolean supersedes(String uname, long writtenMillis, long nowMillis) {
        prune(nowMillis);
        Long at = deletedAt.get(uname);
        return at != null && at >= writtenMillis;
    }

    public synchronized int size() {
        return deletedAt.size();
    }

    private void prune(long nowMillis) {
        Iterator<Map.Entry<String, Long>> it = deletedAt.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (deletedAt.size() > max || nowMillis - e.getValue() > ttlMillis) {
                it.remove();
            } else {
                break; // insertion order = time order: the rest are newer
            }
        }
    }
}
