package net.aisj.web.intra;

import static net.aisj.cluster.IntraContract.*;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;
import net.aisj.cluster.EcIntra;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.core.AisException;
import net.aisj.service.ec.EcJobs;
import net.aisj.service.ec.EcService;
import net.aisj.web.common.ObjectPath;

/**
 * Erasure-coding calls between targets ({@code /v1/intra/ec/...}, cluster secret required like every intra
 * endpoint): a target's metafile of an object, storing/serving/removing the replica or slice it holds, and starting
 * its part of an EC job. Metafiles travel in {@value EcIntra#META_HEADER} (base64url JSON). A holder that keeps a
 * newer generation refuses a slice with {@value EcIntra#REFUSED_STATUS} and {@value EcIntra#REFUSED_HEADER}.
 */
@Path(EC_ROOT)
public class EcIntraResource {

    @Inject
    EcService ec;

    @Inject
    EcJobs jobs;

    @Context
    UriInfo uri;

    @GET
    @Path(EC_META + "/" + OBJECT_TEMPLATE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response meta(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @QueryParam(P_VERIFY) boolean verify) {
        return ec.localMeta(object(provider, ns), verify)
                .map(m -> Response.ok(m.toJson()).build())
                .orElseGet(() -> Response.status(404).build());
    }

    @PUT
    @Path(EC_SLICES + "/" + OBJECT_TEMPLATE)
    @Consumes(MediaType.WILDCARD)
    public Response put(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @HeaderParam(EC_META_HEADER) String meta,
            InputStream body) {
        if (meta == null || meta.isEmpty()) {
            throw AisException.badRequest("missing " + EC_META_HEADER);
        }
        Optional<EcIntra.Refusal> refused = ec.receiveSlice(object(provider, ns), EcIntra.decodeMeta(meta), body);
        if (refused.isEmpty()) {
            return Response.ok().build();
        }
        EcIntra.Refusal r = refused.get();
        Response.ResponseBuilder b = Response.status(EC_REFUSED_STATUS)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity(r.message())
                .header(EC_REFUSED_HEADER, Long.toString(r.generation()));
        r.held().ifPresent(m -> b.header(EC_META_HEADER, EcIntra.encodeMeta(m)));
        return b.build();
    }

    @GET
    @Path(EC_SLICES + "/" + OBJECT_TEMPLATE)
    public Response get(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns) {
        EcSlice s = ec.openLocalSlice(object(provider, ns));
        StreamingOutput body = out -> {
            try (s) {
                s.content().transferTo(out);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(EC_META_HEADER, EcIntra.encodeMeta(s.meta()))
                .header("Content-Length", Long.toString(s.meta().storedSize()))
                .build();
    }

    @DELETE
    @Path(EC_SLICES + "/" + OBJECT_TEMPLATE)
    public Response delete(
            @PathParam("bucket") String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @QueryParam(P_GENERATION) long generation) {
        return Response.status(ec.deleteLocal(object(provider, ns), generation) ? 200 : 404)
                .build();
    }

    @POST
    @Path(EC_JOBS)
    public Response start(
            @QueryParam(P_KIND) String kind,
            @QueryParam(P_ID) String id,
            @QueryParam(P_BUCKET) String bucket,
            @QueryParam(P_PROVIDER) String provider,
            @QueryParam(P_NAMESPACE) String ns,
            @QueryParam(P_VERIFY) boolean verify) {
        if (id == null || id.isEmpty() || bucket == null || bucket.isEmpty()) {
            throw AisException.badRequest("missing job id or bucket");
        }
        jobs.startLocal(kind, id, bucket(bucket, provider, ns), verify);
        return Response.ok().build();
    }

    private static BucketId bucket(String name, String provider, String ns) {
        return new BucketId(provider == null || provider.isEmpty() ? BucketId.AIS : provider, ns, name);
    }

    /** The object of {@code /v1/intra/ec/<kind>/<bucket>/<object...>} (the raw name: '/' and %2F kept apart). */
    private ObjectId object(String provider, String ns) {
        ObjectPath p = ObjectPath.parse(uri.getRequestUri().getRawPath(), 4);
        return new ObjectId(bucket(p.bucket(), provider, ns), p.name());
    }
}
