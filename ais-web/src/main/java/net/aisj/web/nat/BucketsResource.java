package net.aisj.web.nat;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import net.aisj.cluster.BucketPropsJson;
import net.aisj.cluster.IntraContract;
import net.aisj.cluster.MultiObjJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectPage;
import net.aisj.core.AisException;
import net.aisj.service.BucketService;
import net.aisj.service.BucketSummaryService;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.MultiObjService;
import net.aisj.service.ObjectListing;
import net.aisj.service.archive.ArchiveJobs;
import net.aisj.service.archive.ShardListing;
import net.aisj.service.auth.CallerAccess;
import net.aisj.service.ec.EcJobs;
import net.aisj.web.auth.AccessGate;
import net.aisj.web.nat.json.ActMsg;
import net.aisj.web.nat.json.ArchiveJson;
import net.aisj.web.nat.json.LsoMsg;
import net.aisj.web.nat.json.LsoWriter;

/**
 * {@code /v1/buckets[/{bucket}]}: list buckets, list objects (with shards' members on {@code LsArchDir}), bucket
 * summaries, create, HEAD props, set/reset props, destroy, {@code archive}.
 */
@Path("v1/buckets")
public class BucketsResource {

    static final String MSGPACK = "application/msgpack";
    static final String SUMMARY = "summary-bck";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MirrorService mirror;

    @Inject
    MultiObjService multiObj;

    @Inject
    BucketService buckets;

    @Inject
    ObjectListing listing;

    @Inject
    LocalNode node;

    @Inject
    BucketSummaryService summaries;

    @Inject
    EcJobs ecJobs;

    @Inject
    ShardListing shardListing;

    @Inject
    ArchiveJobs archiveJobs;

    @Inject
    net.aisj.service.cache.RemoteListing remoteListing;

    @Inject
    net.aisj.service.cache.RemoteBuckets remoteBuckets;

    @Inject
    net.aisj.service.cache.CacheJobs cacheJobs;

    @Inject
    CallerAccess callerAccess;

    @Context
    HttpServletRequest request;

    /** AIS's entry flag of an object cached in the cluster ({@code EntryIsCached}). */
    static final int ENTRY_IS_CACHED = 1 << 6;

