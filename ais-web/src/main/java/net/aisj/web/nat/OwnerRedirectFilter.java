package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import net.aisj.connector.api.ObjectId;
import net.aisj.service.ObjectService;
import net.aisj.web.auth.RedirectSigner;
import net.aisj.web.common.ObjectPath;

/**
 * AIS data path: a node that is not the object's HRW owner answers {@code 307} with the owner's public URL + the
 * same path and query (AIS's clients and {@code curl -L} follow it; 307 keeps the method and body). The owner
 * serves the call itself.
 */
@Provider
@OwnerRedirect
public class OwnerRedirectFilter implements ContainerRequestFilter {

    @Inject
    ObjectService objects;

    @Inject
    RedirectSigner redirects;

    @Override
    public void filter(ContainerRequestContext ctx) {
        URI uri = ctx.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        ObjectPath p = ObjectPath.parse(raw, ObjectPath.NATIVE);
        var q = ctx.getUriInfo().getQueryParameters();
        ObjectId id = new ObjectId(Bck.of(p.bucket(), q.getFirst("provider"), q.getFirst("namespace")), p.name());
        long seen = RedirectSigner.seenVersion(q.getFirst(RedirectSigner.SMAP_VERSION));
        objects.redirect(id, seen)
                .ifPresent(owner -> ctx.abortWith(Response.temporaryRedirect(
                                URI.create(redirects.location(owner, ctx.getMethod(), raw, uri.getRawQuery())))
                        .build()));
    }
}
