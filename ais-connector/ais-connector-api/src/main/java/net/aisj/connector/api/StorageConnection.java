package net.aisj.connector.api;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.connector.api.ec.Spooled;

/**
 * A handle to the node's storage engine (mountpaths, object files and their metadata). Obtained from
 * {@link StorageConnectionFactory}; close it when done (try-with-resources). Calls are synchronous and may be made
 * from any thread; the engine behind is shared and thread-safe.
 *
 * <p>Object writes are transactions: the object becomes visible whole or not at all, and concurrent writers of one
 * name never produce a torn object (the last commit wins whole).
 */
public interface StorageConnection extends AutoCloseable {

    /**
     * Opens the node's mountpaths (creating the directories and the on-disk volume record if needed) and starts the
     * background workers. Idempotent for the same arguments.
     *
     * @param configuredNodeId the operator's node id, or null/empty to use the one on disk (generating one if none)
     * @param mountpaths       directories; at least one
     * @return the node's identity and mountpaths
     * @throws StorageException UNAVAILABLE if no mountpath is usable, BAD_REQUEST if the configured id conflicts with
     *                          the one on disk
     */
    NodeVolume open(String configuredNodeId, List<String> mountpaths) throws StorageException;

    /** The node's identity and current mountpath state. */
    NodeVolume volume() throws StorageException;

    /** True when the engine is open and at least one mountpath is usable for reads and writes. */
    boolean healthy();

    /** Creates the bucket's directories on every mountpath. Idempotent. */
    void createBucket(BucketId bucket) throws StorageException;

