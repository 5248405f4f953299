package net.aisj.web.intra;

import static net.aisj.cluster.IntraContract.*;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import net.aisj.cluster.MetaJson;
import net.aisj.cluster.MultiObjJson;
import net.aisj.cluster.PageJson;
import net.aisj.cluster.PromoteJson;
import net.aisj.cluster.XactJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.MultiObjService;
import net.aisj.service.ObjectListing;
import net.aisj.service.ObjectReceiver;
import net.aisj.service.ObjectService;
import net.aisj.service.PromoteService;
import net.aisj.service.RebalanceService;
import net.aisj.web.common.ByteRange;
import net.aisj.web.common.ObjectBodies;
import net.aisj.web.common.ObjectPath;
import net.aisj.xact.XactionRegistry;

/** Local-only operations other targets call (see the package doc); never redirected, never fanned out. */
@Path(ROOT)
public class IntraResource {

    @Inject
    ObjectService objects;

    @Inject
    ObjectListing listing;

    @Inject
    ObjectReceiver receiver;

    @Inject
    RebalanceService rebalance;

    @Inject
    XactionRegistry registry;

    @Inject
    LocalNode node;

    @Inject
    MirrorService mirror;

    @Inject
    MultiObjService multiObj;

    /** Prefetch and evict jobs of buckets in a backend. */
    @Inject
    net.aisj.service.cache.CacheJobs cacheJobs;

    @Inject
    net.aisj.service.cache.LruService lru;

    @Inject
    net.aisj.service.cache.BlobDownloads blobs;

    @Inject
    PromoteService promote;

    @Context
    UriInfo uri;

    @GET
    @Path(LIST + "/{bucket}")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public String list(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @QueryParam(P_PREFIX) String prefix,
            @QueryParam(P_AFTER) String after,
            @QueryParam(P_PAGESIZE) int pageSize,
            @QueryParam(P_NORECURSE) boolean noRecursion,
            @QueryParam(P_NAMEONLY) boolean nameOnly) {
        BucketId b = bucket(bucket, provider, ns);
        return PageJson.write(listing.localList(b, new ListRequest(prefix, after, pageSize, noRecursion, nameOnly)))
                .toString();
    }

    @GET
    @Path(STAT + "/" + OBJECT_TEMPLATE)
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public Response stat(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns) {
        ObjectId id = object(provider, ns);
        return objects.localStat(id)
                .map(s -> Response.ok(PageJson.stat(s).toString()).build())
                .orElseGet(() -> {
                    Response.ResponseBuilder b = Response.status(404);
                    receiver.deletedAt(id).ifPresent(at -> b.header(DELETED_AT_HEADER, at));
                    return b.build();
                });
    }

    /**
     * A delete record from the node that took a client's DELETE, or from a rebalance: kept, and the local copy dropped
     * if it was written no later; 200 when a copy was dropped, 404 when none was.
     */
    @DELETE
    @Path(OBJECTS + "/" + OBJECT_TEMPLATE)
    public Response deleteRecord(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @QueryParam(P_DELETED_AT) Long atMillis) {
        if (atMillis == null) {
            throw AisException.badRequest("missing " + P_DELETED_AT);
        }
        return Response.status(receiver.applyDelete(object(provider, ns), atMillis) ? 200 : 404)
                .build();
    }

    @GET
    @Path(OBJECTS + "/" + OBJECT_TEMPLATE)
    public Response read(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @HeaderParam("Range") String range) {
        ObjectId id = object(provider, ns);
        ObjectReader reader = objects.localOpen(id);
        ByteRange r;
        try {
            r = ByteRange.parse(range, reader.stat().size());
        } catch (ByteRange.Unsatisfiable | ByteRange.Malformed e) {
            reader.close();
            throw AisException.badRequest(e.getMessage());
        }
        return ObjectBodies.ok(reader, r)
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .build();
    }

