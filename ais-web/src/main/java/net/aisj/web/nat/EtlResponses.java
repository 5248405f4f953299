package net.aisj.web.nat;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import net.aisj.service.etl.EtlTransforms;

/** An inline transform's answer: the transformer's bytes streamed to the client (its length when it gave one). */
final class EtlResponses {

    private EtlResponses() {}

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
