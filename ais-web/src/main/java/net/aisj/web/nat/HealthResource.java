package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import net.aisj.service.LocalNode;

/**
 * {@code GET /v1/health}: 200 only when the node is started and a mountpath is usable (503 otherwise). A failed
 * deployment never reaches this resource, so it cannot look healthy.
 */
@Path("v1/health")
public class HealthResource {

    @Inject
    LocalNode node;

    @Context
    HttpServletRequest request;

    @GET
    public Response health() {
        if (!node.healthy()) {
            return AisErrors.response(
                    503,
                    "node is not ready: no usable mountpath",
                    request,
                    node.self() == null ? "" : node.self().id());
        }
        String up = Long.toString(node.uptimeNanos());
        return Response.ok()
                .header("Ais-Node-Uptime", up)
                .header("Ais-Cluster-Uptime", up)
                .build();
    }
}
