package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import net.aisj.connector.api.BucketId;
import net.aisj.core.PromoteRequest;
import net.aisj.core.PromoteScan;

/**
 * A promote between nodes (both sides of one contract): the start message every chosen target gets (the request,
 * the bucket's provider and namespace, whether the source is a confirmed file share), the scan request, and a
 * target's scan answer.
 */
public final class PromoteJson {

    private PromoteJson() {}

    /** A target's part as read back: the bucket, the request, and whether the targets split the files by owner. */
    public record Start(BucketId bucket, PromoteRequest request, boolean shared) {}

    public static JsonObject write(BucketId bucket, PromoteRequest r, boolean shared) {
        return Json.createObjectBuilder()
                .add("provider", bucket.provider())
                .add("namespace", bucket.namespace())
                .add("src", r.source())
                .add("obj", r.objectName())
                .add("tid", r.targetId())
                .add("rcr", r.recursive())
                .add("ovw", r.overwrite())
                .add("dls", r.deleteSource())
                .add("notshr", r.notShared())
                .add("shared", shared)
                .build();
    }

    /** Reads what {@link #write} wrote; {@code bucketName} comes with the intra call. */
    public static Start read(String bucketName, JsonObject o) {
        BucketId bucket = new BucketId(text(o, "provider", BucketId.AIS), text(o, "namespace", ""), bucketName);
        return new Start(bucket, request(o), o.get("shared") == JsonValue.TRUE);
    }

    /** The body of a scan call: the request alone. */
    public static JsonObject writeRequest(PromoteRequest r) {
        return write(BucketId.ais("-"), r, false);
    }

    /** Reads the request of a scan call or a start message. */
    public static PromoteRequest request(JsonObject o) {
        return new PromoteRequest(
                text(o, "src", ""),
                text(o, "obj", ""),
                text(o, "tid", ""),
                o.get("rcr") == JsonValue.TRUE,
                o.get("ovw") == JsonValue.TRUE,
                o.get("dls") == JsonValue.TRUE,
                o.get("notshr") == JsonValue.TRUE);
    }

    public static JsonObject writeScan(PromoteScan s) {
        return Json.createObjectBuilder()
                .add("files", s.files())
                .add("digest", s.digest())
                .build();
    }

    public static PromoteScan readScan(JsonObject o) {
        long files = o.get("files") instanceof JsonNumber n ? n.longValue() : -1;
        return new PromoteScan(files, text(o, "digest", ""));
    }

    private static String text(JsonObject o, String key, String dflt) {
        return o.get(key) instanceof JsonString s ? s.getString() : dflt;
    }
}
