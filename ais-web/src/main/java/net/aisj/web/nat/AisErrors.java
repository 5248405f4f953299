package net.aisj.web.nat;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.aisj.core.AisException;

/** Builds AIS's JSON error body ({@code message, method, url_path, remote_addr, caller, node, status}). */
public final class AisErrors {

    private AisErrors() {}

    static int status(AisException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case RANGE_NOT_SATISFIABLE -> 416;
            case UNAVAILABLE -> 503;
            case INSUFFICIENT_STORAGE -> 507;
            case INTERNAL -> 500;
        };
    }

    /** The error response; HEAD gets no body (AIS puts the message in no header either). */
    public static Response response(int status, String message, HttpServletRequest req, String nodeId) {
        if (req != null && "HEAD".equals(req.getMethod())) {
            return Response.status(status).build();
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, message, req, nodeId))
                .build();
    }

    /** The same error written straight into a servlet response that is not committed yet. */
    static void write(HttpServletResponse resp, int status, String message, HttpServletRequest req, String nodeId)
            throws IOException {
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setContentType(MediaType.APPLICATION_JSON);
        if ("HEAD".equals(req.getMethod())) {
            resp.setContentLength(0);
            return;
        }
        byte[] b = body(status, message, req, nodeId).getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    private static String body(int status, String message, HttpServletRequest req, String nodeId) {
        return Json.createObjectBuilder()
                .add("message", message == null ? "" : message)
                .add("method", req == null ? "" : req.getMethod())
                .add("url_path", req == null ? "" : req.getRequestURI())
                .add("remote_addr", req == null ? "" : req.getRemoteAddr())
                .add("caller", req == null || req.getHeader("User-Agent") == null ? "" : req.getHeader("User-Agent"))
                .add("node", nodeId == null ? "" : nodeId)
                .add("status", status)
                .build()
                .toString();
    }
}