    /** Receives an object from another target (rebalance): stored with the sender's metadata, checksum verified. */
    @PUT
    @Path(OBJECTS + "/" + OBJECT_TEMPLATE)
    @Consumes(MediaType.WILDCARD)
    public Response receive(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @HeaderParam(META_HEADER) String meta,
            @HeaderParam(XACT_HEADER) String xactId,
            InputStream body) {
        ObjectId id = object(provider, ns);
        if (meta == null || meta.isEmpty()) {
            throw AisException.badRequest("missing Ais-Intra-Meta");
        }
        ObjectStat stat = PageJson.readStat(MetaJson.parse(meta));
        if (XACT_COPY.equals(xactId)) {
            receiver.receiveCopy(id, stat, body);
        } else {
            rebalance.receive(id, stat, body, xactId);
        }
        return Response.ok().build();
    }

    /** This node's job snapshots (merged by the proxy for cluster-wide status). */
    @GET
    @Path(XACTIONS)
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public String xactions(
            @QueryParam(P_ID) String id, @QueryParam(P_KIND) String kind, @QueryParam(P_RUNNING) boolean onlyRunning) {
        return XactJson.snaps(registry.snapshots(id, kind, onlyRunning)).toString();
    }

    /** Starts this node's part of a job another node started cluster-wide (make-n-copies, resilver). */
    @jakarta.ws.rs.POST
    @Path(XACTIONS_START)
    public Response startXaction(
            @QueryParam(P_KIND) String kind, @QueryParam(P_ID) String id, @QueryParam(P_BUCKET) String bucket) {
        if (net.aisj.service.cache.LruService.handles(kind)) {
            lru.startLocal(id);
            return Response.ok().build();
        }
        mirror.startLocal(kind, id, bucket == null || bucket.isEmpty() ? null : BucketId.ais(bucket));
        return Response.ok().build();
    }

    /** Starts this node's part of a multi-object job another node started, with its JSON message. */
    @jakarta.ws.rs.POST
    @Path(XACTIONS_RUN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response runXaction(
            @QueryParam(P_KIND) String kind,
            @QueryParam(P_ID) String id,
            @QueryParam(P_BUCKET) String bucket,
            String msg) {
        jakarta.json.JsonObject m = MetaJson.parse(msg);
        if (net.aisj.service.cache.BlobDownloads.handles(kind)) {
            net.aisj.cluster.CacheJobJson.Blob b = net.aisj.cluster.CacheJobJson.readBlob(bucket, m);
            blobs.startLocal(id, b.bucket(), b.request());
            return Response.ok().build();
        }
        if (PromoteService.handles(kind)) {
            PromoteJson.Start st = PromoteJson.read(bucket, m);
            promote.startLocal(id, st.bucket(), st.request(), st.shared());
            return Response.ok().build();
        }
        if (net.aisj.service.cache.CacheJobs.handles(kind)) {
            net.aisj.cluster.CacheJobJson.Start st = net.aisj.cluster.CacheJobJson.read(bucket, m);
            cacheJobs.startLocal(kind, id, st.bucket(), st.range());
            return Response.ok().build();
        }
        multiObj.startLocal(kind, id, MultiObjJson.source(bucket, m), MultiObjJson.read(m));
        return Response.ok().build();
    }

    /** What this target sees of a promote source: its file count and digest (the file-share check). */
    @jakarta.ws.rs.POST
    @Path(PROMOTE_SCAN)
    @Consumes(MediaType.APPLICATION_JSON)
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public String promoteScan(String msg) {
        return PromoteJson.writeScan(promote.scan(PromoteJson.request(MetaJson.parse(msg))))
                .toString();
    }

    /** 200 once the application serves requests (a joining node checks its own URL with it). */
    @GET
    @Path(PING)
    public Response ping() {
        return Response.ok().build();
    }

    /** Stops this node's process (shutdown-node sent to another node). */
    @jakarta.ws.rs.POST
    @Path(SHUTDOWN)
    public Response shutdown() {
        node.shutdownSoon();
        return Response.ok().build();
    }

    private static BucketId bucket(String name, String provider, String ns) {
        return new BucketId(provider == null || provider.isEmpty() ? BucketId.AIS : provider, ns, name);
    }

    private ObjectId object(String provider, String ns) {
        ObjectPath p = ObjectPath.parse(uri.getRequestUri().getRawPath(), 3);
        return new ObjectId(bucket(p.bucket(), provider, ns), p.name());
    }
}
