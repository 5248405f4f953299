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

/**
 * {@link AccessGate} in front of every JAX-RS call (after virtual-host rewriting, so S3 calls are seen
 * path-style). The {@code action} of a native control message, which decides what a POST or DELETE needs (AIS's
 * rule), was read by {@link ActionPeekFilter}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public class AccessGateFilter implements ContainerRequestFilter {

    @Inject
    AccessGate gate;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext ctx) {
        var uri = ctx.getUriInfo().getRequestUri();
        Object action = request.getAttribute(ActionPeekFilter.ACTION);
        gate.check(
                        request,
                        ctx.getMethod(),
                        uri.getRawPath(),
                        uri.getRawQuery(),
                        ctx::getHeaderString,
                        action instanceof String a ? a : null)
                .ifPresent(ctx::abortWith);
    }
}
