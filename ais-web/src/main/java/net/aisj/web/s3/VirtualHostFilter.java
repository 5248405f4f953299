package net.aisj.web.s3;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * S3 virtual-hosted-style addressing: a request for {@code Host: {bucket}.{domain}} (for a domain listed in
 * {@code ais.s3.domains}) is routed as the path-style request {@code /{bucket}/{key}}. Runs before authentication,
 * which signs the path the client sent (kept in {@link #ORIGINAL_PATH}). The native API ({@code /v1}) is never
 * virtual-hosted.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class VirtualHostFilter implements ContainerRequestFilter {

    /** Request property: the raw path as the client sent it (what SigV4 signed). */
    public static final String ORIGINAL_PATH = "ais.s3.originalPath";

    /** Empty means "path style only" (MicroProfile Config treats an empty default as no value). */
    @Inject
    @ConfigProperty(name = "ais.s3.domains")
    Optional<String> domains;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (domains.isEmpty() || domains.get().isBlank()) {
            return;
        }
        String bucket = bucketOf(ctx.getHeaderString("Host"), parse(domains.get()));
        if (bucket == null) {
            return;
        }
        URI uri = ctx.getUriInfo().getRequestUri();
        String raw = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (raw.equals("/v1") || raw.startsWith("/v1/")) {
            return;
        }
        ctx.setProperty(ORIGINAL_PATH, raw);
        String path = "/" + bucket + (raw.equals("/") ? "" : raw);
        ctx.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }

    static List<String> parse(String domains) {
        return Arrays.stream(domains.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** The bucket label of {@code host} ({@code bucket.domain[:port]}), or null when it is not virtual-hosted. */
    static String bucketOf(String host, List<String> domains) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        for (String d : domains) {
            if (h.endsWith("." + d)) {
                String b = h.substring(0, h.length() - d.length() - 1);
                return b.isEmpty() || b.contains("/") ? null : b;
            }
        }
        return null;
    }
}
