package net.aisj.service.archive;

import java.util.Iterator;
import java.util.List;
import net.aisj.core.AisException;
import net.aisj.core.ObjectTemplate;

/**
 * AIS {@code apc.ListRange}: objects named by a list ({@code objnames}) or a template ({@code template}) in any of
 * AIS's forms ({@link ObjectTemplate}: {@code shard-{0000..0999}.tar}, {@code {0..10..2}}, several ranges,
 * {@code @99}). A template without a range is a prefix; neither means the whole bucket. Pure value type.
 *
 * @param names    explicit names, or empty
 * @param template the template, or ""
 */
public record ListRange(List<String> names, String template) {

    /** Expansion limit: a template naming more objects than this is refused. */
    public static final long MAX_NAMES = ObjectTemplate.MAX_NAMES;

    public ListRange {
        names = names == null ? List.of() : List.copyOf(names);
        template = template == null ? "" : template;
    }

    public boolean isList() {
        return !names.isEmpty();
    }

    /** Whether the template has at least one range (else it is a prefix). */
    public boolean isRange() {
        return !parsed().isPrefixOnly();
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
        ObjectTemplate t = parsed();
        return t.isPrefixOnly() ? java.util.Collections.emptyIterator() : t.iterator();
    }

    private ObjectTemplate parsed() {
        try {
            return ObjectTemplate.parse(template, 0);
        } catch (AisException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
