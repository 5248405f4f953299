package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.service.etl.EtlService;
import net.aisj.web.common.PathNames;

/**
 * Where a transformer reads objects back (AIS's {@code /v1/etl/_object/<etl>/<secret>/<uname>}, the
 * {@code AIS_TARGET_URL} it is given): GET and HEAD of the object named by its uname
 * ({@code provider/@ns#/bucket/object}, usually escaped into one segment), authorized only by the ETL's secret.
 * An {@code hpull://} transformer that is not given a local path fetches its input here; a transformer that
 * supports direct put stores an offline job's output here on the output's owner (PUT).
 */
@Path("v1/etl/_object/{etl}/{secret}/{uname: .+}")
public class EtlObjectResource {

    /** Segments before the uname: v1, etl, _object, etl, secret. */
    private static final int LEAD = 5;

    @Inject
    EtlService etls;

    @Inject
    NativeObjects handlers;

    @GET
    public Response get(@Context UriInfo uri, @PathParam("etl") String etl, @PathParam("secret") String secret) {
        return handlers.get(object(uri, etl, secret), false, null);
    }

    @HEAD
    public Response head(@Context UriInfo uri, @PathParam("etl") String etl, @PathParam("secret") String secret) {
        return handlers.head(object(uri, etl, secret), null);
    }

    /**
     * AIS's direct put: a transformer stores its output for another target's object here ({@code ?uuid=} the offline
     * job); an ordinary object PUT of {@code Content-Length} bytes (-1: until the body ends).
     */
    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(
            @Context UriInfo uri,
            @PathParam("etl") String etl,
            @PathParam("secret") String secret,
            @HeaderParam("Content-Length") @DefaultValue("-1") long length,
            InputStream body) {
        return handlers.put(object(uri, etl, secret), body, length, null, null);
    }

    private ObjectId object(UriInfo uri, String etl, String secret) {
        etls.authorize(etl, secret);
        String uname;
        try {
            uname = PathNames.tail(uri.getRequestUri().getRawPath(), LEAD);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest("etl job " + etl + ": invalid object uname: " + e.getMessage());
        }
        Object[] b = Bck.parseUname(uname);
        return new ObjectId((net.aisj.connector.api.BucketId) b[0], (String) b[1]);
    }
}
