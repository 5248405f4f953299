package net.aisj.connector.fs;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sorted entries of large directories, kept between the pages of listings: a page resumes after the last name,
 * and without the cache every page of a flat bucket re-read and re-sorted the whole directory (100k objects in one
 * directory: ~75% of a page's time in the JFR profile, 10 pages per listing).
 *
 * <p>When an entry is valid: the directory's file key (device, inode) and modification time are the ones seen when
 * it was read, and it was read at least {@link #RACY_NS} after that modification time. The second rule is git's
 * "racy clean" rule: file systems stamp directories with a coarse clock, so a change made while (or just after) the
 * directory was read can keep the old mtime; a change made after a read that started well past the mtime cannot.
 * Only directories of at least {@link #MIN_ENTRIES} entries are kept, at most {@link #MAX_TOTAL} entries over all,
 * each for {@link #TTL_NS} after its last use. Entries keep no LOMs (those are read fresh per listed object).
 * Thread-safe (one lock around a small map); the lists handed out are immutable.
 */
final class SortedDirCache {

    static final int MIN_ENTRIES = 1024;
    static final long MAX_TOTAL = 400_000;
    static final long RACY_NS = 2_000_000_000L;
    static final long TTL_NS = 30_000_000_000L;

    /** One directory entry: its sort key (decoded segment, "/" appended for directories) and file name. */
    record Entry(String key, String component, boolean dir, ObjectMeta meta) {}

    private record Cached(Object fileKey, long mtimeNs, List<Entry> entries, long usedAt) {}

    private static final Map<Path, Cached> CACHE = new LinkedHashMap<>(16, 0.75f, true);
    private static long total;

    private SortedDirCache() {}

    /** The cached entries of {@code dir} if still valid for its current attributes {@code a}; else null. */
    static List<Entry> get(Path dir, BasicFileAttributes a) {
        long now = System.nanoTime();
        synchronized (CACHE) {
            expire(now);
            Cached c = CACHE.get(dir);
            if (c == null) {
                return null;
            }
            if (!c.fileKey.equals(a.fileKey()) || c.mtimeNs != mtimeNs(a)) {
                remove(dir);
                return null;
            }
            CACHE.put(dir, new Cached(c.fileKey, c.mtimeNs, c.entries, now));
            return c.entries;
        }
    }

    /**
     * Offers the sorted entries of {@code dir} read starting at wall-clock {@code readStartNs} (epoch nanoseconds)
     * from a directory with attributes {@code a} (taken before the read).
     */
    static void put(Path dir, BasicFileAttributes a, long readStartNs, List<Entry> sorted) {
        if (sorted.size() < MIN_ENTRIES
                || sorted.size() > MAX_TOTAL
                || a.fileKey() == null
                || readStartNs - mtimeNs(a) < RACY_NS) {
            return;
        }
        List<Entry> kept = sorted.stream()
                .map(e -> e.meta == null ? e : new Entry(e.key, e.component, e.dir, null))
                .toList();
        long now = System.nanoTime();
        synchronized (CACHE) {
            remove(dir);
            CACHE.put(dir, new Cached(a.fileKey(), mtimeNs(a), kept, now));
            total += kept.size();
            Iterator<Map.Entry<Path, Cached>> it = CACHE.entrySet().iterator();
            while (total > MAX_TOTAL && it.hasNext()) {
                total -= it.next().getValue().entries.size();
                it.remove();
            }
        }
    }

    static long mtimeNs(BasicFileAttributes a) {
        java.time.Instant t = a.lastModifiedTime().toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Wall-clock time in epoch nanoseconds (the clock file system timestamps are compared with). */
    static long wallNs() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static void remove(Path dir) {
        Cached c = CACHE.remove(dir);
        if (c != null) {
            total -= c.entries.size();
        }
    }

    private static void expire(long now) {
        Iterator<Map.Entry<Path, Cached>> it = CACHE.entrySet().iterator();
        while (it.hasNext()) { // access order: least recently used first
            Cached c = it.next().getValue();
            if (now - c.usedAt < TTL_NS) {
                return;
            }
            total -= c.entries.size();
            it.remove();
        }
    }

    /** Forgets everything (tests). */
    static void clear() {
        synchronized (CACHE) {
            CACHE.clear();
            total = 0;
        }
    }
}
