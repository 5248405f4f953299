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

    /** AIS's header carrying the JSON error of a HEAD request, which has no body. */
    public static final String HDR_ERROR = "Hdr-Error";

    /** The error response; a HEAD's error travels in {@value #HDR_ERROR} (as AIS sends it), with no body. */
    public static Response response(int status, String message, HttpServletRequest req, String nodeId) {
        if (req != null && "HEAD".equals(req.getMethod())) {
            return Response.status(status)
                    .header(HDR_ERROR, headerValue(body(status, message, req, nodeId)))
                    .build();
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
            resp.setHeader(HDR_ERROR, headerValue(body(status, message, req, nodeId)));
            resp.setContentLength(0);
            return;
        }
        byte[] b = body(status, message, req, nodeId).getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    /** The JSON text with every non-ASCII character escaped ({@code \\uXXXX}), so it survives as a header value. */
    static String headerValue(String json) {
        StringBuilder b = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
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
