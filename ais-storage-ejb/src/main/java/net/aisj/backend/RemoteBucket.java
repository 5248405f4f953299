package net.aisj.backend;

import net.aisj.connector.api.BucketId;

/**
 * A bucket's remote side: the backend and the remote bucket's AIS name ({@code aws://b}). For a remote bucket it
 * is the bucket itself; for an {@code ais://} bucket with {@code backend_bck}, the backend bucket.
 */
public record RemoteBucket(Backend backend, BucketId bucket) {

    /** The bucket's name at the backend. */
    public String name() {
        return bucket.name();
    }

    /** {@code aws://b/o}: the text AIS's clients match in errors. */
    public String cname(String object) {
        return bucket.cname() + "/" + object;
    }

    /** A backend error as AIS's, naming the object ({@code object} may be null for bucket calls). */
    public RuntimeException error(BackendException e, String object) {
        return e.toAis(object == null ? bucket.cname() : cname(object), backend);
    }
}
