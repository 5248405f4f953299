package net.aisj.connector.api;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Objects on this node: transactional writes, reads, metadata, listing, n-way copies and scrubbing.
 *
 * <p>Object writes are transactions: the object becomes visible whole or not at all, and concurrent writers of one
 * name never produce a torn object (the last commit wins whole).
 *
 * <p>One of the roles of a {@link StorageConnection}; thread-safe like it.
 */
public interface ObjectStore {

    /**
     * Stores an object (see the class contract).
     *
     * @throws StorageException BAD_CHECKSUM when {@code opts.expected()} does not match or the stream ended before
     *                          {@code opts.contentLength()}; IO when the client vanished; nothing is left behind
     */
    ObjectStat put(ObjectId id, InputStream in, PutOptions opts) throws StorageException;

    /**
     * Opens an object for reading.
     *
     * @param validate verify what the reader serves against the stored checksum: an object up to 1 MiB now (CORRUPTED
     *                 when no copy is good), a larger one while a whole-object transfer streams (its last chunk held
     *                 back: {@link ChecksumMismatchException}); a copy found bad is quarantined and repaired
     * @throws StorageException NOT_FOUND when absent
     */
    ObjectReader open(ObjectId id, boolean validate) throws StorageException;

    /** The object's metadata, or empty when absent. Does not update atime. */
    Optional<ObjectStat> stat(ObjectId id) throws StorageException;

    /** Deletes the object; false when it was absent. */
    boolean delete(ObjectId id) throws StorageException;

    /** Renames within the bucket (replacing any object of the new name). NOT_FOUND when the source is absent. */
    ObjectStat rename(ObjectId from, String newName) throws StorageException;

    /** Copies to another name/bucket on this node; the copy gets {@code opts} metadata rules. */
    ObjectStat copy(ObjectId from, ObjectId to, PutOptions opts) throws StorageException;

    /** Merges (or, with {@code replace}, replaces) the object's custom metadata. */
    ObjectStat setCustom(ObjectId id, Map<String, String> custom, boolean replace) throws StorageException;

    /**
     * Appends to a pending append (AIS {@code append_type=append}). The first call passes a null/empty handle; if the
     * object exists its content is the starting point. Nothing is visible until {@link #flushAppend}.
     *
     * @return the handle for the next append or the flush
     */
    String append(ObjectId id, String handle, InputStream in) throws StorageException;

    /** Commits a pending append as the object's new content (AIS {@code append_type=flush}). */
    ObjectStat flushAppend(ObjectId id, String handle, PutOptions opts) throws StorageException;

    /** One page of the bucket's objects on this node, merged over all mountpaths in UTF-8 binary order. */
    ObjectPage list(BucketId bucket, ListRequest request) throws StorageException;

    /**
     * Makes the object's copies exactly the first {@code n} usable mountpaths in its HRW order (n-way mirroring,
     * resilver), copying from a copy whose checksum verifies and dropping copies no longer wanted. Returns how many
     * files were written or removed. NOT_FOUND when there is no copy; CORRUPTED when every copy is bad.
     */
    int placeCopies(ObjectId id, int n) throws StorageException;

    /**
     * Reads every copy of the object and checks it against its checksum; bad copies are removed and re-made from a
     * good one. Returns how many bad copies were found. CORRUPTED when no copy is good (nothing is removed then).
     */
    int scrub(ObjectId id) throws StorageException;

    /**
     * Background mirroring counters: objects waiting, placed, failed, dropped because the queue was full, and the
     * bytes of the objects placed.
     */
    long[] copyCounters() throws StorageException;
}
