package net.aisj.web.intra;

import static net.aisj.cluster.IntraContract.*;

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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import net.aisj.cluster.DsortJson;
import net.aisj.core.AisException;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.service.dsort.DsortParts;
import net.aisj.web.nat.json.DsortSpecJson;

/**
 * dsort calls between targets ({@code /v1/intra/dsort/...}, cluster secret required): start this target's part,
 * its extracted records (202 while it is still extracting), its plan, "built" reports to the coordinator, the end
 * of the job, pulls of record contents (a JSON list of {@code [offset, size]} in, the bytes back to back out), and
 * metrics, list and removal for the public API's fan-out.
 */
@Path(DSORT_ROOT)
public class DsortIntraResource {

    @Inject
    DsortParts dsort;

    @POST
    @Path(DSORT_START)
    @Consumes(MediaType.WILDCARD)
    public Response start(
            @QueryParam(P_ID) String id,
            @QueryParam(P_COORDINATOR) String coordinator,
            @QueryParam(P_TARGETS) String targets,
            String spec) {
        List<String> ts = Arrays.stream(targets == null ? new String[0] : targets.split(","))
                .filter(s -> !s.isEmpty())
                .toList();
        if (id == null || id.isEmpty() || coordinator == null || ts.isEmpty()) {
            throw AisException.badRequest("dsort start: missing id, coord or targets");
        }
        dsort.startLocal(id, coordinator, ts, DsortSpecJson.read(spec));
        return Response.ok().build();
    }

    @GET
    @Path(DSORT_RECORDS)
    public Response records(@QueryParam(P_ID) String id) {
        List<DsortRecord> recs = dsort.localRecords(id).orElse(null);
        if (recs == null) {
            return Response.accepted().build();
        }
        StreamingOutput body = out -> dsort.writeRecords(recs, out);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path(DSORT_PLAN)
    @Consumes(MediaType.WILDCARD)
    public Response plan(@QueryParam(P_ID) String id, InputStream body) {
        dsort.localPlan(id, body);
        return Response.ok().build();
    }

    @POST
    @Path(DSORT_BUILT)
    @Consumes(MediaType.WILDCARD)
    public Response built(@QueryParam(P_ID) String id, @QueryParam(P_NODE) String target) {
        dsort.localBuilt(id, target);
        return Response.ok().build();
    }

    @POST
    @Path(DSORT_FINISH)
    @Consumes(MediaType.WILDCARD)
    public Response finish(@QueryParam(P_ID) String id) {
        dsort.localFinish(id);
        return Response.ok().build();
    }

    @POST
    @Path(DSORT_PULL)
    @Consumes(MediaType.WILDCARD)
    public Response pull(@QueryParam(P_ID) String id, String body) {
        List<long[]> ranges = DsortJson.readRanges(body);
        StreamingOutput out = o -> dsort.localServe(id, ranges, o);
        return Response.ok(out, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", Long.toString(DsortParts.rangesLength(ranges)))
                .build();
    }

    @GET
    @Path(DSORT_METRICS)
    @Produces(MediaType.APPLICATION_JSON)
    public Response metrics(@QueryParam(P_ID) String id) {
        return dsort.localMetrics(id)
                .map(m -> Response.ok(DsortJson.jobInfo(m).toString()).build())
                .orElseGet(() -> Response.status(404).build());
    }

    @GET
    @Path(DSORT_LIST)
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        return DsortJson.jobInfoList(dsort.localList()).toString();
    }

    @DELETE
    @Path(DSORT_JOB)
    public Response remove(@QueryParam(P_ID) String id) {
        return Response.status(dsort.localRemove(id) ? 200 : 404).build();
    }
}
