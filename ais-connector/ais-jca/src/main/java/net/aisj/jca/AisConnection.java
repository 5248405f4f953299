package net.aisj.jca;

import java.io.InputStream;
import net.aisj.client.ClusterView;
import net.aisj.client.ListPage;
import net.aisj.client.ObjectProps;

/**
 * A connection handle to the cluster: object calls go straight to each object's owner (the Java client's smart
 * routing), everything streams. Errors are {@link net.aisj.client.AisClientException} (AIS's status and message); a
 * closed handle throws {@link IllegalStateException}. Not for sharing between threads: get one per unit of work
 * and close it (the pool keeps the physical connection).
 */
public interface AisConnection extends AutoCloseable {

    /** Creates {@code ais://bucket} (no-op when it exists). */
    void createBucket(String bucket);

    boolean bucketExists(String bucket);

    /** Stores {@code length} bytes read from {@code in} as {@code bucket/name}, streamed; the caller closes in. */
    void put(String bucket, String name, InputStream in, long length);

    void put(String bucket, String name, byte[] bytes);

    /** The object's content streamed from its owner; the caller closes the stream. */
    InputStream get(String bucket, String name);

    /** {@code length} bytes from {@code offset}, streamed. */
    InputStream get(String bucket, String name, long offset, long length);

    ObjectProps head(String bucket, String name);

    void delete(String bucket, String name);

    /** One page of the bucket's objects under {@code prefix}; {@code token} from the previous page or empty. */
    ListPage list(String bucket, String prefix, String token, int pageSize);

    /** The cluster map the connection routes by. */
    ClusterView clusterMap();

    /** The user the connection was signed on as (empty when none). */
    String user();

    /** Gives the connection back to the pool; the handle is unusable afterwards. */
    @Override
    void close();
}
