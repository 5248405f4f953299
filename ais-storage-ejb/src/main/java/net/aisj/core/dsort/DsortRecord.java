package net.aisj.core.dsort;

import java.util.List;

/**
 * One record: the files of an input shard that share a name up to their extension (WebDataset: {@code a/x.jpg} and
 * {@code a/x.cls} are record {@code a/x}). Its content stays where it was extracted: in {@code holder}'s scratch
 * file, each part at an offset. {@code shard} and {@code position} say where it came from (input template index,
 * order inside the shard); {@code contentKey} is the key file's text for content ordering (else empty).
 * Immutable.
 */
public record DsortRecord(
        String name, String holder, int shard, int position, long mtimeMillis, List<Part> parts, String contentKey) {

    /** One file of a record: its extension (from the first dot of the base name, may be empty) and location. */
    public record Part(String ext, long offset, long size) {}

    public DsortRecord {
        parts = List.copyOf(parts);
        contentKey = contentKey == null ? "" : contentKey;
    }

    /** Bytes of content (what the output shard size counts). */
    public long size() {
        long n = 0;
        for (Part p : parts) {
            n += p.size();
        }
        return n;
    }

    /**
     * Splits a member name into record name and extension: the extension starts at the first dot of the last path
     * element ({@code a.b/x.seg.jpg} is record {@code a.b/x}, extension {@code .seg.jpg}).
     */
    public static String[] split(String member) {
        int slash = member.lastIndexOf('/');
        int dot = member.indexOf('.', slash + 1);
        if (dot <= slash + 1) {
            return new String[] {member, ""};
        }
        return new String[] {member.substring(0, dot), member.substring(dot)};
    }
}
