package net.aisj.web.nat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.PartInfo;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.service.s3.MultipartService;
import net.aisj.web.nat.json.ActMsg;

/**
 * AIS's native multipart upload (the SDK's {@code MultipartUpload}): {@code POST {"action":"mpt-upload"}} answers
 * the upload id as text; {@code PUT ?uploadId=&partNumber=} uploads a part; {@code POST ?uploadId=}
 * {@code {"action":"mpt-complete","value":[{"part-number":N,"etag":""}]}} completes (exactly the parts uploaded);
 * {@code DELETE ?uploadId=} {@code {"action":"mpt-abort"}} aborts. Uploads are the S3 API's
 * ({@link MultipartService}); a call reaching another node than the upload's is redirected there (307).
 */
@ApplicationScoped
public class NativeMultipart {

    @Inject
    MultipartService mpu;

    @Inject
    net.aisj.web.auth.RedirectSigner redirects;

    Response start(ObjectId id) {
        return Response.ok(mpu.create(id, Map.of()), MediaType.TEXT_PLAIN_TYPE).build();
    }

    Response part(ObjectId id, UriInfo uri, String uploadId, String partNumber, InputStream body, long length) {
        Optional<Response> away = redirect(id, "PUT", uri, uploadId);
        if (away.isPresent()) {
            return away.get();
        }
        int n;
        try {
            n = Integer.parseInt(partNumber == null ? "" : partNumber.trim());
        } catch (NumberFormatException e) {
            throw AisException.badRequest("invalid partNumber \"" + partNumber + "\"");
        }
        PartInfo p = mpu.uploadPart(id, uploadId, n, body, length);
        return Response.ok().header("ETag", "\"" + p.md5() + "\"").build();
    }

    Response complete(ObjectId id, UriInfo uri, String uploadId, ActMsg msg) {
        Optional<Response> away = redirect(id, "POST", uri, uploadId);
        if (away.isPresent()) {
            return away.get();
        }
        if (!(msg.value() instanceof JsonArray parts)) {
            throw AisException.badRequest("mpt-complete: \"value\" must list the parts ([{\"part-number\":N}])");
        }
        List<Integer> numbers = new ArrayList<>();
        for (JsonValue v : parts) {
            if (!(v instanceof JsonObject o) || !(o.get("part-number") instanceof JsonNumber n)) {
                throw AisException.badRequest("mpt-complete: every part needs a \"part-number\"");
            }
            numbers.add(n.intValue());
        }
        mpu.completeNative(id, uploadId, numbers);
        return Response.ok().build();
    }

    Response abort(ObjectId id, UriInfo uri, String uploadId) {
        Optional<Response> away = redirect(id, "DELETE", uri, uploadId);
        if (away.isPresent()) {
            return away.get();
        }
        mpu.abort(id, uploadId);
        return Response.ok().build();
    }

    /** A 307 to the node that holds the upload when it is another one. */
    private Optional<Response> redirect(ObjectId id, String method, UriInfo uri, String uploadId) {
        Optional<NodeInfo> holder = mpu.holder(id, uploadId);
        return holder.map(h -> Response.temporaryRedirect(URI.create(redirects.location(
                        h,
                        method,
                        uri.getRequestUri().getRawPath(),
                        uri.getRequestUri().getRawQuery())))
                .build());
    }
}
