package net.aisj.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import net.aisj.web.metrics.ApiOperation;
import net.aisj.web.metrics.RequestMetrics;
import net.aisj.web.nat.DirectObjectCalls;
import net.aisj.web.s3.DirectS3Calls;

/**
 * The object data path in front of JAX-RS: plain object GET/HEAD/PUT of the native API ({@link DirectObjectCalls})
 * and of the S3 API ({@link DirectS3Calls}) are served right here and counted in the request metrics like every other call; all other requests pass to the
 * JAX-RS application unchanged.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class DirectPathFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DirectObjectCalls nativeObjects;

    @Inject
    transient DirectS3Calls s3Objects;

    @Inject
    transient RequestMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        long t0 = System.nanoTime();
        long bytes = nativeObjects.serve(req, resp);
        if (bytes < 0) {
            bytes = s3Objects.serve(req, resp);
        }
        if (bytes < 0) {
            chain.doFilter(req, resp);
            return;
        }
        ApiOperation op = ApiOperation.classify(req.getMethod(), req.getRequestURI(), req.getQueryString());
        if (op != null) {
            metrics.record(op, resp.getStatus(), bytes, System.nanoTime() - t0);
        }
    }
}
