package net.aisj.web.intra;

import static net.aisj.cluster.IntraContract.*;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.aisj.cluster.DownloadJson;
import net.aisj.service.download.DownloadService;

/**
 * Download jobs between nodes ({@code /v1/intra/download/...}, cluster secret required): start this target's share,
 * its status (404 when it does not know the job), its job list, abort, remove.
 */
@Path(DOWNLOAD_ROOT)
public class DownloadIntraResource {

    @Inject
    DownloadService downloads;

    @POST
    @Path(DL_START)
    @Consumes(MediaType.WILDCARD)
    public Response start(@QueryParam(P_ID) String id, String spec) {
        downloads.startLocal(id, DownloadJson.readSpec(spec));
        return Response.ok().build();
    }

    @GET
    @Path(DL_STATUS)
    public Response status(@QueryParam(P_ID) String id, @QueryParam(P_ACTIVE) boolean onlyActive) {
        return downloads
                .localStatus(id, onlyActive)
                .map(s -> Response.ok(DownloadJson.writeStatus(s), MediaType.APPLICATION_JSON_TYPE))
                .orElse(Response.status(404))
                .build();
    }

    @GET
    @Path(DL_LIST)
    public Response list() {
        return Response.ok(DownloadJson.writeJobs(downloads.localList()), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @DELETE
    @Path(DL_ABORT)
    public Response abort(@QueryParam(P_ID) String id) {
        return Response.status(downloads.localAbort(id) ? 200 : 404).build();
    }

    @DELETE
    @Path(DL_REMOVE)
    public Response remove(@QueryParam(P_ID) String id) {
        return Response.status(downloads.localRemove(id) ? 200 : 404).build();
    }
}
