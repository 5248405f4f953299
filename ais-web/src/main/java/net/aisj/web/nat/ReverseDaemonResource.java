package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;

/**
 * AIS's reverse path for node-local calls sent through any node: {@code /v1/reverse/daemon/mountpaths} with the
 * target named in {@code Ais-Node-Id} (as AIS's CLI and SDK send mountpath actions), and
 * {@code GET /v1/reverse/daemon?what=} (node status, node log). This node serves it when it is
 * that target, else relays it to that target's {@code /v1/daemon/mountpaths} and passes the answer back.
 */
@Path("v1/reverse/daemon")
public class ReverseDaemonResource {

    static final String NODE_ID = "Ais-Node-Id";

    @Inject
    LocalNode node;

    @Inject
    MirrorService mirror;

    @Inject
    DaemonResource daemon;

    @PUT
    @Path("mountpaths")
    @Produces(MediaType.APPLICATION_JSON)
    public Response attach(@HeaderParam(NODE_ID) String nodeId, @QueryParam("dntres") boolean dntres, String body) {
        return route("PUT", nodeId, dntres, body);
    }

    @POST
    @Path("mountpaths")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enableOrDisable(
            @HeaderParam(NODE_ID) String nodeId, @QueryParam("dntres") boolean dntres, String body) {
        return route("POST", nodeId, dntres, body);
    }

    @DELETE
    @Path("mountpaths")
    @Produces(MediaType.APPLICATION_JSON)
    public Response detach(@HeaderParam(NODE_ID) String nodeId, @QueryParam("dntres") boolean dntres, String body) {
        return route("DELETE", nodeId, dntres, body);
    }

    /**
     * {@code GET /v1/reverse/daemon?what=...} for the node in {@code Ais-Node-Id} (the SDK's per-node performance
     * and {@code get_node_log}): answered here when it is this node, else relayed to that node's
     * {@code /v1/daemon} with the same query.
     */
    @GET
    public Response get(
            @HeaderParam(NODE_ID) String nodeId,
            @QueryParam("what") String what,
            @QueryParam("severity") String severity,
            @QueryParam("all") boolean all,
            @Context UriInfo uri) {
        if (nodeId == null || nodeId.isBlank() || nodeId.equals(node.self().id())) {
            return daemon.get(what, severity, all);
        }
        NodeInfo target = node.clusterMap().nodes().values().stream()
                .filter(t -> t.id().equals(nodeId))
                .findFirst()
                .orElseThrow(() -> AisException.notFound("no node \"" + nodeId + "\" in the cluster map"));
        String query = uri.getRequestUri().getRawQuery();
        HttpResponse<InputStream> r = node.intra()
                .forward(target, "GET", "/v1/daemon" + (query == null ? "" : "?" + query), Map.of(), null, 0);
        try (InputStream in = r.body()) {
            String type = r.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON);
            return Response.status(r.statusCode())
                    .type(type)
                    .entity(in.readAllBytes())
                    .build();
        } catch (IOException e) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "relaying to " + target.displayName() + ": " + e.getMessage(), e);
        }
    }

    private Response route(String method, String nodeId, boolean dntres, String body) {
        if (nodeId == null || nodeId.isBlank() || nodeId.equals(node.self().id())) {
            return Response.ok(
                            DaemonResource.mountpathAction(mirror, method, body, dntres),
                            MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        NodeInfo target = node.clusterMap().targets().stream()
                .filter(t -> t.id().equals(nodeId))
                .findFirst()
                .orElseThrow(() -> AisException.notFound("no target \"" + nodeId + "\" in the cluster map"));
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<InputStream> r = node.intra()
                .forward(
                        target,
                        method,
                        "/v1/daemon/mountpaths" + (dntres ? "?dntres=true" : ""),
                        Map.of("Content-Type", List.of("application/json")),
                        new ByteArrayInputStream(b),
                        b.length);
        try (InputStream in = r.body()) {
            return Response.status(r.statusCode())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(in.readAllBytes())
                    .build();
        } catch (IOException e) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "relaying to " + target.displayName() + ": " + e.getMessage(), e);
        }
    }
}
