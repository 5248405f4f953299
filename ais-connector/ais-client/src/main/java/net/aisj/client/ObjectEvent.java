package net.aisj.client;

import java.io.Serializable;
import net.aisj.connector.api.BucketId;

/**
 * An object created or deleted on a target, as its event journal recorded it.
 *
 * @param node the target that recorded it (the object's owner at the time)
 * @param seq its position in that target's journal (increasing, never reused within one journal epoch)
 * @param kind {@link #CREATED} or {@link #DELETED}
 * @param size the object's size (0 for a delete)
 * @param version the object's version when the bucket keeps versions, else empty
 * @param time when it was recorded, Unix milliseconds
 */
public record ObjectEvent(
        String node, long seq, String kind, BucketId bucket, String name, long size, String version, long time)
        implements Serializable {

    public static final String CREATED = "created";
    public static final String DELETED = "deleted";

    private static final long serialVersionUID = 1L;
}
