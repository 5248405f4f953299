package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.aisj.core.AisException;
import net.aisj.core.BlobRequest;
import net.aisj.core.PromoteRequest;
import net.aisj.service.PromoteService;
import net.aisj.service.cache.BlobDownloads;
import net.aisj.web.nat.json.ActMsg;

/**
 * {@code POST /v1/objects/{bucket}}: the object actions addressed to a bucket. Each answers the job id as text.
 *
 * <ul>
 *   <li>{@code blob-download} (AIS {@code api.BlobDownload}): the object in {@code name}, AIS's {@code BlobMsg}
 *       ({@code chunk-size}, {@code num-workers}, {@code latest-ver}) in {@code value};
 *   <li>{@code promote} (AIS {@code api.Promote}): the source in {@code name} and/or {@code value.src}, AIS's
 *       {@code PromoteArgs} ({@code obj}, {@code tid}, {@code rcr}, {@code ovw}, {@code dls}, {@code notshr}).
 * </ul>
 */
@Path("v1/objects/{bucket}")
public class BucketObjectsResource {

    @Inject
    BlobDownloads blobs;

    @Inject
    PromoteService promote;

    @POST
    public Response post(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            String body) {
        ActMsg msg = ActMsg.parse(body);
        String id = switch (msg.action()) {
            case "blob-download" -> blobs.start(Bck.of(bucket, provider, ns), blob(msg));
            case "promote" -> promote.start(Bck.of(bucket, provider, ns), promote(msg));
            default ->
                throw AisException.badRequest(
                        msg.action().isEmpty()
                                ? "POST /v1/objects/" + bucket + " requires an action"
                                : "invalid action \"" + msg.action() + "\" for POST /v1/objects/" + bucket
                                        + " (expected blob-download or promote)");
        };
        return Response.ok(id, MediaType.TEXT_PLAIN_TYPE).build();
    }

    private static BlobRequest blob(ActMsg msg) {
        JsonObject v = msg.valueObject();
        return new BlobRequest(
                msg.name(),
                number(v, "chunk-size"),
                (int) number(v, "num-workers"),
                v != null && v.get("latest-ver") == JsonValue.TRUE);
    }

    /** AIS's rule: the source is {@code name}, or {@code value.src}; when both are given they must agree. */
    private static PromoteRequest promote(ActMsg msg) {
        JsonObject v = msg.valueObject();
        if (v == null) {
            throw AisException.badRequest("promote: missing promote args (\"value\")");
        }
        String src = text(v, "src");
        if (!msg.name().isEmpty() && !src.isEmpty() && !msg.name().equals(src)) {
            throw AisException.badRequest(
                    "promote: conflicting promote source: \"" + msg.name() + "\" vs \"" + src + "\"");
        }
        return new PromoteRequest(
                src.isEmpty() ? msg.name() : src,
                text(v, "obj"),
                text(v, "tid"),
                flag(v, "rcr"),
                flag(v, "ovw"),
                flag(v, "dls"),
                flag(v, "notshr"));
    }

    private static String text(JsonObject v, String key) {
        JsonValue x = v.get(key);
        if (x == null || x == JsonValue.NULL) {
            return "";
        }
        if (!(x instanceof JsonString s)) {
            throw AisException.badRequest("promote: \"" + key + "\" must be a string");
        }
        return s.getString();
    }

    private static boolean flag(JsonObject v, String key) {
        JsonValue x = v.get(key);
        if (x == null || x == JsonValue.NULL || x == JsonValue.FALSE) {
            return false;
        }
        if (x != JsonValue.TRUE) {
            throw AisException.badRequest("promote: \"" + key + "\" must be true or false");
        }
        return true;
    }

    private static long number(JsonObject v, String key) {
        if (v == null || v.get(key) == null || v.get(key) == JsonValue.NULL) {
            return 0;
        }
        if (!(v.get(key) instanceof JsonNumber n) || !n.isIntegral()) {
            throw AisException.badRequest("blob-download: \"" + key + "\" must be an integer");
        }
        return n.longValue();
    }
}
