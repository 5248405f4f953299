package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.aisj.cluster.DsortJson;
import net.aisj.service.dsort.DsortService;
import net.aisj.web.nat.json.DsortSpecJson;

/**
 * dsort, AIS's {@code /v1/sort} ({@code api.StartDsort}, {@code MetricsDsort}, {@code ListDsort},
 * {@code AbortDsort}, {@code RemoveDsort}): {@code POST} with the request spec answers the job id as text;
 * {@code GET ?uuid=} every target's JobInfo by target id; {@code GET} (optionally {@code regex},
 * {@code onlyactive}) the jobs, aggregated; {@code DELETE /abort?uuid=} aborts; {@code DELETE ?uuid=} forgets a
 * finished job. {@code id} is accepted for {@code uuid}. Errors are AIS JSON errors (400 for a bad spec).
 */
@Path("v1/sort")
public class SortResource {

    @Inject
    DsortService dsort;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String start(String spec) {
        return dsort.start(DsortSpecJson.read(spec), spec);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(
            @QueryParam("uuid") String uuid,
            @QueryParam("id") String id,
            @QueryParam("regex") String regex,
            @QueryParam("onlyactive") boolean onlyActive) {
        String job = pick(uuid, id);
        return job.isEmpty()
                ? DsortJson.jobInfoList(dsort.list(regex, onlyActive)).toString()
                : DsortJson.jobInfos(dsort.metrics(job)).toString();
    }

    @DELETE
    @Path("abort")
    public Response abort(@QueryParam("uuid") String uuid, @QueryParam("id") String id) {
        dsort.abort(pick(uuid, id));
        return Response.ok().build();
    }

    @DELETE
    public Response remove(@QueryParam("uuid") String uuid, @QueryParam("id") String id) {
        dsort.remove(pick(uuid, id));
        return Response.ok().build();
    }

    private static String pick(String uuid, String id) {
        return uuid != null && !uuid.isEmpty() ? uuid : id == null ? "" : id;
    }
}
