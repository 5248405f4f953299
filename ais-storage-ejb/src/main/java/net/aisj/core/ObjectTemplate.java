package net.aisj.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AIS's object-name templates for multi-object operations: bash-style ranges {@code prefix-{0000..9999}.tar} (with
 * an optional step, {@code {0..100..2}}, several ranges expand as nested loops, the first outermost), at-style
 * {@code prefix-@100} (0..100, zero-padded to the digits given), and fmt-style {@code prefix-%06d} (0 upwards, only
 * with a limit). A template without a range is a prefix. Names are produced lazily, in order. Immutable.
 */
public final class ObjectTemplate implements Iterable<String> {

    /** At most this many names may come out of one template. */
    public static final long MAX_NAMES = 10_000_000L;

    private static final Pattern BASH = Pattern.compile("\\{(\\d+)\\.\\.(\\d+)(?:\\.\\.(\\d+))?}");
    private static final Pattern AT = Pattern.compile("@(\\d+)");
    private static final Pattern FMT = Pattern.compile("%(0\\d+)?d");

    /** One numeric range and the literal text that follows it. */
    private record Range(long start, long end, long step, int digits, String gap) {
        long count() {
            return (end - start) / step + 1;
        }

        String format(long i) {
            String n = Long.toString(start + i * step);
            return n.length() >= digits ? n : "0".repeat(digits - n.length()) + n;
        }
    }

    private final String template;
    private final String prefix;
    private final List<Range> ranges;

    private ObjectTemplate(String template, String prefix, List<Range> ranges) {
        this.template = template;
        this.prefix = prefix;
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Parses a template. {@code fmtLimit} bounds fmt-style ranges ({@code %06d}: names 0..fmtLimit-1).
     *
     * @throws AisException BAD_REQUEST for a malformed range (end before start, step 0, too many names)
     */
    public static ObjectTemplate parse(String template, long fmtLimit) {
        if (template == null) {
            throw AisException.badRequest("missing template");
        }
        List<Range> ranges = new ArrayList<>();
        String prefix;
        Matcher m = BASH.matcher(template);
        if (m.find()) {
            prefix = template.substring(0, m.start());
            m.reset();
            List<int[]> spans = new ArrayList<>();
            List<String[]> nums = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
                nums.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
            for (int i = 0; i < spans.size(); i++) {
                String gap = template.substring(
                        spans.get(i)[1], i + 1 < spans.size() ? spans.get(i + 1)[0] : template.length());
                String[] n = nums.get(i);
                long start = num(n[0], template);
                long end = num(n[1], template);
                long step = n[2] == null ? 1 : num(n[2], template);
                int digits = n[0].length() > 1 && n[0].startsWith("0") ? n[0].length() : 0;
                ranges.add(check(new Range(start, end, step, digits, gap), template));
            }
        } else if ((m = AT.matcher(template)).find()) {
            prefix = template.substring(0, m.start());
            m.reset();
            List<int[]> spans = new ArrayList<>();
            List<String> nums = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
                nums.add(m.group(1));
            }
            for (int i = 0; i < spans.size(); i++) {
                String gap = template.substring(
                        spans.get(i)[1], i + 1 < spans.size() ? spans.get(i + 1)[0] : template.length());
                ranges.add(check(
                        new Range(0, num(nums.get(i), template), 1, nums.get(i).length(), gap), template));
            }
        } else if ((m = FMT.matcher(template)).find() && template.indexOf('%', m.end()) < 0) {
            prefix = template.substring(0, m.start());
            int digits = m.group(1) == null ? 0 : Integer.parseInt(m.group(1).substring(1));
            if (fmtLimit < 1) {
                throw AisException.badRequest("template \"" + template + "\" has no end (use {a..b} or @n)");
            }
            ranges.add(check(new Range(0, fmtLimit - 1, 1, digits, template.substring(m.end())), template));
        } else {
            prefix = template;
        }
        ObjectTemplate t = new ObjectTemplate(template, prefix, ranges);
        if (t.count() > MAX_NAMES) {
            throw AisException.badRequest(
                    "template \"" + template + "\" expands to " + t.count() + " names (at most " + MAX_NAMES + ")");
        }
        return t;
    }

    private static long num(String s, String template) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw AisException.badRequest("invalid number \"" + s + "\" in template \"" + template + "\"");
        }
    }

    private static Range check(Range r, String template) {
        if (r.step() <= 0 || r.end() < r.start()) {
            throw AisException.badRequest("invalid range in template \"" + template + "\" (start " + r.start()
                    + ", end " + r.end() + ", step " + r.step() + ")");
        }
        return r;
    }

    /** No range: the template selects every name starting with it. */
    public boolean isPrefixOnly() {
        return ranges.isEmpty();
    }

    public String prefix() {
        return prefix;
    }

    /** How many names it expands to (1 for a prefix-only template, which is not expanded). */
    public long count() {
        long n = 1;
        for (Range r : ranges) {
            n = Math.multiplyExact(n, r.count());
        }
        return n;
    }

    @Override
    public Iterator<String> iterator() {
        if (ranges.isEmpty()) {
            return List.of(prefix).iterator();
        }
        return new Iterator<>() {
            private final long[] idx = new long[ranges.size()];
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public String next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                StringBuilder b = new StringBuilder(prefix);
                for (int i = 0; i < ranges.size(); i++) {
                    b.append(ranges.get(i).format(idx[i])).append(ranges.get(i).gap());
                }
                int i = ranges.size() - 1;
                while (i >= 0 && ++idx[i] == ranges.get(i).count()) {
                    idx[i] = 0;
                    i--;
                }
                done = i < 0;
                return b.toString();
            }
        };
    }

    @Override
    public String toString() {
        return template;
    }
}
