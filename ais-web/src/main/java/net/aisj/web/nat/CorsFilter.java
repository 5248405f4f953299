package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.aisj.cluster.IntraContract;
import net.aisj.core.NodeInfo;
import net.aisj.service.LocalNode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-origin access to the native API for the web console: an object call redirected (307) from the node serving
 * the console to the object's owner reaches another origin, which a browser only follows when the owner allows the
 * console's origin. Allowed origins: every node's public URL in the cluster map, plus {@code ais.console.origins}
 * (comma-separated, or {@code *}). Preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) are
 * answered here, before any resource (so never redirected); other answers get {@code Access-Control-Allow-Origin}
 * and expose every header (object properties travel in {@code Ais-*} headers). Intra-cluster paths are excluded.
 */
@Provider
@PreMatching
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String METHODS = "GET, HEAD, PUT, POST, PATCH, DELETE";

    @Inject
    LocalNode node;

    @Inject
    @ConfigProperty(name = "ais.console.origins")
    Optional<String> extraOrigins;

    @Override
    public void filter(ContainerRequestContext req) {
        String origin = req.getHeaderString("Origin");
        if (!"OPTIONS".equals(req.getMethod())
                || origin == null
                || req.getHeaderString("Access-Control-Request-Method") == null
                || !isNativeApi(req)
                || !allowed(origin)) {
            return;
        }
        String headers = req.getHeaderString("Access-Control-Request-Headers");
        Response.ResponseBuilder b = Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin");
        if (headers != null && !headers.isBlank()) {
            b.header("Access-Control-Allow-Headers", headers);
        }
        req.abortWith(b.build());
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext resp) {
        String origin = req.getHeaderString("Origin");
        if (origin == null
                || !isNativeApi(req)
                || resp.getHeaders().containsKey("Access-Control-Allow-Origin")
                || !allowed(origin)) {
            return;
        }
        resp.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
        resp.getHeaders().putSingle("Access-Control-Expose-Headers", "*");
        resp.getHeaders().add("Vary", "Origin");
    }

    private static boolean isNativeApi(ContainerRequestContext req) {
        String p = req.getUriInfo().getRequestUri().getRawPath();
        return p.startsWith("/v1/") && !p.startsWith("/" + IntraContract.ROOT + "/");
    }

    boolean allowed(String origin) {
        String o = normalize(origin);
        if (o == null) {
            return false;
        }
        List<String> extra = extraOrigins.map(v -> List.of(v.split(","))).orElse(List.of()).stream()
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
        if (extra.contains("*") || extra.stream().map(CorsFilter::normalize).anyMatch(o::equals)) {
            return true;
        }
        if (node.self() == null) {
            return false;
        }
        for (NodeInfo n : node.clusterMap().nodes().values()) {
            if (o.equals(normalize(n.publicUrl()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code scheme://host:port} in lower case with the default port made explicit; null when unparseable. */
    static String normalize(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() >= 0 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
