package net.aisj.web.nat;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import net.aisj.service.etl.EtlTransforms;

/** An inline transform's answer: the transformer's bytes streamed to the client (its length when it gave one). */
final class EtlResponses {

    private EtlResponses() {}

    /** AIS's {@code etl_pipeline}: ETL names, comma-separated (empty entries ignored). */
    static java.util.List<String> pipeline(String q) {
        if (q == null || q.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(q.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static Response inline(EtlTransforms.Transformed t) {
        StreamingOutput out = o -> {
            try (InputStream in = t.body()) {
                in.transferTo(o);
            }
        };
        Response.ResponseBuilder b = Response.ok(out, t.contentType());
        if (t.length() >= 0) {
            b.header("Content-Length", t.length());
        }
        return b.build();
    }
}
