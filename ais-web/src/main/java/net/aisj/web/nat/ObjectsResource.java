package net.aisj.web.nat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.service.ObjectService;
import net.aisj.service.archive.ArchiveService;
import net.aisj.service.archive.ShardWriter;
import net.aisj.web.common.ObjectPath;
import net.aisj.web.nat.arch.ShardRequests;
import net.aisj.web.nat.json.ActMsg;

/**
 * {@code /v1/objects/{bucket}/{object}}: PUT (plain, append, copy, append to a shard), GET (+Range, or members of a
 * shard: {@link ShardRequests}), HEAD (v1 and v2), DELETE,
 * POST {@code rename-obj}, PATCH custom metadata, native multipart upload ({@link NativeMultipart}). The object name is decoded from the raw request path so that
 * escapes reach validation unchanged. Calls for objects owned by another target never get here
 * ({@link OwnerRedirectFilter}).
 */
@Path("v1/objects/{bucket}/{object: .+}")
@OwnerRedirect
@ApplicationScoped // one instance: a per-request resource cost ~15% of a small GET in injecting its EJB proxy
public class ObjectsResource {

    @Inject
    ObjectService objects;

    @Inject
    NativeObjects handlers;

    @Inject
    ArchiveService archives;

    @Inject
    ShardWriter shards;

    /** AIS's query of an {@code ht://} object: its URL at the origin (adds the bucket on first use). */
    static final String ORIGINAL_URL = "original_url";

    @Inject
    net.aisj.service.cache.RemoteBuckets remoteBuckets;

    @Inject
    NativeMultipart multipart;

    @Inject
    net.aisj.service.etl.EtlTransforms etl;

    /** AIS's inline/offline transform queries. */
    static final String ETL_NAME = "etl_name";

    static final String ETL_ARGS = "etl_args";

    static final String ETL_PIPELINE = "etl_pipeline";

    @GET
    public Response get(
            @Context UriInfo uri,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("validate-checksum") boolean validate,
            @QueryParam("latest-ver") boolean latest,
            @QueryParam(ORIGINAL_URL) String originalUrl,
            @QueryParam(ETL_NAME) String etlName,
            @QueryParam(ETL_ARGS) String etlArgs,
            @QueryParam(ETL_PIPELINE) String etlPipeline,
            @HeaderParam("Range") String range) {
        ObjectId id = objectId(uri, provider, ns);
        if (etlName != null && !etlName.isEmpty()) {
            return EtlResponses.inline(etl.inline(id, etlName, etlArgs, EtlResponses.pipeline(etlPipeline)));
        }
        if (originalUrl != null) {
            remoteBuckets.addHttpObject(id, originalUrl);
        }
        if (ShardRequests.isArchiveGet(uri.getQueryParameters())) {
            return ShardRequests.get(archives, id, uri.getQueryParameters());
        }
        return handlers.get(id, validate, latest, range);
    }

    @HEAD
    public Response head(
            @Context UriInfo uri,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("props") String props,
            @QueryParam("latest-ver") boolean latest,
            @QueryParam(ORIGINAL_URL) String originalUrl) {
        ObjectId id = objectId(uri, provider, ns);
        if (originalUrl != null) {
            remoteBuckets.addHttpObject(id, originalUrl);
        }
        return handlers.head(id, props, latest);
    }

