package net.aisj.web.intra;

import static net.aisj.cluster.EtlIntra.*;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.aisj.cluster.EtlJson;
import net.aisj.core.AisException;
import net.aisj.service.etl.EtlService;
import net.aisj.service.etl.TransformerSupervisor;

/**
 * A target's half of the ETL control calls ({@code /v1/intra/etl/...}, cluster secret required): start this
 * node's transformer (answers once healthy), stop it, its state and its logs (404: no transformer here).
 */
@Path(ROOT_PATH)
public class EtlIntraResource {

    @Inject
    EtlService etls;

    @Inject
    TransformerSupervisor supervisor;

    @POST
    @Path(START)
    @Consumes(MediaType.WILDCARD)
    public Response start(String body) {
        etls.startLocal(EtlJson.entryOf(body));
        return Response.ok().build();
    }

    @POST
    @Path(STOP)
    public Response stop(@QueryParam(P_NAME) String name) {
        return etls.stopLocal(name)
                ? Response.ok().build()
                : Response.status(404).build();
    }

    @GET
    @Path(STATE)
    public Response state(@QueryParam(P_NAME) String name, @QueryParam(P_JOB) String job) {
        return supervisor
                .state(name, job == null ? "" : job)
                .map(s -> Response.ok(EtlJson.nodeStateText(s), MediaType.APPLICATION_JSON_TYPE)
                        .build())
                .orElseGet(() -> Response.status(404).build());
    }

    @GET
    @Path(LOGS)
    public Response logs(@QueryParam(P_NAME) String name) {
        if (name == null) {
            throw AisException.badRequest("missing name");
        }
        return supervisor
                .logs(name)
                .map(b ->
                        Response.ok(b, MediaType.APPLICATION_OCTET_STREAM_TYPE).build())
                .orElseGet(() -> Response.status(404).build());
    }
}
