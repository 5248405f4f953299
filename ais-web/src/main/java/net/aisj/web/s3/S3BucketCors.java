package net.aisj.web.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.BucketCors;
import net.aisj.service.BucketService;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import net.aisj.web.s3.xml.CorsConfiguration;

/**
 * Bucket CORS as S3 has it: Get/Put/DeleteBucketCors store the rules with the bucket (in the BMD, so every node
 * applies them), preflight requests ({@code OPTIONS}) are answered from them, and other requests that carry an
 * {@code Origin} get the matching rule's {@code Access-Control-*} headers. A bucket without rules answers
 * cross-origin requests without CORS headers (browsers then refuse them) and preflights with 403.
 */
@ApplicationScoped
public class S3BucketCors {

    static final String NOT_ENABLED = "CORSResponse: CORS is not enabled for this bucket.";
    static final String NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because the"
            + " evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers"
            + " are not whitelisted by the resource's CORS spec.";

    @Inject
    S3Buckets buckets;

    @Inject
    BucketService bucketService;

    /** GetBucketCors. */
    Response get(S3Call c) {
        BucketCors cors = buckets.props(c.bucket()).cors();
        if (cors.isEmpty()) {
            throw new S3Exception(S3Error.NoSuchCORSConfiguration, "The CORS configuration does not exist");
        }
        CorsConfiguration out = new CorsConfiguration();
        for (BucketCors.Rule r : cors.rules()) {
            CorsConfiguration.CorsRule x = new CorsConfiguration.CorsRule();
            x.id = r.id().isEmpty() ? null : r.id();
            x.allowedHeaders.addAll(r.allowedHeaders());
            x.allowedMethods.addAll(r.allowedMethods());
            x.allowedOrigins.addAll(r.allowedOrigins());
            x.exposeHeaders.addAll(r.exposeHeaders());
            x.maxAgeSeconds = r.maxAgeSeconds() < 0 ? null : r.maxAgeSeconds();
            out.rules.add(x);
        }
        return S3Responses.xml(out);
    }

    /** PutBucketCors: replaces the rules. */
    Response put(S3Call c) throws IOException {
        BucketId id = buckets.existing(c);
        CorsConfiguration in = S3Responses.readXml(c, CorsConfiguration.class);
        if (in.rules.isEmpty()
                || in.rules.stream().anyMatch(r -> r.allowedMethods.isEmpty() || r.allowedOrigins.isEmpty())) {
            throw new S3Exception(
                    S3Error.MalformedXML, "every CORSRule needs at least one AllowedMethod and one AllowedOrigin");
        }
        BucketCors cors;
        try {
            cors = new BucketCors(in.rules.stream()
                            .map(r -> new BucketCors.Rule(
                                    r.id,
                                    trimmed(r.allowedOrigins),
                                    trimmed(r.allowedMethods),
                                    trimmed(r.allowedHeaders),
                                    trimmed(r.exposeHeaders),
                                    r.maxAgeSeconds == null ? -1 : r.maxAgeSeconds))
                            .toList())
                    .validated();
        } catch (AisException e) {
            throw new S3Exception(S3Error.InvalidRequest, e.getMessage(), e);
        }
        bucketService.setProps(id, p -> p.withCors(cors));
        return Response.ok().build();
    }

    /** DeleteBucketCors: 204 whether or not rules were set. */
    Response delete(S3Call c) {
        BucketId id = buckets.existing(c);
        bucketService.setProps(id, p -> p.withCors(BucketCors.NONE));
        return Response.noContent().build();
    }

    /**
     * The answer to a preflight for {@code bucket}: 200 with the matching rule's headers, 403 AccessForbidden when
     * the bucket has no rules or none admits the request, 400 when the request is not a preflight.
     */
    Response preflight(String bucket, String origin, String method, String requestHeaders) {
        if (origin == null || origin.isBlank()) {
            throw new S3Exception(S3Error.BadRequest, "Insufficient information. Origin request header needed.");
        }
        if (method == null || method.isBlank()) {
            throw new S3Exception(S3Error.BadRequest, "Invalid Access-Control-Request-Method: null");
        }
        BucketCors cors = buckets.props(bucket).cors();
        if (cors.isEmpty()) {
            throw new S3Exception(S3Error.AccessForbidden, NOT_ENABLED);
        }
        List<String> headers = requestHeaders == null
                ? List.of()
                : Arrays.stream(requestHeaders.split(","))
                        .map(String::trim)
                        .filter(h -> !h.isEmpty())
                        .toList();
        BucketCors.Rule rule = cors.match(origin, method, headers)
                .orElseThrow(() -> new S3Exception(S3Error.AccessForbidden, NOT_ALLOWED));
        Response.ResponseBuilder b = Response.ok();
        allowHeaders(rule, origin).forEach(b::header);
        if (!headers.isEmpty()) {
            b.header("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        return b.header("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method")
                .build();
    }

    /** Adds the CORS headers of the rule that admits a (non-preflight) request, if any. */
    void decorate(String bucket, String origin, String method, MultivaluedMap<String, Object> responseHeaders) {
        Optional<BucketCors.Rule> rule;
        try {
            rule = buckets.props(bucket).cors().match(origin, method, List.of());
        } catch (S3Exception | AisException e) {
            return; // no such bucket: the response already says so, without CORS headers
        }
        rule.ifPresent(r -> allowHeaders(r, origin).forEach(responseHeaders::putSingle));
        if (rule.isPresent()) {
            responseHeaders.add("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        }
    }

    private static Map<String, String> allowHeaders(BucketCors.Rule r, String origin) {
        Map<String, String> h = new LinkedHashMap<>();
        if (r.anyOrigin()) {
            h.put("Access-Control-Allow-Origin", "*");
        } else {
            h.put("Access-Control-Allow-Origin", origin);
            h.put("Access-Control-Allow-Credentials", "true");
        }
        h.put("Access-Control-Allow-Methods", String.join(", ", r.allowedMethods()));
        if (!r.exposeHeaders().isEmpty()) {
            h.put("Access-Control-Expose-Headers", String.join(", ", r.exposeHeaders()));
        }
        if (r.maxAgeSeconds() >= 0) {
            h.put("Access-Control-Max-Age", Integer.toString(r.maxAgeSeconds()));
        }
        return h;
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).toList();
    }
}
