package net.aisj.xact.kinds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import net.aisj.connector.api.BucketId;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * This target's part of an {@code lru} job (AIS's LRU eviction): every mountpath used above the low watermark
 * ({@code space.lowwm}) gets back to it by evicting the cached copies of remote objects that were accessed least
 * recently (oldest atime first). Only what the node offers as evictable is touched (copies of objects that live in
 * a backend, in buckets whose {@code lru.enabled} is on, not accessed within {@code lru.dont_evict_time}): the only
 * copy of an {@code ais://} object never is. An object is evicted only while one of its mountpaths still needs
 * space; after a pass the usage is measured again (file systems round sizes up) and another pass runs while space
 * is still needed and the previous one evicted something. Counters: {@code loc-*} objects evicted and their bytes.
 *
 * <p>The candidates of one pass are held in memory (name, atime, size): a few hundred bytes per cached object.
 */
public final class LruXaction extends Xaction {

    static final int MAX_PASSES = 4;

    /** What the job needs from the node. */
    public interface Node {
        String selfId();

        /** The usable mountpaths' space now. */
        List<Usage> usage();

        /** Every cached copy here that may be evicted now (see the class contract). */
        void eachEvictable(Consumer<Candidate> each, BooleanSupplier stop);

        /** Evicts the cached copy unless it was accessed since {@code c.atimeNanos()}; its size, or -1 if kept. */
        long evict(Candidate c);
    }

    /** A mountpath's space in bytes. */
    public record Usage(String path, long used, long total) {}

    /** A cached copy: the mountpaths holding it, main copy first. */
    public record Candidate(BucketId bucket, String name, long atimeNanos, long size, List<String> mountpaths) {
        public Candidate {
            mountpaths = List.copyOf(mountpaths);
        }
    }

    private final Node node;
    private final int lowWatermark;

    /** @param lowWatermark percent used each mountpath is brought down to ({@code space.lowwm}) */
    public LruXaction(String id, Node node, int lowWatermark) {
        super(id, XactKind.LRU, node.selfId(), "");
        this.node = node;
        this.lowWatermark = lowWatermark;
    }

    @Override
    protected void work() {
        for (int pass = 0; pass < MAX_PASSES && !isAborted(); pass++) {
            Map<String, Long> need = toFree(node.usage(), lowWatermark);
            if (need.isEmpty()) {
                return;
            }
            List<Candidate> all = new ArrayList<>();
            node.eachEvictable(
                    c -> {
                        if (c.mountpaths().stream().anyMatch(need::containsKey)) {
                            all.add(c);
                        }
                    },
                    this::isAborted);
            all.sort(Comparator.comparingLong(Candidate::atimeNanos));
            boolean evicted = false;
            for (Candidate c : all) {
                if (isAborted() || need.values().stream().allMatch(v -> v <= 0)) {
                    break;
                }
                if (c.mountpaths().stream().noneMatch(mp -> need.getOrDefault(mp, 0L) > 0)) {
                    continue;
                }
                try {
                    long n = node.evict(c);
                    if (n >= 0) {
                        evicted = true;
                        locObjs.incrementAndGet();
                        locBytes.addAndGet(n);
                        for (String mp : c.mountpaths()) {
                            need.computeIfPresent(mp, (k, v) -> v - Math.max(n, 1));
                        }
                    }
                } catch (RuntimeException e) {
                    error(c.bucket().cname() + "/" + c.name() + ": " + e.getMessage());
                }
            }
            if (!evicted) {
                return;
            }
        }
    }

    /** Bytes each mountpath above {@code lowPercent} used must free to get down to it. */
    static Map<String, Long> toFree(List<Usage> usage, int lowPercent) {
        Map<String, Long> need = new HashMap<>();
        for (Usage u : usage) {
            if (u.total() <= 0) {
                continue;
            }
            long target = u.total() / 100 * lowPercent + u.total() % 100 * lowPercent / 100;
            if (u.used() > target) {
                need.put(u.path(), u.used() - target);
            }
        }
        return need;
    }
}
