package net.aisj.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import net.aisj.web.metrics.ApiOperation;
import net.aisj.web.metrics.RequestMetrics;
import net.aisj.web.nat.DirectObjectCalls;
import net.aisj.web.s3.DirectS3Calls;

/**
 * The object data path, whichever listener carries it (the servlet filter {@link DirectPathFilter}, the data-plane
 * listener of {@code net.aisj.web.dataplane}): plain object GET/HEAD/PUT of the native API
 * ({@link DirectObjectCalls}) and of the S3 API ({@link DirectS3Calls}), counted in the request metrics like every
 * other call. Thread-safe (stateless).
 */
@ApplicationScoped
public class DirectCalls {

    @Inject
    DirectObjectCalls nativeObjects;

    @Inject
    DirectS3Calls s3Objects;

    @Inject
    RequestMetrics metrics;

    @Inject
    net.aisj.web.auth.AccessGate gate;

    /** True when {@link #serve} serves the call; request line and headers only, no I/O. */
    public boolean accepts(HttpServletRequest req) {
        return nativeObjects.accepts(req) || s3Objects.accepts(req);
    }

    /**
     * Serves the call when {@link #accepts} it and records it in the metrics.
     *
     * @return the payload bytes, or -1 when the call is not an object call of the data path (nothing was read or
     *         written: the JAX-RS application must serve it)
     * @throws IOException when the client is gone or the object fails mid-stream (the response is cut)
     */
    public long serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long t0 = System.nanoTime();
        if (accepts(req)) {
            var denied = gate.check(req);
            if (denied.isPresent()) {
                net.aisj.web.common.ServletResponses.write(denied.get(), resp);
                ApiOperation op = ApiOperation.classify(req.getMethod(), req.getRequestURI(), req.getQueryString());
                if (op != null) {
                    metrics.record(op, resp.getStatus(), 0, System.nanoTime() - t0);
                }
                return 0;
            }
        }
        long bytes = nativeObjects.serve(req, resp);
        if (bytes < 0) {
            bytes = s3Objects.serve(req, resp);
        }
        if (bytes < 0) {
            return -1;
        }
        ApiOperation op = ApiOperation.classify(req.getMethod(), req.getRequestURI(), req.getQueryString());
        if (op != null) {
            metrics.record(op, resp.getStatus(), bytes, System.nanoTime() - t0);
        }
        return bytes;
    }
}
