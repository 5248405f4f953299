package net.aisj.it.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.aisj.it.faults.History.Kind;
import net.aisj.it.faults.History.Op;

/**
 * Checks a {@link History} the way a consistency checker does (Jepsen's register model, per object name):
 * <ul>
 *   <li><b>phantom read</b>: a read returned bytes that no PUT of that name wrote, or that a PUT began writing only
 *       after the read had ended;</li>
 *   <li><b>stale read</b> (read-after-write): a read that began after an acknowledged write of the name had ended
 *       returned a value that was already overwritten then: a value whose write ended before that acknowledged write
 *       began (404 counts as the value "absent", written by every DELETE and before the first PUT);</li>
 *   <li><b>lost write</b>: the same, for the reads after the heal: the final value of a name is not its latest
 *       acknowledged one (or a later one);</li>
 *   <li><b>unreadable after heal</b>: a name no final read could read at all.</li>
 * </ul>
 * An operation that failed or timed out may have taken effect at any time after it began (or never): its value is
 * always an allowed answer, and it never makes another value stale. Values are content hashes, unique per PUT.
 *
 * <p>With a clock tolerance ({@link #check(List, long)}, the clock-skew test), a write only makes another value stale
 * when it began more than the tolerance after that value's write ended: nodes order copies by their wall clocks, so
 * writes closer than the skew may be ordered either way. Reads that were allowed only thanks to the tolerance are
 * counted ({@code skew_tolerated}).
 */
public final class Checker {

    /** One violation and the history of its name. */
    public record Violation(String kind, Op op, String explanation, List<Op> nameHistory) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(kind)
                    .append(": ")
                    .append(op)
                    .append("\n    ")
                    .append(explanation)
                    .append("\n    history of ")
                    .append(op.name())
                    .append(':');
            List<Op> h = nameHistory;
            int from = Math.max(0, h.size() - 40);
            if (from > 0) {
                sb.append("\n      (").append(from).append(" earlier operations left out)");
            }
            h.subList(from, h.size()).forEach(o -> sb.append("\n      ").append(o));
            return sb.toString();
        }
    }

    /** The counts and the violations. */
    public record Result(Map<String, Long> counts, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }

        public long count(String key) {
            return counts.getOrDefault(key, 0L);
        }

        /** Counts on one line, then every violation (at most {@code max}) with its history. */
        public String report(String title, int max) {
            StringBuilder sb = new StringBuilder("[faults ")
                    .append(title)
                    .append("] ")
                    .append(counts.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" ")))
                    .append(", violations=")
                    .append(violations.size());
            violations.stream().limit(max).forEach(v -> sb.append("\n  ").append(v));
            if (violations.size() > max) {
                sb.append("\n  ... ").append(violations.size() - max).append(" more");
            }
            return sb.toString();
        }
    }

    private Checker() {}

    /** Checks every operation of {@code h}. */
    public static Result check(History h) {
        return check(h.ops());
    }

    /** Checks {@code ops} (ordered by start time). */
    public static Result check(List<Op> ops) {
        return check(ops, 0);
    }

    /** Checks {@code ops} (ordered by start time) with a clock tolerance in nanoseconds (see the class comment). */
    public static Result check(List<Op> ops, long toleranceNanos) {
        Map<String, List<Op>> byName = new LinkedHashMap<>();
        Map<String, Op> putByValue = new HashMap<>();
        for (Op o : ops) {
            byName.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o);
            if (o.kind() == Kind.PUT) {
                putByValue.put(o.value(), o);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Op o : ops) {
            String k = (o.fin() ? "final_" : "") + o.kind().name().toLowerCase();
            counts.merge(k, 1L, Long::sum);
            if (o.acked()) {
                counts.merge(k + "_ok", 1L, Long::sum);
            }
        }
        List<Violation> out = new ArrayList<>();
        long verified = 0;
        long ackedPutsCovered = 0;
        long tolerated = 0;
        for (var e : byName.entrySet()) {
            List<Op> h = e.getValue();
            boolean finalOk = false;
            boolean finalSeen = false;
            for (Op r : h) {
                if (r.fin()) {
                    finalSeen = true;
                }
                if (!r.isRead()) {
                    continue;
                }
                String why = explain(r, h, putByValue, toleranceNanos);
                if (why == null && toleranceNanos > 0 && explain(r, h, putByValue, 0) != null) {
                    tolerated++;
                }
                if (why != null) {
                    String kind = why.startsWith("phantom") ? "PHANTOM READ" : r.fin() ? "LOST WRITE" : "STALE READ";
                    out.add(new Violation(kind, r, why, h));
                } else if (r.fin()) {
                    finalOk = true;
                }
            }
            if (finalSeen && !finalOk && h.stream().noneMatch(o -> o.fin() && o.isRead())) {
                Op last = h.stream().filter(Op::fin).reduce((a, b) -> b).orElseThrow();
                out.add(new Violation("UNREADABLE AFTER HEAL", last, "no read after the heal succeeded", h));
            }
            if (finalOk) {
                verified++;
                ackedPutsCovered += h.stream()
                        .filter(o -> o.kind() == Kind.PUT && o.acked() && !o.fin())
                        .count();
            }
        }
        counts.put("names_verified", verified);
        counts.put("acked_puts_of_verified_names", ackedPutsCovered);
        if (toleranceNanos > 0) {
            counts.put("skew_tolerated", tolerated);
        }
        return new Result(counts, out);
    }

    /** Null when read {@code r} is allowed, else why not. */
    private static String explain(Op r, List<Op> h, Map<String, Op> putByValue, long tolerance) {
        String v = r.kind() == Kind.GET ? r.value() : History.ABSENT;
        List<Op> writers = new ArrayList<>();
        if (!History.ABSENT.equals(v)) {
            Op w = putByValue.get(v);
            if (w == null) {
                return "phantom: returned content " + v + " that no PUT wrote";
            }
            if (!w.name().equals(r.name())) {
                return "phantom: returned the content of " + w.name() + " (" + w + ")";
            }
            if (w.start() > r.end()) {
                return "phantom: returned content whose PUT began after the read ended (" + w + ")";
            }
            writers.add(w);
        } else {
            writers.add(null); // the value before the first write
            h.stream()
                    .filter(o -> o.kind() == Kind.DELETE && o != r && o.start() < r.end())
                    .forEach(writers::add);
        }
        Op supersededBy = null;
        for (Op w : writers) {
            Op s = supersededAt(w, r.start(), h, tolerance);
            if (s == null) {
                return null;
            }
            supersededBy = s;
        }
        return "returned " + v + ", but acknowledged " + supersededBy + " had ended before this read began and"
                + " after the write of that value ended";
    }

    /**
     * An acknowledged write that ended before {@code t} and began more than {@code tolerance} after write {@code w}
     * (null: the initial absent value) ended, i.e. one that makes w's value stale at {@code t}; null when none.
     */
    private static Op supersededAt(Op w, long t, List<Op> h, long tolerance) {
        if (w != null && !w.acked()) {
            return null;
        }
        long wEnd = w == null ? Long.MIN_VALUE : w.end() + tolerance;
        for (Op o : h) {
            if (o.isWrite() && o.acked() && !o.fin() && o != w && o.end() < t && o.start() > wEnd) {
                return o;
            }
        }
        return null;
    }
}
