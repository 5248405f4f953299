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

/** {@code GET /v1/cluster?what=smap|bmd}: the cluster-wide metadata. */
@Path("v1/cluster")
public class ClusterResource {

    @Inject
    StorageNode node;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@QueryParam("what") String what) {
        return switch (what == null ? "" : what) {
            case "smap" -> MetaJson.smap(node.clusterMap()).toString();
            case "bmd" -> MetaJson.bmd(node.bucketMetadata().current()).toString();
            default -> throw AisException.badRequest("invalid query \"what=" + what + "\" for GET /v1/cluster "
                    + "(expected smap or bmd)");
        };
    }
}
