package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import net.aisj.cluster.MetaJson;
import net.aisj.core.AisException;
import net.aisj.service.StorageNode;
import net.aisj.web.nat.json.NodeJson;

/** {@code GET /v1/daemon?what=smap|snode|bmd|mountpaths|config|node_status}: this node's view. */
@Path("v1/daemon")
public class DaemonResource {

    @Inject
    StorageNode node;

    @Inject
    NodeStatus status;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@QueryParam("what") String what) {
        return switch (what == null ? "" : what) {
            case "smap" -> MetaJson.smap(node.clusterMap()).toString();
            case "bmd" -> MetaJson.bmd(node.bucketMetadata().current()).toString();
            case "snode" -> MetaJson.snode(node.self()).toString();
            case "mountpaths" -> NodeJson.mountpaths(node.volume()).toString();
            case "config" -> NodeJson.config(node.config(), node.volume()).toString();
            case "node_status" -> status.local().toString();
            default -> throw AisException.badRequest("invalid query \"what=" + what + "\" for GET /v1/daemon "
                    + "(expected smap, bmd, snode, mountpaths, config or node_status)");
        };
    }
}
