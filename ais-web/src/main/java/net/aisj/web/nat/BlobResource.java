package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.aisj.core.AisException;
import net.aisj.core.BlobRequest;
import net.aisj.service.cache.BlobDownloads;
import net.aisj.web.nat.json.ActMsg;

/**
 * {@code POST /v1/objects/{bucket}} with action {@code blob-download} (AIS {@code api.BlobDownload}): the object in
 * {@code name}, AIS's {@code BlobMsg} ({@code chunk-size}, {@code num-workers}, {@code latest-ver}) in
 * {@code value}; answers the job id as text.
 */
@Path("v1/objects/{bucket}")
public class BlobResource {

    @Inject
    BlobDownloads blobs;

    @POST
    public Response post(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            String body) {
        ActMsg msg = ActMsg.parse(body);
        if (!msg.action().equals("blob-download")) {
            throw AisException.badRequest(
                    msg.action().isEmpty()
                            ? "POST /v1/objects/" + bucket + " requires an action"
                            : "invalid action \"" + msg.action() + "\" for POST /v1/objects/" + bucket
                                    + " (expected blob-download)");
        }
        JsonObject v = msg.valueObject();
        BlobRequest req = new BlobRequest(
                msg.name(),
                number(v, "chunk-size"),
                (int) number(v, "num-workers"),
                v != null && v.get("latest-ver") == JsonValue.TRUE);
        return Response.ok(blobs.start(Bck.of(bucket, provider, ns), req), MediaType.TEXT_PLAIN_TYPE)
                .build();
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
