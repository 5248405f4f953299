package net.aisj.web.s3.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import net.aisj.cluster.IntraContract;
import net.aisj.service.LocalNode;
import net.aisj.web.s3.VirtualHostFilter;
import net.aisj.web.s3.error.S3ErrorResponses;

/**
 * Authenticates every S3 route served by JAX-RS and prepares its body ({@link S3RequestGuard}). Calls forwarded by
 * a cluster member (cluster secret) were checked by that member and pass as they are. Every S3 response carries the request id ({@code x-amz-request-id}).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class S3AuthFilter implements ContainerRequestFilter, jakarta.ws.rs.container.ContainerResponseFilter {

    @Inject
    S3RequestGuard guard;

    @Inject
    LocalNode node;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String rawPath = ctx.getUriInfo().getRequestUri().getRawPath();
        if (!S3ErrorResponses.isS3Path(rawPath)) {
            return;
        }
        S3ErrorResponses.requestId(request);
        if (node.isIntraCaller(ctx.getHeaderString(IntraContract.SECRET_HEADER))) {
            return;
        }
        RequestAuthenticator.SignedRequest sr = new RequestAuthenticator.SignedRequest() {
            @Override
            public String method() {
                return ctx.getMethod();
            }

            @Override
            public String rawPath() {
                Object sent = ctx.getProperty(VirtualHostFilter.ORIGINAL_PATH);
                return sent instanceof String p ? p : rawPath;
            }

            @Override
            public String rawQuery() {
                return ctx.getUriInfo().getRequestUri().getRawQuery();
            }

            @Override
            public List<String> header(String name) {
                List<String> v = ctx.getHeaders().get(name);
                return v == null ? List.of() : v;
            }
        };
        ctx.setEntityStream(guard.admit(sr, ctx.getHeaders().keySet(), ctx.getEntityStream(), request));
    }

    @Override
    public void filter(ContainerRequestContext req, jakarta.ws.rs.container.ContainerResponseContext resp) {
        if (S3ErrorResponses.isS3Path(req.getUriInfo().getRequestUri().getRawPath())
                && !resp.getHeaders().containsKey("x-amz-request-id")) {
            String id = S3ErrorResponses.requestId(request);
            resp.getHeaders().putSingle("x-amz-request-id", id);
            resp.getHeaders().putSingle("x-amz-id-2", id);
        }
    }
}
