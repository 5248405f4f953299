package net.aisj.web.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;

/**
 * Times and counts every native and S3 call (see {@link ApiOperation}): from the moment the request is matched to
 * the last byte of the response body (for responses with a body, the count is taken after the body is written, so
 * a GET's latency includes streaming the object). Runs after the virtual-host rewrite, so buckets are known.
 */
@Provider
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    private static final String START = RequestMetricsFilter.class.getName() + ".start";
    private static final String CALL = RequestMetricsFilter.class.getName() + ".call";
    private static final String RECORD = RequestMetricsFilter.class.getName() + ".record";

    @Inject
    RequestMetrics metrics;

    @Override
    public void filter(ContainerRequestContext req) {
        var uri = req.getUriInfo().getRequestUri();
        ApiOperation op = ApiOperation.classify(req.getMethod(), uri.getRawPath(), uri.getRawQuery());
        if (op != null) {
            req.setProperty(START, System.nanoTime());
            req.setProperty(CALL, op);
            if ("put".equals(op.op()) || "append".equals(op.op())) {
                req.setProperty(CALL + ".in", length(req.getHeaderString("Content-Length")));
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext resp) {
        if (!(req.getProperty(CALL) instanceof ApiOperation op) || !(req.getProperty(START) instanceof Long t0)) {
            return;
        }
        long in = req.getProperty(CALL + ".in") instanceof Long l ? l : 0;
        long out = "get".equals(op.op()) ? length(resp.getHeaderString("Content-Length")) : 0;
        CallRecord rec = new CallRecord(op, resp.getStatus(), Math.max(in, out), t0);
        if (resp.hasEntity()) {
            req.setProperty(RECORD, rec);
        } else {
            rec.finish(metrics);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext ctx) throws IOException {
        Object rec = ctx.getProperty(RECORD);
        ctx.removeProperty(RECORD);
        try {
            ctx.proceed();
        } finally {
            if (rec instanceof CallRecord r) {
                r.finish(metrics);
            }
        }
    }

    private static long length(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private record CallRecord(ApiOperation op, int status, long bytes, long t0) {
        void finish(RequestMetrics m) {
            m.record(op, status, bytes, System.nanoTime() - t0);
        }
    }
}
