package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.Map;
import net.aisj.cluster.EtlJson;
import net.aisj.core.AisException;
import net.aisj.core.etl.EtlNodeState;
import net.aisj.service.etl.EtlService;

/**
 * AIS's ETL control API, {@code /v1/etl}: {@code PUT} init (ETLSpecMsg; answers the job id), {@code GET} list,
 * {@code GET /<name>[?uuid=]} the init message and object errors, {@code /<name>/logs[/<target>]} (base64, as Go
 * marshals bytes), {@code /<name>/health}, {@code /<name>/metrics}, {@code POST /<name>/stop|start},
 * {@code DELETE /<name>}. The transformers' own calls back into the cluster are {@link EtlObjectResource}'s.
 */
@Path("v1/etl")
public class EtlResource {

    @Inject
    EtlService etls;

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response init(String body) {
        String xid = etls.init(EtlJson.spec(body));
        return Response.ok(xid, MediaType.TEXT_PLAIN_TYPE).build();
    }

    @GET
    public Response list() {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (EtlService.Summary s : etls.list()) {
            arr.add(Json.createObjectBuilder()
                    .add("id", s.entry().name())
                    .add("stage", s.entry().stage().wire())
                    .add("xaction_id", s.entry().xid())
                    .add("obj_count", s.objCount())
                    .add("in_bytes", s.inBytes())
                    .add("out_bytes", s.outBytes()));
        }
        return json(arr.build().toString());
    }

    @GET
    @Path("{name}")
    public Response details(@PathParam("name") String name, @QueryParam("uuid") String job) {
        EtlService.Details d = etls.details(name, job);
        JsonArrayBuilder errs = Json.createArrayBuilder();
        d.errors().forEach(e -> errs.add(EtlJson.objError(e)));
        var o = Json.createObjectBuilder()
                .add(
                        "init_msg",
                        Json.createReader(new java.io.StringReader(
                                        d.entry().spec().initMsg()))
                                .readObject())
                .add("stage", d.entry().stage().wire())
                .add("obj_errors", errs);
        if (!d.entry().reason().isEmpty()) {
            o.add("reason", d.entry().reason());
        }
        return json(o.build().toString());
    }

    @GET
    @Path("{name}/logs")
    public Response logs(@PathParam("name") String name) {
        return logsOf(name, null);
    }

    @GET
    @Path("{name}/logs/{target}")
    public Response logs(@PathParam("name") String name, @PathParam("target") String target) {
        return logsOf(name, target);
    }

    private Response logsOf(String name, String target) {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (Map.Entry<String, byte[]> e : etls.logs(name, target).entrySet()) {
            arr.add(Json.createObjectBuilder()
                    .add("target_id", e.getKey())
                    .add("logs", Base64.getEncoder().encodeToString(e.getValue())));
        }
        return json(arr.build().toString());
    }

    @GET
    @Path("{name}/health")
    public Response health(@PathParam("name") String name) {
        return perTarget(
                name,
                (o, st) -> o.add("health_status", st == null ? "Unknown" : st.health())
                        .add("restarts", st == null ? 0 : st.restarts()));
    }

    @GET
    @Path("{name}/metrics")
    public Response metrics(@PathParam("name") String name) {
        return perTarget(
                name, (o, st) -> o.add("cpu", st == null ? 0 : st.cpu()).add("mem", st == null ? 0 : st.memBytes()));
    }

    /** One row per target of the cluster map (those without a transformer for the ETL get {@code null} state). */
    private Response perTarget(
            String name, java.util.function.BiConsumer<jakarta.json.JsonObjectBuilder, EtlNodeState> fields) {
        Map<String, EtlNodeState> states = etls.states(name, "");
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (String t : etls.targetIds()) {
            var o = Json.createObjectBuilder().add("target_id", t);
            fields.accept(o, states.get(t));
            arr.add(o);
        }
        return json(arr.build().toString());
    }

    @POST
    @Path("{name}/{action}")
    public Response action(@PathParam("name") String name, @PathParam("action") String action) {
        return switch (action) {
            case "stop" -> {
                etls.stop(name);
                yield Response.ok().build();
            }
            case "start" ->
                Response.ok(etls.start(name), MediaType.TEXT_PLAIN_TYPE).build();
            default -> throw AisException.badRequest("invalid ETL action \"" + action + "\" (expected stop or start)");
        };
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        etls.delete(name);
        return Response.ok().build();
    }

    private static Response json(String s) {
        return Response.ok(s, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
