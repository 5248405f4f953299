package net.aisj.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectPage;

/**
 * Merges the sorted pages that targets return for one listing request into one sorted page (what AIS's proxy does).
 *
 * <p>Correctness: each target returned either all its names after the token (its {@code nextToken} is empty) or
 * exactly {@code pageSize} of them. Taking the first {@code pageSize} names of the union never passes the last name
 * of a full page, so no target can hold an unlisted name below the merged page's last name: no gaps. Equal names
 * from several targets (an object mid-move, a directory entry) are reported once: no duplicates.
 */
public final class PageMerge {

    /** UTF-8 binary order, the order of every listing. */
    public static final Comparator<String> UTF8 =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private PageMerge() {}

    public static ObjectPage merge(List<ObjectPage> pages, int pageSize) {
        record Cursor(List<ListEntry> entries, int pos) {
            ListEntry head() {
                return entries.get(pos);
            }
        }
        PriorityQueue<Cursor> q = new PriorityQueue<>(
                (x, y) -> UTF8.compare(x.head().name(), y.head().name()));
        boolean more = false;
        for (ObjectPage p : pages) {
            if (!p.entries().isEmpty()) {
                q.add(new Cursor(p.entries(), 0));
            }
            more |= !p.nextToken().isEmpty();
        }
        List<ListEntry> out = new ArrayList<>(Math.min(pageSize, 1024));
        String last = null;
        while (!q.isEmpty() && out.size() < pageSize) {
            Cursor c = q.poll();
            ListEntry e = c.head();
            if (!e.name().equals(last)) {
                out.add(e);
                last = e.name();
            }
            if (c.pos() + 1 < c.entries().size()) {
                q.add(new Cursor(c.entries(), c.pos() + 1));
            }
        }
        // skip duplicates of the last name still queued
        while (!q.isEmpty() && q.peek().head().name().equals(last)) {
            Cursor c = q.poll();
            if (c.pos() + 1 < c.entries().size()) {
                q.add(new Cursor(c.entries(), c.pos() + 1));
            }
        }
        more |= !q.isEmpty();
        return new ObjectPage(out, more && last != null ? last : "");
    }
}
