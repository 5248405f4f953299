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
 * @param readBytes object bytes read from it since the node started (GETs, copies, rebalance sends)
 * @param writtenBytes object bytes written to it since the node started (PUTs, parts, copies)
 * @param badCopies copies on it found bad (checksum or size mismatch) by reads and scrubs since the node started
 */
public record MountpathInfo(
        String path,
        boolean enabled,
        String fs,
        long usedBytes,
        long totalBytes,
        boolean xattrs,
        long readBytes,
        long writtenBytes,
        long badCopies)
        implements Serializable {

    public MountpathInfo(
            String path,
            boolean enabled,
            String fs,
            long usedBytes,
            long totalBytes,
            boolean xattrs,
            long readBytes,
            long writtenBytes) {
        this(path, enabled, fs, usedBytes, totalBytes, xattrs, readBytes, writtenBytes, 0);
    }

    public MountpathInfo(String path, boolean enabled, String fs, long usedBytes, long totalBytes, boolean xattrs) {
        this(path, enabled, fs, usedBytes, totalBytes, xattrs, 0, 0, 0);
    }
}