    /** {@code GET /v1/buckets} with {@code {"action":"list"}} (or no body): all buckets. */
    @GET
    public Response listBuckets(@QueryParam("provider") String provider, @QueryParam("namespace") String ns)
            throws IOException {
        ActMsg msg = ActMsg.read(request.getInputStream());
        if (msg.action().equals(SUMMARY)) {
            return summaries(visible(buckets.list(provider)), msg);
        }
        if (!msg.action().isEmpty() && !msg.action().equals("list")) {
            throw AisException.badRequest("invalid action \"" + msg.action() + "\" for GET /v1/buckets");
        }
        JsonArrayBuilder arr = Json.createArrayBuilder();
        String prov = provider == null || provider.isEmpty()
                ? null
                : Bck.of("x", provider, null).provider();
        String namespace = BucketId.namespaceOf(ns);
        java.util.Set<BucketId> all = new java.util.LinkedHashSet<>(buckets.list(prov));
        if (!namespace.isEmpty()) {
            all.removeIf(b -> !b.namespace().equals(namespace));
        }
        if (prov != null && (!BucketId.AIS.equals(prov) || namespace.startsWith("@"))) {
            all.addAll(remoteBuckets.listRemote(prov, namespace));
        }
        all.retainAll(visible(java.util.List.copyOf(all)));
        for (BucketId b : all) {
            arr.add(Json.createObjectBuilder()
                    .add("name", b.name())
                    .add("provider", b.provider())
                    .add("namespace", namespaceJson(b)));
        }
        return Response.ok(arr.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** The buckets the caller may see (auth on: those it has some bucket permission on). */
    private java.util.List<BucketId> visible(java.util.List<BucketId> ids) {
        var claims = AccessGate.claims(request);
        return ids.stream().filter(b -> callerAccess.visible(claims, b)).toList();
    }

    /** AIS's namespace object of a bucket: {@code {"uuid": alias, "name": ...}} from {@code @alias#name}. */
    static jakarta.json.JsonObjectBuilder namespaceJson(BucketId b) {
        String ns = b.namespace();
        int hash = ns.indexOf('#');
        String uuid = ns.startsWith("@") ? ns.substring(1, hash < 0 ? ns.length() : hash) : "";
        String name = hash < 0 ? (ns.startsWith("@") ? "" : ns) : ns.substring(hash + 1);
        return Json.createObjectBuilder().add("uuid", uuid).add("name", name);
    }

    /** {@code GET /v1/buckets/{b}} with {@code {"action":"list","value":LsoMsg}}: one page of objects. */
    @GET
    @Path("{bucket}")
    public Response listObjects(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @HeaderParam(HttpHeaders.ACCEPT) String accept)
            throws IOException {
        ActMsg msg = ActMsg.read(request.getInputStream());
        BucketId id = Bck.of(bucket, provider, ns);
        if (msg.action().equals(SUMMARY)) {
            return summaries(java.util.List.of(id), msg);
        }
        if (!msg.action().isEmpty() && !msg.action().equals("list")) {
            throw AisException.badRequest("invalid action \"" + msg.action() + "\" for GET /v1/buckets/" + bucket);
        }
        LsoMsg lso = LsoMsg.from(msg.valueObject());
        String after = !lso.continuationToken().isEmpty() ? lso.continuationToken() : lso.startAfter();
        ListRequest req =
                new ListRequest(lso.prefix(), after, lso.pageSize(), lso.has(LsoMsg.LS_NO_RECURSION), lso.nameOnly());
        String uuid = lso.uuid().isEmpty() ? newUuid() : lso.uuid();
        LsoWriter w =
                new LsoWriter(uuid, lso.props(), lso.nameOnly(), node.self().id());
        ObjectPage page;
        if (remoteListing.isRemote(id)) {
            net.aisj.service.cache.RemoteListing.Page rp = remoteListing.list(id, req, lso.flags());
            page = rp.page();
            w.withFlags(n -> rp.cached().contains(n) ? ENTRY_IS_CACHED : 0);
        } else {
            page = listing.list(id, req);
        }
        if (lso.has(LsoMsg.LS_ARCH_DIR)) {
            ShardListing.Expanded x = shardListing.expand(id, page);
            page = x.page();
            w.withFlags(x::flags);
        }
        ObjectPage listed = page;
        if (accept != null && accept.contains(MSGPACK)) {
            return Response.ok((StreamingOutput) out -> w.msgpack(listed, out), MSGPACK)
                    .build();
        }
        return Response.ok((StreamingOutput) out -> w.json(listed, out), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /**
     * The bucket's props ({@code Ais-Bucket-Props}); with {@code presence} (the SDK's {@code Bucket.info}) also its
     * summary, asynchronously as AIS answers it: {@code 202} with the job id in {@code Ais-Xaction-Id}, then, polled
     * with {@code ?uuid=}, {@code 200} with {@code Ais-Bucket-Summ}.
     */
    @HEAD
    @Path("{bucket}")
    public Response head(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("presence") String presence,
            @QueryParam("uuid") String uuid) {
        BucketId id = Bck.of(bucket, provider, ns);
        var props = buckets.props(id);
        Response.ResponseBuilder b = Response.ok()
                .header("Ais-Bucket-Props", BucketPropsJson.props(props).toString());
        if (presence == null) {
            return b.build();
        }
        if (uuid == null || uuid.isEmpty()) {
            return b.status(202).header("Ais-Xaction-Id", newUuid()).build();
        }
        return b.header("Ais-Bucket-Summ", summary(id, "").build().toString()).build();
    }

    /**
     * {@code create-bck} (value: optional props); jobs, each answering its id: {@code make-n-copies} (value: copies),
     * {@code copy-listrange} (value: TCOMsg), {@code copy-bck} (value: TCBMsg), their transforming twins
     * {@code etl-listrange} and {@code etl-bck} (the ETL named by the value's {@code id}) and {@code move-bck}, with the
     * destination in {@code bck_to}.
     */
    @POST
    @Path("{bucket}")
    public Response post(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("bck_to") String bckTo,
            String body) {
        ActMsg msg = ActMsg.parse(body);
        BucketId id = Bck.of(bucket, provider, ns);
        String job = switch (msg.action()) {
            case "make-n-copies" -> mirror.makeNCopies(id, msg.valueInt());
            case "copy-listrange" -> multiObj.copyObjects(id, MultiObjJson.copyObjects(msg.valueObject()));
            case "copy-bck" ->
                multiObj.copyBucket(id, Bck.fromUname(bckTo), MultiObjJson.copyBucket(msg.valueObject()));
            case "move-bck" -> multiObj.moveBucket(id, Bck.fromUname(bckTo));
            case "etl-bck" ->
                multiObj.etlBucket(
                        id,
                        Bck.fromUname(bckTo),
                        MultiObjJson.transform(MultiObjJson.copyBucket(msg.valueObject()), msg.valueObject()));
            case "etl-listrange" ->
                multiObj.etlObjects(
                        id, MultiObjJson.transform(MultiObjJson.copyObjects(msg.valueObject()), msg.valueObject()));
            // AIS sends the ECConfToSet as a JSON string in "value"; "name":"recover" also re-reads the slices
            case "ec-encode" ->
                ecJobs.encodeBucket(
                        id, BucketPropsJson.ecOn(msg.valueObjectOrJsonString()), "recover".equals(msg.name()));
            case "prefetch-listrange" ->
                cacheJobs.prefetch(id, CacheRequests.listRange(msg.action(), msg.valueObject()));
            default -> null;
        };
        if (job != null) {
            return Response.ok(job, MediaType.TEXT_PLAIN_TYPE).build();
        }
        switch (msg.action()) {
            case "create-bck" ->
                buckets.create(id, msg.valueObject() == null ? null : BucketPropsJson.propsChange(msg.valueObject()));
            case "add-remote-bck" -> remoteBuckets.add(id);
            default -> throw unsupported(msg, "POST", bucket);
        }
        return Response.ok().build();
    }

    /** {@code archive} (value: AIS {@code ArchiveBckMsg}): starts the job, answers its id. */
    @PUT
    @Path("{bucket}")
    public Response put(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @HeaderParam(IntraContract.FORWARDED_HEADER) String forwarded,
            String body) {
        ActMsg msg = ActMsg.parse(body);
        if (!msg.action().equals("archive")) {
            throw unsupported(msg, "PUT", bucket);
        }
        String job = archiveJobs.start(
                ArchiveJson.archive(Bck.of(bucket, provider, ns), msg.valueObject()), body, forwarded != null);
        return Response.ok(job, MediaType.TEXT_PLAIN_TYPE).build();
    }

    /** {@code set-bprops} (value: partial props) and {@code reset-bprops}. */
    @PATCH
    @Path("{bucket}")
    public Response patch(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            String body) {
        ActMsg msg = ActMsg.parse(body);
        BucketId id = Bck.of(bucket, provider, ns);
        switch (msg.action()) {
            case "set-bprops" -> {
                if (msg.valueObject() == null) {
                    throw AisException.badRequest("set-bprops: missing \"value\" with the properties to set");
                }
                buckets.setProps(id, BucketPropsJson.propsChange(msg.valueObject()));
            }
            case "reset-bprops" -> buckets.resetProps(id);
            default -> throw unsupported(msg, "PATCH", bucket);
        }
        return Response.ok().build();
    }

    /** {@code destroy-bck}; {@code delete-listrange} (value: ListRange; answers the job id). */
    @DELETE
    @Path("{bucket}")
    public Response delete(
            @PathParam("bucket") String bucket,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("keep_bck_md") boolean keepMd,
            String body) {
        ActMsg msg = ActMsg.parse(body);
        BucketId id = Bck.of(bucket, provider, ns);
        switch (msg.action()) {
            case "destroy-bck" -> buckets.destroy(id);
            case "evict-listrange" -> {
                return Response.ok(
                                cacheJobs.evict(id, CacheRequests.listRange(msg.action(), msg.valueObject())),
                                MediaType.TEXT_PLAIN_TYPE)
                        .build();
            }
            case "evict-remote-bck" -> {
                return Response.ok(cacheJobs.evictBucket(id, keepMd), MediaType.TEXT_PLAIN_TYPE)
                        .build();
            }
            case "delete-listrange" -> {
                return Response.ok(
                                multiObj.deleteObjects(id, MultiObjJson.listRange(msg.valueObject())),
                                MediaType.TEXT_PLAIN_TYPE)
                        .build();
            }
            default -> throw unsupported(msg, "DELETE", bucket);
        }
        return Response.ok().build();
    }

    /**
     * AIS {@code summary-bck} (value: {@code BsummCtrlMsg}, of which {@code prefix} and {@code uuid} are used),
     * asynchronous as in AIS: without a {@code uuid} it answers {@code 202} and the job id (the SDK refuses a first
     * 200); polled with that id, {@code 200} and the {@code BsummResult} list, computed then.
     */
    private Response summaries(java.util.List<BucketId> ids, ActMsg msg) {
        var v = msg.valueObject();
        String prefix = v != null && v.get("prefix") instanceof jakarta.json.JsonString p ? p.getString() : "";
        String uuid = v != null && v.get("uuid") instanceof jakarta.json.JsonString u ? u.getString() : "";
        if (uuid.isEmpty()) {
            return Response.status(202)
                    .entity("\"" + newUuid() + "\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (BucketId b : ids) {
            arr.add(summary(b, prefix));
        }
        return Response.ok(arr.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** One AIS {@code BsummResult}. */
    private jakarta.json.JsonObjectBuilder summary(BucketId b, String prefix) {
        BucketSummaryService.Summary s = summaries.summarize(b, prefix);
        return Json.createObjectBuilder()
                .add("name", b.name())
                .add("provider", b.provider())
                .add("namespace", namespaceJson(b))
                .add(
                        "ObjCount",
                        Json.createObjectBuilder()
                                .add("obj_count_present", Long.toString(s.objects()))
                                .add("obj_count_remote", "0"))
                .add(
                        "TotalSize",
                        Json.createObjectBuilder()
                                .add("size_on_disk", Long.toString(s.bytes()))
                                .add("size_all_present_objs", Long.toString(s.bytes()))
                                .add("size_all_remote_objs", "0"));
    }

    private static AisException unsupported(ActMsg msg, String method, String bucket) {
        return AisException.badRequest(
                msg.action().isEmpty()
                        ? method + " /v1/buckets/" + bucket + " requires an action"
                        : "invalid action \"" + msg.action() + "\" for " + method + " /v1/buckets/" + bucket);
    }

    private static String newUuid() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
