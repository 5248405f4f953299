package net.aisj.core;

import java.util.List;

/**
 * The objects a prefetch or evict selects (AIS {@code ListRange} / {@code PrefetchMsg}): a list of names, or a
 * template ({@code "shard-{0000..0999}.tar"}; one without a range is a prefix, and "" means the whole bucket).
 *
 * @param names    the names, or null when a template selects
 * @param template the template, or "" ("": every object)
 * @param latest   prefetch: also re-fetch cached objects that changed remotely ({@code latest-ver})
 */
public record CacheListRange(List<String> names, String template, boolean latest) {

    public CacheListRange {
        names = names == null ? null : List.copyOf(names);
        template = template == null ? "" : template;
    }
}