    /** Removes the bucket's data from every mountpath. Idempotent. */
    void destroyBucket(BucketId bucket) throws StorageException;

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
     * Starts a multipart upload of {@code id} (S3): parts are kept on the object's mountpath until
     * {@link #completeUpload} or {@link #abortUpload}; nothing is visible before completion.
     *
     * @param custom the custom metadata the completed object gets
     * @return the upload id
     */
    default String createUpload(ObjectId id, Map<String, String> custom) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "multipart uploads are not supported");
    }

    /** The upload, or NOT_FOUND when it does not exist (never created, completed or aborted). */
    default UploadInfo upload(ObjectId id, String uploadId) throws StorageException {
        throw new StorageException(StorageException.Reason.NOT_FOUND, "no upload " + uploadId);
    }

    /**
     * Stores (or replaces) part {@code number} of an upload, computing its MD5 while streaming.
     *
     * @param length the declared length, or -1; a stream that ends early fails and stores nothing
     */
    default PartInfo putPart(ObjectId id, String uploadId, int number, InputStream in, long length)
            throws StorageException {
        throw new StorageException(StorageException.Reason.NOT_FOUND, "no upload " + uploadId);
    }

    /** The upload's parts in part-number order. */
    default List<PartInfo> listParts(ObjectId id, String uploadId) throws StorageException {
        throw new StorageException(StorageException.Reason.NOT_FOUND, "no upload " + uploadId);
    }

    /** The uploads in progress on this node for objects of {@code bucket}, by object name then initiation. */
    default List<UploadInfo> listUploads(BucketId bucket) throws StorageException {
        return List.of();
    }

    /**
     * Completes an upload: the named parts, in the given order, become the object's content (committed like a
     * PUT with {@code opts}), then the upload is removed. The caller has validated the list.
     */
    default ObjectStat completeUpload(ObjectId id, String uploadId, List<Integer> parts, PutOptions opts)
            throws StorageException {
        throw new StorageException(StorageException.Reason.NOT_FOUND, "no upload " + uploadId);
    }

    /** Removes an upload and its parts; NOT_FOUND when it does not exist. */
    default void abortUpload(ObjectId id, String uploadId) throws StorageException {
        throw new StorageException(StorageException.Reason.NOT_FOUND, "no upload " + uploadId);
    }

    /**
     * Writes a small metadata document (e.g. "bmd", "smap") to every usable mountpath, atomically per mountpath.
     */
    void storeMeta(String name, byte[] content) throws StorageException;

    /** The copies of a metadata document found on the mountpaths (possibly different versions). */
    List<byte[]> loadMeta(String name) throws StorageException;

    @Override
    void close();

    /**
     * Makes the object's copies exactly the first {@code n} usable mountpaths in its HRW order (n-way mirroring,
     * resilver), copying from a copy whose checksum verifies and dropping copies no longer wanted. Returns how many
     * files were written or removed. NOT_FOUND when there is no copy; CORRUPTED when every copy is bad.
     */
    default int placeCopies(ObjectId id, int n) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "copies are not supported");
    }

    /**
     * Reads every copy of the object and checks it against its checksum; bad copies are removed and re-made from a
     * good one. Returns how many bad copies were found. CORRUPTED when no copy is good (nothing is removed then).
     */
    default int scrub(ObjectId id) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "scrub is not supported");
    }

    /**
     * The engine's work lane {@code name} on the resource adapter's WorkManager, created with at most
     * {@code workers} concurrent workers on first use (see {@link WorkLane}); the lane outlives this connection.
     */
    default WorkLane workLane(String name, int workers) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "work lanes are not supported");
    }

    /**
     * Background mirroring counters: objects waiting, placed, failed, dropped because the queue was full, and the
     * bytes of the objects placed.
     */
    default long[] copyCounters() throws StorageException {
        return new long[5];
    }

    /** Counts mountpath changes (attach, detach, enable, disable, health-check failures) since open. */
    default long mountpathGeneration() throws StorageException {
        return 0;
    }

    /** Adds a mountpath at run time (AIS {@code attach-mp}). */
    default NodeVolume attachMountpath(String path) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "mountpath changes are not supported");
    }

    /** Stops using a mountpath (AIS {@code detach-mp}); its files stay on disk. */
    default NodeVolume detachMountpath(String path) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "mountpath changes are not supported");
    }

    /** Enables or disables a mountpath (AIS {@code enable-mp}, {@code disable-mp}); disabled ones stay readable. */
    default NodeVolume enableMountpath(String path, boolean on) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "mountpath changes are not supported");
    }

    /** Runs the filesystem health check now; returns the mountpaths it disabled. */
    default List<String> checkMountpaths() throws StorageException {
        return List.of();
    }

    // ------------------------------------------------------------------ erasure coding (see package api.ec)

    /**
     * Stores a slice or full replica of {@code id} that this target holds for the object's main target, with its
     * metafile, atomically (content, then metafile). The content is verified while it streams in: a slice against
     * {@link net.aisj.connector.api.ec.EcMeta#sliceChecksum}, a replica against the object checksum (BAD_CHECKSUM,
     * nothing stored). An older generation is replaced; a newer one already here wins (returns false).
     */
    default boolean putSlice(ObjectId id, EcMeta meta, InputStream in)
            throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "erasure coding is not supported");
    }

    /** Writes the main target's metafile of {@code id} (no content: the object is the content). */
    default void putEcMeta(ObjectId id, EcMeta meta) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "erasure coding is not supported");
    }

    /** This target's metafile of {@code id} (main or holder), or empty. A damaged metafile reads as empty. */
    default Optional<EcMeta> ecMeta(ObjectId id) throws StorageException {
        return Optional.empty();
    }

    /** Opens the slice or replica this target holds for {@code id}; NOT_FOUND when it holds none. */
    default EcSlice openSlice(ObjectId id) throws StorageException {
        throw new StorageException(StorageException.Reason.NOT_FOUND, "no slice of " + id.cname());
    }

    /**
     * Checks the slice or replica held here against its metafile (size and checksum, reading it whole); one that
     * does not match is removed (so it is re-sent) and false returned. True when it matches or none is held.
     */
    default boolean verifySlice(ObjectId id) throws StorageException {
        return true;
    }

    /**
     * Removes this target's slice or replica and metafile of {@code id}; with {@code onlyGeneration} > 0, only if
     * the metafile is of that generation. False when there was nothing to remove.
     */
    default boolean deleteEc(ObjectId id, long onlyGeneration) throws StorageException {
        return false;
    }

    /** The metafiles of the slices and replicas this target holds in {@code bucket} (not those of main objects). */
    default List<EcMeta> listSlices(BucketId bucket) throws StorageException {
        return List.of();
    }

    /**
     * Encodes the object as it is now into D data and P parity slices held as work files (streaming from the
     * object file, no whole-object buffering). Returns the slices by index 0..D+P-1 (slice id - 1); the caller
     * releases them. {@code stat} receives the object's metadata as encoded.
     */
    default List<Spooled> ecEncode(ObjectId id, int dataSlices, int paritySlices,
                                                            ObjectStat[] stat) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "erasure coding is not supported");
    }

    /**
     * Copies {@code in} to a work file ({@code length} bytes, or until the end when -1), computing its xxhash2.
     * IO or BAD_CHECKSUM (length mismatch); nothing is kept on failure.
     */
    default Spooled spool(InputStream in, long length) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "erasure coding is not supported");
    }

    /** Reads a work file from {@link #spool} or {@link #ecEncode}; NOT_FOUND once released. */
    default InputStream openSpooled(String token) throws StorageException {
        throw new StorageException(StorageException.Reason.NOT_FOUND, "no work file " + token);
    }

    /** Deletes a work file; idempotent. */
    default void releaseSpooled(String token) {
    }

    /**
     * Rebuilds the object from at least D of its slices (work files by index 0..D+P-1, null when missing; each
     * already verified by the caller) and commits it like a PUT with {@code opts} (version, checksum verified
     * against {@code meta}'s object checksum: CORRUPTED and nothing stored on mismatch).
     */
    default ObjectStat ecDecode(ObjectId id, EcMeta meta, String[] sliceTokens,
                                PutOptions opts) throws StorageException {
        throw new StorageException(StorageException.Reason.BAD_REQUEST, "erasure coding is not supported");
    }

    /**
     * Creates an empty scratch file for a job (e.g. dsort's spilled records) on a usable mountpath, round-robin;
     * {@code prefix} names the job in the file name. The caller closes it (which deletes it).
     *
     * @throws StorageException UNAVAILABLE when no mountpath is usable, IO when the file cannot be created
     */
    default ScratchFile createScratch(String prefix) throws StorageException {
        throw new StorageException(StorageException.Reason.UNAVAILABLE, "scratch files are not supported");
    }
}
