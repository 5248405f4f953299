package net.aisj.web.s3;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import net.aisj.web.s3.error.S3ErrorResponses;
import net.aisj.web.s3.error.S3Exception;

/**
 * Applies a bucket's S3 CORS rules ({@link S3BucketCors}) on the S3 routes: an {@code OPTIONS} request for a bucket
 * or object is a preflight, answered here before authentication (browsers send preflights unsigned); other requests
 * with an {@code Origin} header get the matching rule's headers on their answer. Runs after virtual-host routing, so
 * the bucket is the first path segment (after {@code /s3} for the prefixed mount). The native API's CORS (for the
 * console) is {@link net.aisj.web.nat.CorsFilter}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class S3CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Inject
    S3BucketCors cors;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext req) {
        if (!"OPTIONS".equals(req.getMethod())) {
            return;
        }
        String bucket = bucketOf(req.getUriInfo().getRequestUri().getRawPath());
        if (bucket == null) {
            return;
        }
        try {
            req.abortWith(cors.preflight(
                    bucket,
                    req.getHeaderString("Origin"),
                    req.getHeaderString("Access-Control-Request-Method"),
                    req.getHeaderString("Access-Control-Request-Headers")));
        } catch (S3Exception e) {
            req.abortWith(S3ErrorResponses.toResponse(e, request));
        }
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext resp) {
        String origin = req.getHeaderString("Origin");
        if (origin == null
                || "OPTIONS".equals(req.getMethod())
                || resp.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            return;
        }
        String bucket = bucketOf(req.getUriInfo().getRequestUri().getRawPath());
        if (bucket != null) {
            cors.decorate(bucket, origin, req.getMethod(), resp.getHeaders());
        }
    }

    /** The bucket an S3 path names, or null for the service root, the native API and this server's own paths. */
    static String bucketOf(String rawPath) {
        if (!S3ErrorResponses.isS3Path(rawPath)) {
            return null;
        }
        String[] seg = rawPath.replaceFirst("^/+", "").split("/", 3);
        int i = seg[0].equals("s3") ? 1 : 0;
        if (seg.length <= i || seg[i].isEmpty()) {
            return null;
        }
        try {
            String bucket = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
            return S3BucketNames.RESERVED.contains(bucket) ? null : bucket;
        } catch (IllegalArgumentException e) {
            return null; // a malformed escape: not a bucket any rule could name
        }
    }
}
