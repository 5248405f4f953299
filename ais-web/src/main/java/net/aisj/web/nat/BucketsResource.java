package net.aisj.web.nat;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import net.aisj.cluster.MetaJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectPage;
import net.aisj.core.AisException;
import net.aisj.service.BucketService;
import net.aisj.service.ObjectService;
import net.aisj.service.StorageNode;
import net.aisj.web.nat.json.ActMsg;
import net.aisj.web.nat.json.LsoMsg;
import net.aisj.web.nat.json.LsoWriter;

/** {@code /v1/buckets[/{bucket}]}: list buckets, list objects, create, HEAD props, set/reset props, destroy. */
@Path("v1/buckets")
public class BucketsResource {

    static final String MSGPACK = "application/msgpack";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    BucketService buckets;

    @Inject
    ObjectService objects;

    @Inject
    StorageNode node;

    @Inject
    net.aisj.service.ec.EcJobs ecJobs;

    @Context
    HttpServletRequest request;

    /** {@code GET /v1/buckets} with {@code {"action":"list"}} (or no body): all buckets. */
    @GET
    public Response listBuckets(@QueryParam("provider") String provider) throws IOException {
        ActMsg msg = ActMsg.read(request.getInputStream());
        if (!msg.action().isEmpty() && !msg.action().equals("list")) {
            throw AisException.badRequest("invalid action \"" + msg.action() + "\" for GET /v1/buckets");
        }
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (BucketId b : buckets.list(provider)) {
            arr.add(Json.createObjectBuilder().add("name", b.name()).add("provider", b.provider())
                    .add("namespace", Json.createObjectBuilder().add("uuid", "").add("name", b.namespace())));
        }
        return Response.ok(arr.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code GET /v1/buckets/{b}} with {@code {"action":"list","value":LsoMsg}}: one page of objects. */
    @GET
    @Path("{bucket}")
    public Response listObjects(@PathParam("bucket") String bucket, @QueryParam("provider") String provider,
                                @QueryParam("namespace") String ns, @HeaderParam(HttpHeaders.ACCEPT) String accept)
            throws IOException {
        ActMsg msg = ActMsg.read(request.getInputStream());
        if (!msg.action().isEmpty() && !msg.action().equals("list")) {
            throw AisException.badRequest("invalid action \"" + msg.action() + "\" for GET /v1/buckets/" + bucket);
        }
        BucketId id = Bck.of(bucket, provider, ns);
        LsoMsg lso = LsoMsg.from(msg.valueObject());
        String after = !lso.continuationToken().isEmpty() ? lso.continuationToken() : lso.startAfter();
        ObjectPage page = objects.list(id, new ListRequest(lso.prefix(), after, lso.pageSize(),
                lso.has(LsoMsg.LS_NO_RECURSION), lso.nameOnly()));
        String uuid = lso.uuid().isEmpty() ? newUuid() : lso.uuid();
        LsoWriter w = new LsoWriter(uuid, lso.props(), lso.nameOnly(), node.self().id());
        if (accept != null && accept.contains(MSGPACK)) {
            return Response.ok((StreamingOutput) out -> w.msgpack(page, out), MSGPACK).build();
        }
        return Response.ok((StreamingOutput) out -> w.json(page, out), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @HEAD
    @Path("{bucket}")
    public Response head(@PathParam("bucket") String bucket, @QueryParam("provider") String provider,
                         @QueryParam("namespace") String ns) {
        var props = buckets.props(Bck.of(bucket, provider, ns));
        return Response.ok().header("Ais-Bucket-Props", MetaJson.props(props).toString()).build();
    }

    /** {@code create-bck} (value: optional props). */
    @POST
    @Path("{bucket}")
    public Response post(@PathParam("bucket") String bucket, @QueryParam("provider") String provider,
                         @QueryParam("namespace") String ns, String body) {
        ActMsg msg = ActMsg.parse(body);
        BucketId id = Bck.of(bucket, provider, ns);
        switch (msg.action()) {
            case "create-bck" -> buckets.create(id, msg.valueObject());
            case "ec-encode" -> {
                // AIS sends the ECConfToSet as a JSON string in "value"; "name":"recover" also checks the slices
                String job = ecJobs.encodeBucket(id, msg.valueObjectOrJsonString(), "recover".equals(msg.name()));
                return Response.ok(job, MediaType.TEXT_PLAIN_TYPE).build();
            }
            default -> throw unsupported(msg, "POST", bucket);
        }
        return Response.ok().build();
    }

    /** {@code set-bprops} (value: partial props) and {@code reset-bprops}. */
    @PATCH
    @Path("{bucket}")
    public Response patch(@PathParam("bucket") String bucket, @QueryParam("provider") String provider,
                          @QueryParam("namespace") String ns, String body) {
        ActMsg msg = ActMsg.parse(body);
        BucketId id = Bck.of(bucket, provider, ns);
        switch (msg.action()) {
            case "set-bprops" -> buckets.setProps(id, msg.valueObject());
            case "reset-bprops" -> buckets.resetProps(id);
            default -> throw unsupported(msg, "PATCH", bucket);
        }
        return Response.ok().build();
    }

    /** {@code destroy-bck}. */
    @DELETE
    @Path("{bucket}")
    public Response delete(@PathParam("bucket") String bucket, @QueryParam("provider") String provider,
                           @QueryParam("namespace") String ns, String body) {
        ActMsg msg = ActMsg.parse(body);
        BucketId id = Bck.of(bucket, provider, ns);
        if (!msg.action().equals("destroy-bck")) {
            throw unsupported(msg, "DELETE", bucket);
        }
        buckets.destroy(id);
        return Response.ok().build();
    }

    private static AisException unsupported(ActMsg msg, String method, String bucket) {
        return AisException.badRequest(msg.action().isEmpty()
                ? method + " /v1/buckets/" + bucket + " requires an action"
                : "invalid action \"" + msg.action() + "\" for " + method + " /v1/buckets/" + bucket);
    }

    private static String newUuid() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
