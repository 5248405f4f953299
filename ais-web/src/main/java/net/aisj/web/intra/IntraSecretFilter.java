package net.aisj.web.intra;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import net.aisj.cluster.IntraContract;
import net.aisj.service.LocalNode;
import net.aisj.web.nat.AisErrors;

/** Lets only cluster members (callers with the shared secret) reach {@code /v1/intra/...}. */
@Provider
public class IntraSecretFilter implements ContainerRequestFilter {

    @Inject
    LocalNode node;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if ((path.startsWith(IntraContract.ROOT) || path.startsWith("/" + IntraContract.ROOT))
                && !node.isIntraCaller(ctx.getHeaderString(IntraContract.SECRET_HEADER))) {
            ctx.abortWith(AisErrors.response(
                    403,
                    "intra-cluster endpoint: caller is not a member of this cluster",
                    request,
                    node.self().id()));
        }
    }
}
