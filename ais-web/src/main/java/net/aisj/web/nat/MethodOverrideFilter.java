package net.aisj.web.nat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * AIS sends a JSON body with some GET calls (list objects, bucket summary, job queries); browsers cannot (fetch
 * refuses a body on GET). So a {@code POST} to {@code /v1/...} carrying {@code X-HTTP-Method-Override: GET} is
 * served as that GET, body included. Only GET can be requested this way (a read stays a read).
 */
@Provider
@PreMatching
public class MethodOverrideFilter implements ContainerRequestFilter {

    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    public void filter(ContainerRequestContext req) {
        String override = req.getHeaderString(HEADER);
        if (override != null
                && "POST".equals(req.getMethod())
                && "GET".equalsIgnoreCase(override.trim())
                && req.getUriInfo().getRequestUri().getRawPath().startsWith("/v1/")) {
            req.setMethod("GET");
        }
    }
}
