package net.aisj.web.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link AccessGate} in front of every JAX-RS call (after virtual-host rewriting, so S3 calls are seen
 * path-style). The {@code action} of a native bucket/object control message decides what a POST or DELETE needs
 * (AIS's rule): the first {@value #PEEK} bytes of such a body are read and handed back to the resource unchanged.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public class AccessGateFilter implements ContainerRequestFilter {

    static final int PEEK = 64 * 1024;
    private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"([^\"]{1,64})\"");

    @Inject
    AccessGate gate;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext ctx) {
        var uri = ctx.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        String action = null;
        if ((raw.startsWith("/v1/buckets/") || raw.startsWith("/v1/objects/"))
                && ctx.hasEntity()
                && !ctx.getMethod().equals("PUT")) {
            action = peekAction(ctx);
        }
        gate.check(request, ctx.getMethod(), raw, uri.getRawQuery(), ctx::getHeaderString, action)
                .ifPresent(ctx::abortWith);
    }

    private static String peekAction(ContainerRequestContext ctx) {
        try {
            InputStream in = ctx.getEntityStream();
            byte[] head = in.readNBytes(PEEK);
            ctx.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(head), in));
            Matcher m = ACTION.matcher(new String(head, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
