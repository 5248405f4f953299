package net.aisj.connector.api;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.connector.api.ec.Spooled;

/**
 * Erasure coding on this node (see package {@code api.ec}): slices and replicas held for other targets, metafiles,
 * encoding an object into slices, rebuilding one from them, and the work files in between.
 *
 * <p>One of the roles of a {@link StorageConnection}; thread-safe like it.
 */
public interface EcStore {

    /**
     * Stores a slice or full replica of {@code id} that this target holds for the object's main target, with its
     * metafile, atomically (content, then metafile). The content is verified while it streams in: a slice against
     * {@link net.aisj.connector.api.ec.EcMeta#sliceChecksum}, a replica against the object checksum (BAD_CHECKSUM,
     * nothing stored). An older generation is replaced; a newer one already here wins (returns false).
     */
    boolean putSlice(ObjectId id, EcMeta meta, InputStream in) throws StorageException;

    /** Writes the main target's metafile of {@code id} (no content: the object is the content). */
    void putEcMeta(ObjectId id, EcMeta meta) throws StorageException;

    /** This target's metafile of {@code id} (main or holder), or empty. A damaged metafile reads as empty. */
    Optional<EcMeta> ecMeta(ObjectId id) throws StorageException;

    /** Opens the slice or replica this target holds for {@code id}; NOT_FOUND when it holds none. */
    EcSlice openSlice(ObjectId id) throws StorageException;

    /**
     * Checks the slice or replica held here against its metafile (size and checksum, reading it whole); one that
     * does not match is removed (so it is re-sent) and false returned. True when it matches or none is held.
     */
    boolean verifySlice(ObjectId id) throws StorageException;

    /**
     * Removes this target's slice or replica and metafile of {@code id}; with {@code onlyGeneration} > 0, only if
     * the metafile is of that generation. False when there was nothing to remove.
     */
    boolean deleteEc(ObjectId id, long onlyGeneration) throws StorageException;

    /** The metafiles of the slices and replicas this target holds in {@code bucket} (not those of main objects). */
    List<EcMeta> listSlices(BucketId bucket) throws StorageException;

    /**
     * Encodes the object as it is now into D data and P parity slices held as work files (streaming from the
     * object file, no whole-object buffering). Returns the slices by index 0..D+P-1 (slice id - 1); the caller
     * releases them. {@code stat} receives the object's metadata as encoded.
     */
    List<Spooled> ecEncode(ObjectId id, int dataSlices, int paritySlices, ObjectStat[] stat) throws StorageException;

    /**
     * Copies {@code in} to a work file ({@code length} bytes, or until the end when -1), computing its xxhash2.
     * IO or BAD_CHECKSUM (length mismatch); nothing is kept on failure.
     */
    Spooled spool(InputStream in, long length) throws StorageException;

    /** Reads a work file from {@link #spool} or {@link #ecEncode}; NOT_FOUND once released. */
    InputStream openSpooled(String token) throws StorageException;

    /** Deletes a work file; idempotent. */
    void releaseSpooled(String token);

    /**
     * Rebuilds the object from at least D of its slices (work files by index 0..D+P-1, null when missing; each
     * already verified by the caller) and commits it like a PUT with {@code opts} (version, checksum verified
     * against {@code meta}'s object checksum: CORRUPTED and nothing stored on mismatch).
     */
    ObjectStat ecDecode(ObjectId id, EcMeta meta, String[] sliceTokens, PutOptions opts) throws StorageException;
}
