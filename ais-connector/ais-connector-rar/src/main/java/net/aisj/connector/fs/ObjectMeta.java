package net.aisj.connector.fs;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.connector.api.Checksum;

/**
 * The object's own metadata as stored with its file (AIS's LOM). The atime is not part of it: it is the file's
 * access time, set explicitly on every GET.
 *
 * @param name        the full object name (the only source of truth for hashed path components)
 * @param size        content bytes
 * @param checksum    content checksum ({@link Checksum#NONE} when the bucket keeps none)
 * @param version     decimal counter, or "" without versioning
 * @param mtimeMillis when the content was committed
 * @param custom      custom metadata, sorted by key
 * @param copies      mountpaths holding a copy, main first
 * @param chunks      null for a plain object (the file is the content); else the content continues after the file's
 *                    bytes in the listed chunk files (a completed multipart upload stored without copying)
 * @param sums        per-chunk checksums of the content ({@link ChunkSums}); null for objects without (small ones,
 *                    checksum type none, objects written before they existed: read as before)
 */
record ObjectMeta(
        String name,
        long size,
        Checksum checksum,
        String version,
        long mtimeMillis,
        Map<String, String> custom,
        List<String> copies,
        ChunkList chunks,
        ChunkSums sums) {

    ObjectMeta(
            String name,
            long size,
            Checksum checksum,
            String version,
            long mtimeMillis,
            Map<String, String> custom,
            List<String> copies,
            ChunkList chunks) {
        this(name, size, checksum, version, mtimeMillis, custom, copies, chunks, null);
    }

    ObjectMeta(
            String name,
            long size,
            Checksum checksum,
            String version,
            long mtimeMillis,
            Map<String, String> custom,
            List<String> copies) {
        this(name, size, checksum, version, mtimeMillis, custom, copies, null, null);
    }

    ObjectMeta {
        checksum = checksum == null ? Checksum.NONE : checksum;
        version = version == null ? "" : version;
        custom = custom == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(custom));
        copies = copies == null ? List.of() : List.copyOf(copies);
    }

    ObjectMeta withName(String n) {
        return new ObjectMeta(n, size, checksum, version, mtimeMillis, custom, copies, chunks, sums);
    }

    ObjectMeta withVersion(String v, long mtime) {
        return new ObjectMeta(name, size, checksum, v, mtime, custom, copies, chunks, sums);
    }

    ObjectMeta withCustom(Map<String, String> c) {
        return new ObjectMeta(name, size, checksum, version, mtimeMillis, c, copies, chunks, sums);
    }

    ObjectMeta withChunks(ChunkList c) {
        return new ObjectMeta(name, size, checksum, version, mtimeMillis, custom, copies, c, sums);
    }

    ObjectMeta withSums(ChunkSums s) {
        return new ObjectMeta(name, size, checksum, version, mtimeMillis, custom, copies, chunks, s);
    }

    /** Bytes held by the object file itself (all of them unless chunked). */
    long headSize() {
        return chunks == null ? size : size - chunks.total();
    }

    ObjectMeta withCopies(List<String> c) {
        return new ObjectMeta(name, size, checksum, version, mtimeMillis, custom, c, chunks, sums);
    }
}
