package net.aisj.web.s3;

import java.util.ArrayList;
import java.util.List;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectPage;

/**
 * S3 listing semantics over the native sorted listing: keys after a marker, grouped into CommonPrefixes by any
 * delimiter string, at most {@code maxKeys} items (keys + prefixes). Once a common prefix is reported, the walk
 * skips its whole subtree: within a page by name, across pages by restarting after prefix + U+10FFFF (the largest
 * code point, so in UTF-8 order every name under the prefix but a few pathological ones sorts before it; those are
 * skipped by name). With the delimiter "/" the native no-recursion listing does the grouping on the targets.
 * Pure; not thread-safe per instance (there is none: one static call per listing).
 */
public final class ListingWalker {

    /** Past every name that starts with a prefix, in UTF-8 order (U+10FFFF). */
    static final String MAX_CHAR = "\uDBFF\uDFFF";

    /** Where the native pages come from (ObjectListing.list in production). */
    @FunctionalInterface
    public interface PageSource {
        ObjectPage page(String prefix, String startAfter, int pageSize, boolean noRecursion);
    }

    /**
     * One S3 page.
     *
     * @param keys      the objects listed (with their stat unless the source is name-only)
     * @param prefixes  the common prefixes, in order
     * @param truncated whether more items follow
     * @param last      the last key or prefix returned ("" when none): the next marker/continuation point
     */
    public record Result(List<ListEntry> keys, List<String> prefixes, boolean truncated, String last) {}

    private ListingWalker() {}

    /**
     * @param marker exclusive start ("" for none); a marker that is itself a common prefix of this listing skips
     *               that prefix's whole subtree (it was returned last time)
     */
    public static Result walk(PageSource src, String prefix, String delimiter, String marker, int maxKeys) {
        if (maxKeys <= 0) {
            // S3 answers max-keys=0 with an empty page that is not truncated
            return new Result(List.of(), List.of(), false, "");
        }
        String delim = delimiter == null ? "" : delimiter;
        List<ListEntry> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = "";
        String skip = isCommonPrefix(marker, prefix, delim) ? marker : null;
        String cursor = skip != null ? marker + MAX_CHAR : marker;
        boolean noRecursion = delim.equals("/");
        while (true) {
            int want = Math.min(1000, Math.max(0, maxKeys - keys.size() - prefixes.size())) + 1;
            ObjectPage page = src.page(prefix, cursor, want, noRecursion);
            for (ListEntry e : page.entries()) {
                String name = e.name();
                if (skip != null && name.startsWith(skip)) {
                    continue;
                }
                int idx = delim.isEmpty() ? -1 : name.indexOf(delim, prefix.length());
                boolean full = keys.size() + prefixes.size() >= maxKeys;
                if (idx >= 0) {
                    if (full) {
                        return new Result(keys, prefixes, true, last);
                    }
                    String cp = name.substring(0, idx + delim.length());
                    prefixes.add(cp);
                    last = cp;
                    skip = cp;
                } else {
                    if (full) {
                        return new Result(keys, prefixes, true, last);
                    }
                    if (!e.dir()) {
                        keys.add(e);
                        last = name;
                    }
                }
            }
            if (page.nextToken().isEmpty()) {
                return new Result(keys, prefixes, false, last);
            }
            cursor = page.nextToken();
            if (skip != null && cursor.startsWith(skip)) {
                cursor = skip + MAX_CHAR;
            }
        }
    }

    /** Whether {@code marker} is a common prefix of this listing (ends with the first delimiter after prefix). */
    static boolean isCommonPrefix(String marker, String prefix, String delim) {
        if (marker.isEmpty() || delim.isEmpty() || !marker.startsWith(prefix)) {
            return false;
        }
        int idx = marker.indexOf(delim, prefix.length());
        return idx >= 0 && idx + delim.length() == marker.length();
    }
}
