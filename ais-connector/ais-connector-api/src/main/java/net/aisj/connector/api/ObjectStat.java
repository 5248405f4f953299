package net.aisj.connector.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What is known of a stored object (AIS's LOM as callers see it).
 *
 * @param name       the full object name
 * @param size       bytes
 * @param checksum   the checksum stored with the object ({@link Checksum#NONE} if the bucket keeps none)
 * @param version    decimal version counter ("1" on first PUT), or "" when versioning is off
 * @param atimeNanos last access, unix nanoseconds
 * @param mtimeMillis last modification of the content, unix milliseconds
 * @param custom     custom metadata (user keys, ETag, ...), never null
 * @param mountpath  the mountpath holding the main copy
 * @param copies     all mountpaths holding a copy (main first)
 */
public record ObjectStat(
        String name,
        long size,
        Checksum checksum,
        String version,
        long atimeNanos,
        long mtimeMillis,
        Map<String, String> custom,
        String mountpath,
        List<String> copies)
        implements Serializable {

    public ObjectStat {
        custom = custom == null ? Map.of() : Map.copyOf(custom);
        copies = copies == null ? List.of() : List.copyOf(copies);
        checksum = checksum == null ? Checksum.NONE : checksum;
        version = version == null ? "" : version;
    }
}
