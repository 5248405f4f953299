package net.aisj.service.archive;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AIS {@code apc.ListRange}: objects named by a list ({@code objnames}) or a template ({@code template}) such as
 * {@code shard-{0000..0999}.tar} or {@code img-{0..10..2}-{00..99}.jpg} (one or more brace ranges, each {@code {from..to}}
 * or {@code {from..to..step}}, zero padding from {@code from}'s width). A template without a range is a prefix;
 * neither means the whole bucket. Pure value type.
 *
 * @param names    explicit names, or empty
 * @param template the template, or ""
 */
public record ListRange(List<String> names, String template) {

    private static final Pattern RANGE = Pattern.compile("\\{(\\d+)\\.\\.(\\d+)(?:\\.\\.(\\d+))?}");
    /** Expansion limit: a template naming more objects than this is refused. */
    public static final long MAX_NAMES = 10_000_000L;

    public ListRange {
        names = names == null ? List.of() : List.copyOf(names);
        template = template == null ? "" : template;
    }

    public boolean isList() {
        return !names.isEmpty();
    }

    /** Whether the template has at least one range (else it is a prefix). */
    public boolean isRange() {
        return RANGE.matcher(template).find();
    }

    /** The prefix a range-less template (or none) stands for. */
    public String prefix() {
        return template;
    }

    /**
     * The names a range template expands to, lazily, in order (the last range varies fastest).
     *
     * @throws IllegalArgumentException for a range with from &gt; to, a zero step or too many names
     */
    public Iterator<String> expand() {
        List<String> literals = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        Matcher m = RANGE.matcher(template);
        int last = 0;
        long total = 1;
        while (m.find()) {
            literals.add(template.substring(last, m.start()));
            long from = Long.parseLong(m.group(1));
            long to = Long.parseLong(m.group(2));
            long step = m.group(3) == null ? 1 : Long.parseLong(m.group(3));
            if (from > to || step <= 0) {
                throw new IllegalArgumentException("invalid range \"" + m.group() + "\" in template \"" + template + "\"");
            }
            ranges.add(new long[] {from, to, step});
            widths.add(m.group(1).length());
            total = Math.multiplyExact(total, (to - from) / step + 1);
            last = m.end();
        }
        if (total > MAX_NAMES) {
            throw new IllegalArgumentException("template \"" + template + "\" names " + total + " objects (at most "
                    + MAX_NAMES + ")");
        }
        literals.add(template.substring(last));
        long count = ranges.isEmpty() ? 0 : total;
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long[] idx = new long[ranges.size()];
                long rest = i++;
                for (int k = ranges.size() - 1; k >= 0; k--) {
                    long[] r = ranges.get(k);
                    long n = (r[1] - r[0]) / r[2] + 1;
                    idx[k] = r[0] + (rest % n) * r[2];
                    rest /= n;
                }
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < ranges.size(); k++) {
                    sb.append(literals.get(k));
                    String v = Long.toString(idx[k]);
                    sb.append("0".repeat(Math.max(0, widths.get(k) - v.length()))).append(v);
                }
                return sb.append(literals.get(ranges.size())).toString();
            }
        };
    }
}
