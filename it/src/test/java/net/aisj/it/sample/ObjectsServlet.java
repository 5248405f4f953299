package net.aisj.it.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.resource.ResourceException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.aisj.client.AisClientException;
import net.aisj.jca.AisConnection;
import net.aisj.jca.AisConnectionFactory;

/**
 * The sample's HTTP face: {@code PUT /objects/<bucket>/<name>} streams the request body into the store through the
 * connector, {@code GET} streams it back, {@code POST /objects/<bucket>} creates the bucket, {@code GET /whoami} says
 * which user the container signed the connection on as, {@code GET /map} the target ids in the cluster map a pooled
 * connection holds as it comes from the pool (one a line), {@code GET /events} lists what the message-driven bean
 * counted ({@code kind bucket/name<TAB>times}, one a line).
 */
@WebServlet(urlPatterns = {"/objects/*", "/whoami", "/events", "/map"})
public class ObjectsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "jca/ais")
    private transient AisConnectionFactory store;

    @EJB
    private transient EventCounts counts;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getServletPath()) {
            case "/whoami" -> {
                try (AisConnection c = connect()) {
                    text(resp, c.user());
                }
            }
            case "/map" -> {
                try (AisConnection c = connect()) {
                    StringBuilder b = new StringBuilder();
                    c.clusterMap().targets().forEach(t -> b.append(t.id()).append('\n'));
                    text(resp, b.toString());
                }
            }
            case "/events" -> {
                StringBuilder b = new StringBuilder();
                for (Map.Entry<String, Integer> e : counts.snapshot().entrySet()) {
                    b.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
                }
                text(resp, b.toString());
            }
            default -> {
                String[] bn = bucketAndName(req);
                try (AisConnection c = connect();
                        InputStream in = c.get(bn[0], bn[1])) {
                    resp.setContentType("application/octet-stream");
                    try (OutputStream out = resp.getOutputStream()) {
                        in.transferTo(out);
                    }
                } catch (AisClientException e) {
                    resp.sendError(e.status() == 0 ? 502 : e.status(), e.getMessage());
                }
            }
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] bn = bucketAndName(req);
        long length = req.getContentLengthLong();
        if (length < 0) {
            resp.sendError(411, "the store needs the object's length (Content-Length)");
            return;
        }
        try (AisConnection c = connect();
                InputStream in = req.getInputStream()) {
            c.put(bn[0], bn[1], in, length);
            resp.setStatus(201);
        } catch (AisClientException e) {
            resp.sendError(e.status() == 0 ? 502 : e.status(), e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String bucket = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/", "");
        try (AisConnection c = connect()) {
            c.createBucket(bucket);
            resp.setStatus(201);
        } catch (AisClientException e) {
            resp.sendError(e.status() == 0 ? 502 : e.status(), e.getMessage());
        }
    }

    private AisConnection connect() throws IOException {
        try {
            return store.getConnection();
        } catch (ResourceException e) {
            throw new IOException("no connection to the store: " + e.getMessage(), e);
        }
    }

    private static String[] bucketAndName(HttpServletRequest req) {
        String p = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        int slash = p.indexOf('/');
        if (slash <= 0 || slash == p.length() - 1) {
            throw new IllegalArgumentException("expected /objects/<bucket>/<name>, got " + req.getPathInfo());
        }
        return new String[] {p.substring(0, slash), p.substring(slash + 1)};
    }

    private static void text(HttpServletResponse resp, String s) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getOutputStream().write(s.getBytes(StandardCharsets.UTF_8));
    }
}
