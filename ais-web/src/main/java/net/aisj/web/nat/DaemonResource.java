package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.aisj.cluster.MetaJson;
import net.aisj.core.AisException;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.web.nat.json.ActMsg;
import net.aisj.web.nat.json.NodeJson;

/**
 * {@code GET /v1/daemon?what=smap|snode|bmd|mountpaths|config|node_status}: this node's view; {@code what=log}:
 * its recent log ({@link NodeLog});
 * {@code /v1/daemon/mountpaths}
 * with an ActMsg whose value is the mountpath: {@code attach-mp} (PUT), {@code enable-mp}/{@code disable-mp}
 * (POST), {@code detach-mp} (DELETE); {@code ?dntres=true} skips the resilver. Answers the node's mountpaths.
 */
@Path("v1/daemon")
@jakarta.enterprise.context.RequestScoped // a CDI bean: the reverse path answers through it for this node
public class DaemonResource {

    @Inject
    LocalNode node;

    @Inject
    MirrorService mirror;

    @Inject
    NodeStatus status;

    @Inject
    NodeLog log;

    @Inject
    net.aisj.web.dataplane.DataPlane dataPlane;

    /**
     * AIS's {@code PUT /v1/daemon/load-x509}: reads this node's TLS certificate and key files again; new connections
     * get them (the node also does so by itself when the files change). 404 when the node serves no TLS, 400 when the
     * files are unusable (the previous certificate stays).
     */
    @PUT
    @Path("load-x509")
    @Produces(MediaType.APPLICATION_JSON)
    public String loadX509() {
        try {
            return jakarta.json.Json.createObjectBuilder()
                    .add("loaded", dataPlane.reloadTls())
                    .build()
                    .toString();
        } catch (IllegalStateException e) {
            throw new AisException(
                    e.getMessage().startsWith("TLS is not served")
                            ? AisException.Kind.NOT_FOUND
                            : AisException.Kind.BAD_REQUEST,
                    e.getMessage());
        }
    }

    @PUT
    @Path("mountpaths")
    @Produces(MediaType.APPLICATION_JSON)
    public String attach(@QueryParam("dntres") boolean dontResilver, String body) {
        return mountpath("PUT", body, dontResilver);
    }

    @POST
    @Path("mountpaths")
    @Produces(MediaType.APPLICATION_JSON)
    public String enableOrDisable(@QueryParam("dntres") boolean dontResilver, String body) {
        return mountpath("POST", body, dontResilver);
    }

    @DELETE
    @Path("mountpaths")
    @Produces(MediaType.APPLICATION_JSON)
    public String detach(@QueryParam("dntres") boolean dontResilver, String body) {
        return mountpath("DELETE", body, dontResilver);
    }

    private String mountpath(String method, String body, boolean dontResilver) {
        return mountpathAction(mirror, method, body, dontResilver);
    }

    /** A mountpath ActMsg sent with {@code method}, applied on this node; answers its mountpaths. */
    static String mountpathAction(MirrorService mirror, String method, String body, boolean dontResilver) {
        ActMsg msg = ActMsg.parse(body);
        String expected = switch (msg.action()) {
            case "attach-mp" -> "PUT";
            case "enable-mp", "disable-mp" -> "POST";
            case "detach-mp" -> "DELETE";
            default ->
                throw AisException.badRequest("invalid mountpath action \"" + msg.action()
                        + "\" (expected attach-mp, enable-mp, disable-mp or detach-mp)");
        };
        if (!expected.equals(method)) {
            throw AisException.badRequest(msg.action() + " must be sent with " + expected + ", not " + method);
        }
        String path = msg.value() instanceof JsonString js ? js.getString() : "";
        return NodeJson.mountpaths(mirror.mountpath(msg.action(), path, dontResilver))
                .toString();
    }

    @GET
    public Response get(
            @QueryParam("what") String what, @QueryParam("severity") String severity, @QueryParam("all") boolean all) {
        if ("log".equals(what)) {
            if (all) {
                throw new AisException(
                        AisException.Kind.BAD_REQUEST,
                        "what=log&all=true (every rotated log as an archive) is not supported: the node keeps its"
                                + " recent log only");
            }
            return Response.ok(log.text(severity), MediaType.TEXT_PLAIN_TYPE).build();
        }
        return Response.ok(json(what), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private String json(String what) {
        return switch (what == null ? "" : what) {
            case "smap" -> MetaJson.smap(node.clusterMap()).toString();
            case "bmd" -> MetaJson.bmd(node.bucketMetadata().current()).toString();
            case "snode" -> MetaJson.snode(node.self()).toString();
            case "mountpaths" -> NodeJson.mountpaths(node.volume()).toString();
            case "config" -> NodeJson.config(node.config(), node.volume()).toString();
            case "node_status" -> status.local().toString();
            default ->
                throw AisException.badRequest("invalid query \"what=" + what + "\" for GET /v1/daemon "
                        + "(expected smap, bmd, snode, mountpaths, config, node_status or log)");
        };
    }
}
