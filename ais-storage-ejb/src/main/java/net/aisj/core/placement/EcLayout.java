package net.aisj.core.placement;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.aisj.core.NodeInfo;

/**
 * Where an erasure-coded object lives (AIS {@code ec/ec.go}): the main target (HRW #1) keeps the full object; an
 * object smaller than {@code objsize_limit} is replicated to the next P targets of its HRW list, a larger one is cut
 * into D data and P parity slices, one per target on the next D+P targets. With fewer targets than that (after a
 * loss), as many holders as there are other targets: any D slices rebuild the object, so main + D holders still
 * survive one more loss.
 *
 * @param main       the owner, which keeps the full object
 * @param holders    the targets that keep a slice or replica, in HRW order
 * @param replicated replicas (true) or slices (false)
 * @param data       D
 * @param parity     P
 */
public record EcLayout(NodeInfo main, List<NodeInfo> holders, boolean replicated, int data, int parity) {

    public EcLayout {
        holders = List.copyOf(holders);
    }

    /**
     * The layout of an object of {@code size} bytes over the targets {@code ranked} by HRW for its name.
     *
     * @param objsizeLimit objects below it are replicated (AIS {@code ec.objsize_limit})
     */
    public static EcLayout of(List<NodeInfo> ranked, int data, int parity, long objsizeLimit, long size) {
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("no targets");
        }
        boolean replicated = size < objsizeLimit;
        int wanted = replicated ? parity : data + parity;
        int n = Math.min(wanted, ranked.size() - 1);
        return new EcLayout(ranked.get(0), ranked.subList(1, 1 + n), replicated, data, parity);
    }

    /** D+P when sliced; the slice ids are 1..D+P. */
    public int totalSlices() {
        return data + parity;
    }

    /** Whether every replica or slice has a holder (false after losing targets). */
    public boolean complete() {
        return holders.size() == (replicated ? parity : data + parity);
    }

    /**
     * Which slice each holder should keep (daemon id to slice id; 0 for a replica), keeping what holders already
     * have where it is valid: {@code have} maps holders to the slice id they hold of the current generation. Slices
     * a holder already has are not moved; the other holders get the lowest ids nobody holds.
     */
    public Map<String, Integer> assign(Map<String, Integer> have) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (replicated) {
            holders.forEach(h -> out.put(h.id(), 0));
            return out;
        }
        Set<Integer> taken = new HashSet<>();
        for (NodeInfo h : holders) {
            Integer s = have.get(h.id());
            if (s != null && s >= 1 && s <= totalSlices() && taken.add(s)) {
                out.put(h.id(), s);
            }
        }
        int next = 1;
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (NodeInfo h : holders) {
            Integer s = out.get(h.id());
            if (s == null) {
                while (taken.contains(next)) {
                    next++;
                }
                s = next;
                taken.add(next);
            }
            ordered.put(h.id(), s);
        }
        return ordered;
    }
}
