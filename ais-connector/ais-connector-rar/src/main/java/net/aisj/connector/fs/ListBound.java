package net.aisj.connector.fs;

/**
 * Which names a listing still wants: those starting with {@code prefix} and greater than {@code after}; with
 * {@code excludeUnder} also none that start with {@code after} (after a no-recursion "directory" {@code after}
 * has been reported). Decides for whole subtrees without reading them. Mutable (the lister moves it forward);
 * confined to one listing.
 */
final class ListBound {

    final String prefix;
    private String after;
    private boolean excludeUnder;

    ListBound(String prefix, String after, boolean excludeUnder) {
        this.prefix = prefix;
        this.after = after;
        this.excludeUnder = excludeUnder;
    }

    /**
     * The bound for a request. In a no-recursion listing a {@code startAfter} below a "directory" of the prefix
     * (e.g. {@code a/b/c} for prefix {@code a/}) excludes that whole directory: it has been reported already.
     */
    static ListBound of(String prefix, String startAfter, boolean noRecursion) {
        if (noRecursion && startAfter.startsWith(prefix)) {
            int slash = startAfter.indexOf('/', prefix.length());
            if (slash >= 0) {
                return new ListBound(prefix, startAfter.substring(0, slash + 1), true);
            }
        }
        return new ListBound(prefix, startAfter, false);
    }

    /** The exclusive lower bound ("" for none). */
    String after() {
        return after;
    }

    /** Moves past a reported no-recursion directory {@code dir} (ends with '/') and everything below it. */
    void skipUnder(String dir) {
        after = dir;
        excludeUnder = true;
    }

    boolean accepts(String name) {
        return name.startsWith(prefix) && Utf8Order.cmp(name, after) > 0 && !(excludeUnder && name.startsWith(after));
    }

    /** True when no name below directory {@code dir} (which ends with '/') can be wanted. */
    boolean skipsDir(String dir) {
        if (!dir.startsWith(prefix) && !prefix.startsWith(dir)) {
            return true;
        }
        if (excludeUnder && dir.startsWith(after)) {
            return true;
        }
        // every name under dir is <= after iff after > dir and after does not extend dir
        return !after.isEmpty() && Utf8Order.cmp(after, dir) > 0 && !after.startsWith(dir);
    }
}
