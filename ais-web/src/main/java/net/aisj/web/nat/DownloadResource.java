package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import net.aisj.cluster.DownloadJson;
import net.aisj.core.AisException;
import net.aisj.service.download.DownloadService;

/**
 * AIS's downloader API: {@code POST /v1/download} with a {@code dload.Body} starts a job and answers
 * {@code {"id":"dnl-..."}}; {@code GET /v1/download} with {@code {"id"}} answers its status ({@code StatusResp}), without
 * an id the job list (filtered by {@code regex}); {@code DELETE /v1/download/abort|remove} with {@code {"id"}}.
 */
@Path("v1/download")
public class DownloadResource {

    @Inject
    DownloadService downloads;

    @Inject
    net.aisj.web.auth.AccessGate gate;

    @Context
    HttpServletRequest request;

    @POST
    public Response start() throws IOException {
        var spec = DownloadJson.readSpec(body());
        var denied = gate.checkBuckets(request, java.util.List.of(spec.bucket()), net.aisj.core.auth.Access.RW);
        if (denied.isPresent()) {
            return denied.get();
        }
        String id = downloads.start(spec);
        return json(Json.createObjectBuilder().add("id", id).build().toString());
    }

    @GET
    public Response status() throws IOException {
        JsonObject admin = admin(body());
        String id = admin.getString("id", "");
        boolean onlyActive = admin.getBoolean("only_active_tasks", false);
        if (id.isEmpty()) {
            return json(DownloadJson.writeJobs(downloads.list(admin.getString("regex", ""), onlyActive)));
        }
        return json(DownloadJson.writeStatus(downloads.status(id, onlyActive)));
    }

    @DELETE
    @Path("{what}")
    public Response adm(@PathParam("what") String what) throws IOException {
        String id = admin(body()).getString("id", "");
        if (id.isEmpty()) {
            throw AisException.badRequest("download " + what + ": UUID not specified");
        }
        switch (what) {
            case "abort" -> downloads.abort(id);
            case "remove" -> downloads.remove(id);
            default -> throw AisException.badRequest("invalid action \"" + what + "\" (abort or remove)");
        }
        return Response.ok().build();
    }

    private String body() throws IOException {
        return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** AIS's {@code AdminBody} ({@code {"id","regex","only_active_tasks"}}); an empty body is {}. */
    private static JsonObject admin(String body) {
        if (body.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (var r = Json.createReader(new StringReader(body))) {
            return r.readObject();
        } catch (RuntimeException e) {
            throw AisException.badRequest("download: the body is not a JSON object: " + e.getMessage());
        }
    }

    private static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
