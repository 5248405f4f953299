package net.aisj.web.common;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a JAX-RS {@link Response} built by a handler into a servlet response, for the direct data path: status,
 * headers, and an entity that is a {@link StreamingOutput}, an {@link InputStream} (closed after), a
 * {@code String} (UTF-8) or a {@code byte[]}.
 */
public final class ServletResponses {

    private ServletResponses() {}

    /**
     * @return the entity bytes written
     * @throws IllegalArgumentException for another entity type (a handler the direct path must not serve)
     */
    public static long write(Response r, HttpServletResponse resp) throws IOException {
        resp.setStatus(r.getStatus());
        for (Map.Entry<String, List<String>> h : r.getStringHeaders().entrySet()) {
            for (String v : h.getValue()) {
                resp.addHeader(h.getKey(), v);
            }
        }
        Object entity = r.getEntity();
        if (entity == null) {
            if (r.getHeaderString("Content-Length") == null) {
                resp.setContentLength(0);
            }
            return 0;
        }
        CountingStream out = new CountingStream(resp.getOutputStream());
        if (entity instanceof StreamingOutput so) {
            so.write(out);
        } else if (entity instanceof InputStream in) {
            try (in) {
                in.transferTo(out);
            }
        } else if (entity instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            resp.setContentLength(b.length);
            out.write(b);
        } else if (entity instanceof byte[] b) {
            resp.setContentLength(b.length);
            out.write(b);
        } else {
            throw new IllegalArgumentException(
                    "cannot write an entity of " + entity.getClass().getName());
        }
        return out.count;
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
