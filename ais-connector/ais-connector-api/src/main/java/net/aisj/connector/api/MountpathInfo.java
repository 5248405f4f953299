package net.aisj.connector.api;

import java.io.Serializable;

/**
 * A mountpath as the node reports it.
 *
 * @param path      absolute, normalised path (the string HRW digests)
 * @param enabled   usable for I/O
 * @param fs        file system type (e.g. ext4), or "" when unknown
 * @param usedBytes bytes used on the file system
 * @param totalBytes file system capacity
 * @param xattrs    whether object metadata lives in extended attributes (else side files)
 */
public record MountpathInfo(String path, boolean enabled, String fs, long usedBytes, long totalBytes, boolean xattrs)
        implements Serializable {
}
