package net.aisj.web.nat.arch;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.service.archive.BatchService;
import net.aisj.service.archive.MossReq;
import net.aisj.web.nat.Bck;
import net.aisj.web.nat.json.ArchiveJson;

/**
 * Get-Batch, {@code GET /v1/ml/moss/{bucket}} or {@code GET /v1/ml/moss} (then every item names its bucket) with a
 * {@code MossReq} body; items may ask for a byte range ({@code start}/{@code length}) (AIS {@code api.GetBatch}; POST is
 * accepted too for clients that cannot send a GET body). With {@code strm} the archive is streamed as it is
 * gathered: a missing first item is a clean 404, a later one (without {@code coer}) breaks the stream. Otherwise
 * the archive is first written to a temporary file (memory stays bounded; any error is a clean 4xx), then sent as
 * {@code multipart/mixed} with the {@code metadata} part ({@code MossResp}) before the {@code archive} part, as AIS
 * does.
 */
@jakarta.ws.rs.Path("v1/ml/moss")
public class MossResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    BatchService batches;

    @Inject
    net.aisj.web.auth.AccessGate gate;

    @Context
    HttpServletRequest request;

    /** Without a bucket in the path: every item names its own. */
    @GET
    public Response getBucketless() throws IOException {
        return batch(null, null, null, request.getInputStream());
    }

    @POST
    public Response postBucketless(InputStream body) throws IOException {
        return batch(null, null, null, body);
    }

    @GET
    @jakarta.ws.rs.Path("{bucket}")
    public Response get(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns)
            throws IOException {
        return batch(bucket, provider, ns, request.getInputStream());
    }

    @POST
    @jakarta.ws.rs.Path("{bucket}")
    public Response post(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            InputStream body)
            throws IOException {
        return batch(bucket, provider, ns, body);
    }

    private Response batch(String bucket, String provider, String ns, InputStream body) throws IOException {
        MossReq req = ArchiveJson.getBatch(readObject(body));
        BucketId dflt = bucket == null ? null : Bck.of(bucket, provider, ns);
        java.util.Optional<Response> denied =
                gate.checkBuckets(request, BatchService.buckets(dflt, req), net.aisj.core.auth.Access.GET);
        if (denied.isPresent()) {
            return denied.get();
        }
        BatchService.Batch batch = batches.start(dflt, req);
        if (req.streaming()) {
            StreamingOutput out = os -> {
                try (batch) {
                    batch.writeTo(os);
                }
            };
            return Response.ok(out, req.format().contentType()).build();
        }
        Path tmp = Files.createTempFile("aisj-moss-", req.format().ext());
        List<BatchService.Out> outs;
        try (batch;
                OutputStream os = Files.newOutputStream(tmp)) {
            outs = batch.writeTo(os);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        String boundary = newId() + newId();
        String uuid = newId();
        StreamingOutput out = os -> {
            try {
                os.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                                + "Content-Type: application/json\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                writeResp(uuid, outs, os);
                os.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\""
                                + "batch" + req.format().ext() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                Files.copy(tmp, os);
                os.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(tmp);
            }
        };
        return Response.ok(out, "multipart/mixed; boundary=" + boundary).build();
    }

    /** AIS {@code MossResp{"uuid","out":[MossOut]}}. */
    static void writeResp(String uuid, List<BatchService.Out> outs, OutputStream os) {
        JsonGenerator g = Json.createGenerator(new java.io.FilterOutputStream(os) {
            @Override
            public void close() throws IOException {
                flush(); // the multipart body goes on
            }
        });
        g.writeStartObject().write("uuid", uuid).writeStartArray("out");
        for (BatchService.Out o : outs) {
            g.writeStartObject().write("objname", o.objName());
            if (!o.archPath().isEmpty()) {
                g.write("archpath", o.archPath());
            }
            g.write("bucket", o.bucket()).write("provider", o.provider());
            if (!o.errMsg().isEmpty()) {
                g.write("err_msg", o.errMsg());
            }
            if (!o.opaque().isEmpty()) {
                g.write("opaque", o.opaque());
            }
            g.write("size", o.size()).writeEnd();
        }
        g.writeEnd().writeEnd().close();
    }

    private static JsonObject readObject(InputStream body) {
        try (JsonReader r = Json.createReader(body)) {
            return r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw AisException.badRequest("get-batch: the body must be a MossReq JSON object: " + e.getMessage());
        }
    }

    private static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
