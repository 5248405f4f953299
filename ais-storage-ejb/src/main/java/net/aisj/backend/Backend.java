package net.aisj.backend;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A remote store behind a bucket (AIS's backend provider). Buckets and objects are named by the backend's own
 * bucket name; errors are {@link BackendException}s whose kind says what went wrong. Implementations are
 * thread-safe and stream: nothing is buffered whole.
 */
public interface Backend {

    /** The AIS provider name: {@code aws}, {@code ht}, {@code ais}. */
    String provider();

    /** A short description for error messages (e.g. the endpoint). */
    String describe();

    /** Whether {@link #list} works; a backend that cannot list (an HTTP origin) has its buckets list what is cached. */
    default boolean canList() {
        return true;
    }

    /**
     * Checks that the bucket exists and is reachable.
     *
     * @throws BackendException BUCKET_NOT_FOUND, UNAVAILABLE, ACCESS_DENIED
     */
    void headBucket(String bucket);

    /**
     * The object's metadata.
     *
     * @throws BackendException OBJECT_NOT_FOUND (also when the bucket is gone), UNAVAILABLE
     */
    RemoteObject headObject(String bucket, String name);

    /**
     * One page of the bucket's objects in UTF-8 binary order of names.
     *
     * @param token    the previous page's {@link RemotePage#nextToken()} (the last name it listed: the next page
     *                 starts after it), or "" for the first page
     * @param pageSize at most this many entries (the backend may return fewer)
     */
    RemotePage list(String bucket, String prefix, String token, int pageSize);

    /**
     * Opens the object's content, whole ({@code length < 0}) or a range; the caller closes the stream.
     *
     * @throws BackendException OBJECT_NOT_FOUND, UNAVAILABLE
     */
    RemoteRead get(String bucket, String name, long offset, long length);

    /**
     * Stores an object of exactly {@code length} bytes read from {@code in} (a write-through PUT).
     *
     * @return the stored object's metadata as the backend reports it (ETag, version)
     * @throws BackendException READ_ONLY for providers that take no writes, UNAVAILABLE
     */
    RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> custom);

    /**
     * Deletes the object.
     *
     * @throws BackendException OBJECT_NOT_FOUND when absent (where the backend says so), READ_ONLY, UNAVAILABLE
     */
    void delete(String bucket, String name);

    /** The buckets this backend's account sees. */
    List<String> listBuckets();
}
