package net.aisj.connector.api;

import java.io.Serializable;
import java.util.Objects;

/** An object: its bucket and its (already validated) name. */
public record ObjectId(BucketId bucket, String name) implements Serializable {

    public ObjectId {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(name, "name");
    }

    public String uname() {
        return bucket.uname(name);
    }

    /** {@code ais://bucket/object}, as AIS writes it in messages. */
    public String cname() {
        return bucket.cname() + "/" + name;
    }

    @Override
    public String toString() {
        return cname();
    }
}
