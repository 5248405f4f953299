package net.aisj.connector.api;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Multipart uploads (S3): parts kept beside the object until the upload completes or is aborted.
 *
 * <p>One of the roles of a {@link StorageConnection}; thread-safe like it.
 */
public interface MultipartStore {

    /**
     * Starts a multipart upload of {@code id} (S3): parts are kept on the object's mountpath until
     * {@link #completeUpload} or {@link #abortUpload}; nothing is visible before completion.
     *
     * @param custom the custom metadata the completed object gets
     * @return the upload id
     */
    String createUpload(ObjectId id, Map<String, String> custom) throws StorageException;

    /** The upload, or NOT_FOUND when it does not exist (never created, completed or aborted). */
    UploadInfo upload(ObjectId id, String uploadId) throws StorageException;

    /**
     * Stores (or replaces) part {@code number} of an upload, computing its MD5 while streaming.
     *
     * @param length the declared length, or -1; a stream that ends early fails and stores nothing
     */
    PartInfo putPart(ObjectId id, String uploadId, int number, InputStream in, long length) throws StorageException;

    /** The upload's parts in part-number order. */
    List<PartInfo> listParts(ObjectId id, String uploadId) throws StorageException;

    /** The uploads in progress on this node for objects of {@code bucket}, by object name then initiation. */
    List<UploadInfo> listUploads(BucketId bucket) throws StorageException;

    /**
     * Completes an upload: the named parts, in the given order, become the object's content (committed like a
     * PUT with {@code opts}), then the upload is removed. The caller has validated the list.
     */
    ObjectStat completeUpload(ObjectId id, String uploadId, List<Integer> parts, PutOptions opts)
            throws StorageException;

    /** Removes an upload and its parts; NOT_FOUND when it does not exist. */
    void abortUpload(ObjectId id, String uploadId) throws StorageException;
}