    /** Plain PUT, APPEND ({@code append_type}), copy ({@code object_to}) or append to a shard ({@code archpath}). */
    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(
            @Context UriInfo uri,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("append_type") String appendType,
            @QueryParam("append_handle") String handle,
            @QueryParam("object_to") String objectTo,
            @QueryParam(ETL_NAME) String etlName,
            @QueryParam(ETL_ARGS) String etlArgs,
            @HeaderParam("Content-Length") String contentLength,
            @HeaderParam("Ais-Checksum-Type") String cksumType,
            @HeaderParam("Ais-Checksum-Value") String cksumValue,
            @HeaderParam(ShardRequests.PINE) String pine,
            @QueryParam("uploadId") String uploadId,
            @QueryParam("partNumber") String partNumber,
            InputStream body) {
        ObjectId id = objectId(uri, provider, ns);
        if (uploadId != null) {
            return multipart.part(id, uri, uploadId, partNumber, body, length(contentLength));
        }
        if (ShardRequests.isArchivePut(uri.getQueryParameters())) {
            ObjectStat s = ShardRequests.put(shards, id, uri.getQueryParameters(), pine, length(contentLength), body);
            return ObjectHeaders.standard(Response.ok(), s).build();
        }
        if (objectTo != null && !objectTo.isEmpty()) {
            Object[] dst = Bck.parseUname(objectTo);
            if (etlName != null && !etlName.isEmpty()) {
                long n = etl.copy(etlName, etlArgs, id, new ObjectId((BucketId) dst[0], (String) dst[1]), "");
                if (n == -1 && objects.localStat(id).isEmpty()) {
                    throw AisException.noSuchObject(id.cname());
                }
                return Response.ok().build();
            }
            ObjectStat s = objects.copy(id, new ObjectId((BucketId) dst[0], (String) dst[1]));
            return ObjectHeaders.standard(Response.ok(), s).build();
        }
        if (appendType != null && !appendType.isEmpty()) {
            return switch (appendType) {
                case "append" ->
                    Response.ok()
                            .header("Ais-Append-Handle", objects.append(id, handle, body))
                            .build();
                case "flush" ->
                    ObjectHeaders.standard(
                                    Response.ok(),
                                    objects.flush(id, handle, ObjectHeaders.clientChecksum(cksumType, cksumValue)))
                            .build();
                default ->
                    throw AisException.badRequest(
                            "invalid append_type \"" + appendType + "\" (expected append or flush)");
            };
        }
        return handlers.put(id, body, length(contentLength), cksumType, cksumValue);
    }

    /** Delete, or {@code mpt-abort} with {@code ?uploadId=}. */
    @DELETE
    public Response delete(
            @Context UriInfo uri,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("uploadId") String uploadId) {
        ObjectId id = objectId(uri, provider, ns);
        if (uploadId != null) {
            return multipart.abort(id, uri, uploadId);
        }
        objects.delete(id);
        return Response.ok().build();
    }

    /** {@code rename-obj} (name = the new name, same bucket), {@code mpt-upload}, {@code mpt-complete}. */
    @POST
    public Response post(
            @Context UriInfo uri,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("uploadId") String uploadId,
            String body) {
        ObjectId id = objectId(uri, provider, ns);
        ActMsg msg = ActMsg.parse(body);
        if (msg.action().equals("mpt-upload")) {
            return multipart.start(id);
        }
        if (msg.action().equals("mpt-complete")) {
            if (uploadId == null || uploadId.isEmpty()) {
                throw AisException.badRequest("mpt-complete " + id.cname() + " requires ?uploadId=");
            }
            return multipart.complete(id, uri, uploadId, msg);
        }
        if (!msg.action().equals("rename-obj")) {
            throw AisException.badRequest(
                    msg.action().isEmpty()
                            ? "POST " + id.cname() + " requires an action"
                            : "invalid action \"" + msg.action() + "\" for POST " + id.cname());
        }
        objects.rename(id, msg.name());
        return Response.ok().build();
    }

    /** Custom metadata: {@code {"value":{k:v}}}, merged, or replacing all with {@code set-new-custom=true}. */
    @PATCH
    public Response patch(
            @Context UriInfo uri,
            @QueryParam("provider") String provider,
            @QueryParam("namespace") String ns,
            @QueryParam("set-new-custom") boolean replace,
            String body) {
        ObjectId id = objectId(uri, provider, ns);
        JsonObject value = ActMsg.parse(body).valueObject();
        if (value == null) {
            throw AisException.badRequest("PATCH " + id.cname() + ": missing \"value\" with custom metadata");
        }
        Map<String, String> md = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : value.entrySet()) {
            if (!(e.getValue() instanceof JsonString s)) {
                throw AisException.badRequest("custom metadata value of \"" + e.getKey() + "\" must be a string");
            }
            md.put(e.getKey(), s.getString());
        }
        objects.setCustom(id, md, replace);
        return Response.ok().build();
    }

    private static ObjectId objectId(UriInfo uri, String provider, String ns) {
        ObjectPath p = ObjectPath.parse(uri.getRequestUri().getRawPath(), ObjectPath.NATIVE);
        return new ObjectId(Bck.of(p.bucket(), provider, ns), p.name());
    }

    private static long length(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw AisException.badRequest("invalid Content-Length \"" + header + "\"");
        }
    }
}
