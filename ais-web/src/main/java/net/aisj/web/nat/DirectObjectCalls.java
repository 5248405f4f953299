package net.aisj.web.nat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;
import net.aisj.web.common.CountingInputStream;
import net.aisj.web.common.ObjectPath;
import net.aisj.web.common.RawQuery;
import net.aisj.web.common.ServletResponses;

/**
 * The native data path on the servlet, before JAX-RS: plain object GET (whole or one range), HEAD (v1) and PUT.
 * Routing, injection and filters of JAX-RS cost most of a small object call; here a call costs one parse, one service
 * call and the copy. The answers are {@link NativeObjects}' responses, the same handlers JAX-RS uses, written into
 * the servlet response; the owner's {@code 307} and AIS's JSON errors are this class's.
 *
 * <p>{@link #serve} takes a call only when nothing else applies to it: no query parameter but {@code provider},
 * {@code namespace} and {@code validate-checksum}, no {@code Origin} (CORS is answered by JAX-RS), no
 * {@code X-HTTP-Method-Override}. Everything else (archives, append, copy, HEAD v2, ...) is left to JAX-RS,
 * untouched. Thread-safe (stateless).
 */
@ApplicationScoped
public class DirectObjectCalls {

    private static final Logger LOG = Logger.getLogger(DirectObjectCalls.class.getName());
    private static final String PREFIX = "/v1/objects/";
    private static final Set<String> PARAMS = Set.of("provider", "namespace", "validate-checksum");

    @Inject
    ObjectService objects;

    @Inject
    NativeObjects handlers;

    @Inject
    LocalNode node;

    @Inject
    net.aisj.web.auth.RedirectSigner redirects;

    /**
     * Serves the call if it is a plain object GET/HEAD/PUT of the native API.
     *
     * @return the payload bytes of a served call (the body of a GET or PUT; 0 for HEAD, redirects and errors), or
     *         -1 when JAX-RS must serve it (then nothing was read or written)
     * @throws IOException when the client is gone or the object fails mid-stream (the response is cut)
     */
    public long serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!accepts(req)) {
            return -1;
        }
        String method = req.getMethod();
        String raw = req.getRequestURI();
        Map<String, String> q = RawQuery.parse(req.getQueryString());
        try {
            ObjectId id = objectId(raw, q);
            Optional<NodeInfo> owner = objects.redirect(
                    id,
                    net.aisj.web.auth.RedirectSigner.seenVersion(q.get(net.aisj.web.auth.RedirectSigner.SMAP_VERSION)));
            if (owner.isPresent()) {
                String query = req.getQueryString();
                resp.setStatus(307);
                resp.setHeader("Location", redirects.location(owner.get(), method, raw, query));
                resp.setContentLength(0);
                return 0;
            }
            return switch (method) {
                case "GET" ->
                    ServletResponses.write(
                            handlers.get(
                                    id, "true".equalsIgnoreCase(q.get("validate-checksum")), req.getHeader("Range")),
                            resp);
                case "HEAD" -> ServletResponses.write(handlers.head(id, null), resp);
                default -> {
                    CountingInputStream body = new CountingInputStream(req.getInputStream());
                    ServletResponses.write(
                            handlers.put(
                                    id,
                                    body,
                                    req.getContentLengthLong(),
                                    req.getHeader("Ais-Checksum-Type"),
                                    req.getHeader("Ais-Checksum-Value")),
                            resp);
                    yield body.count();
                }
            };
        } catch (AisException e) {
            fail(req, resp, AisErrors.status(e.kind()), e.getMessage(), e.getCause());
        } catch (IllegalArgumentException e) {
            fail(req, resp, 400, e.getMessage(), null);
        } catch (RuntimeException e) {
            fail(req, resp, 500, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return 0;
    }

    /**
     * True when {@link #serve} serves this call (a plain object GET/HEAD/PUT of the native API); looks at the
     * request line and headers only (no I/O), so a transport can route with it before reading the body.
     */
    public boolean accepts(HttpServletRequest req) {
        String method = req.getMethod();
        if (!req.getRequestURI().startsWith(PREFIX)
                || !(method.equals("GET") || method.equals("HEAD") || method.equals("PUT"))
                || req.getHeader("Origin") != null
                || req.getHeader(MethodOverrideFilter.HEADER) != null) {
            return false;
        }
        Map<String, String> q = RawQuery.parse(req.getQueryString());
        return q != null && PARAMS.containsAll(q.keySet());
    }

    private static ObjectId objectId(String raw, Map<String, String> q) {
        ObjectPath p = ObjectPath.parse(raw, ObjectPath.NATIVE);
        return new ObjectId(Bck.of(p.bucket(), q.get("provider"), q.get("namespace")), p.name());
    }

    /** An error before the response is committed is AIS's JSON error; after it, the response is cut. */
    private void fail(HttpServletRequest req, HttpServletResponse resp, int status, String message, Throwable cause)
            throws IOException {
        if (status >= 500) {
            LOG.log(Level.WARNING, req.getMethod() + " " + req.getRequestURI() + ": " + message, cause);
        }
        if (resp.isCommitted()) {
            throw new IOException("response cut after it started: " + message, cause);
        }
        String nodeId;
        try {
            nodeId = node.self().id();
        } catch (AisException e) {
            nodeId = "";
        }
        AisErrors.write(resp, status, message, req, nodeId);
    }
}
