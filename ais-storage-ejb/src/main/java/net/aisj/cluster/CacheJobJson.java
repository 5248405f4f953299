package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.core.BlobRequest;
import net.aisj.core.CacheListRange;

/**
 * The start message of a prefetch or evict job that a node sends every target ({@link #write} / {@link #read},
 * both sides of one contract): the bucket's provider and namespace (the intra call carries only its name) and the
 * selection.
 */
public final class CacheJobJson {

    private CacheJobJson() {}

    /** A job's bucket and selection, as read back. */
    public record Start(BucketId bucket, CacheListRange range) {}

    public static JsonObject write(BucketId bucket, CacheListRange r) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("provider", bucket.provider())
                .add("namespace", bucket.namespace())
                .add("latest", r.latest());
        if (r.names() != null) {
            b.add("objnames", Json.createArrayBuilder(r.names()));
        } else {
            b.add("template", r.template());
        }
        return b.build();
    }

    /** Reads what {@link #write} wrote; {@code bucketName} comes with the intra call. */
    public static Start read(String bucketName, JsonObject o) {
        String prov = o.get("provider") instanceof JsonString s ? s.getString() : BucketId.AIS;
        String ns = o.get("namespace") instanceof JsonString s ? s.getString() : "";
        List<String> names = o.get("objnames") instanceof JsonArray arr
                ? arr.getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()
                : null;
        String template = o.get("template") instanceof JsonString t ? t.getString() : "";
        return new Start(
                new BucketId(prov, ns, bucketName), new CacheListRange(names, template, o.getBoolean("latest", false)));
    }
    /** A {@code blob-download}'s bucket and message, as read back. */
    public record Blob(BucketId bucket, BlobRequest request) {}

    /** The start message of a {@code blob-download} sent to the object's owner. */
    public static JsonObject writeBlob(BucketId bucket, BlobRequest r) {
        return Json.createObjectBuilder()
                .add("provider", bucket.provider())
                .add("namespace", bucket.namespace())
                .add("name", r.object())
                .add("chunk-size", r.chunkSize())
                .add("num-workers", r.numWorkers())
                .add("latest-ver", r.latest())
                .build();
    }

    /** Reads what {@link #writeBlob} wrote; {@code bucketName} comes with the intra call. */
    public static Blob readBlob(String bucketName, JsonObject o) {
        String prov = o.get("provider") instanceof JsonString s ? s.getString() : BucketId.AIS;
        String ns = o.get("namespace") instanceof JsonString s ? s.getString() : "";
        return new Blob(
                new BucketId(prov, ns, bucketName),
                new BlobRequest(
                        o.getString("name", ""),
                        o.getJsonNumber("chunk-size").longValue(),
                        o.getInt("num-workers"),
                        o.getBoolean("latest-ver", false)));
    }
}
