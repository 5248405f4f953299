package net.aisj.web.s3.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.aisj.web.common.PathNames;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;

/**
 * Verifies the SigV4 signature of one request, by {@code Authorization} header or presigned query
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html). Errors as S3 reports them:
 * AccessDenied (no credentials, expired presigned URL), InvalidAccessKeyId, RequestTimeTooSkewed (more than 15
 * minutes off), SignatureDoesNotMatch, AuthorizationHeaderMalformed / AuthorizationQueryParametersError. Pure;
 * thread-safe.
 */
public final class RequestAuthenticator {

    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** Longest presigned URL validity S3 allows (7 days). */
    public static final long MAX_EXPIRES_SECONDS = 604_800;

    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** What the filter needs of a request. */
    public interface SignedRequest {
        String method();

        String rawPath();

        /** The raw query string, or null. */
        String rawQuery();

        /** All values of a header (case-insensitive name), empty when absent. */
        List<String> header(String name);
    }

    /**
     * A verified request.
     *
     * @param accessKey the caller
     * @param signer    the request's scope and key (to verify chunk signatures)
     * @param signature the request's signature (seed of the chunk signatures)
     */
    public record Verified(String accessKey, SigV4.Signer signer, String signature) {}

    /** What S3 answers a Signature Version 2 request where only V4 is accepted. */
    public static final String SIGV2_REFUSED =
            "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.";

    private final Function<String, Optional<String>> secrets;

    public RequestAuthenticator(Function<String, Optional<String>> secrets) {
        this.secrets = secrets;
    }

    public Verified verify(SignedRequest r, Instant now) {
        Map<String, String> q = queryParams(r.rawQuery());
        if (q.containsKey("X-Amz-Algorithm")) {
            return presigned(r, q, now);
        }
        String auth = first(r, "authorization");
        if ((q.containsKey("AWSAccessKeyId") && q.containsKey("Signature"))
                || (auth != null && auth.startsWith("AWS "))) {
            // Signature Version 2 (older SDKs presign with it by default): S3's answer where V2 is off
            throw new S3Exception(S3Error.InvalidRequest, SIGV2_REFUSED);
        }
        if (auth == null || auth.isBlank()) {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied: the request is not signed");
        }
        if (!auth.startsWith(SigV4.ALGORITHM + " ")) {
            throw new S3Exception(
                    S3Error.AuthorizationHeaderMalformed, "only " + SigV4.ALGORITHM + " signatures are supported");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String p : auth.substring(SigV4.ALGORITHM.length()).split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw new S3Exception(
                    S3Error.AuthorizationHeaderMalformed,
                    "Authorization needs Credential, " + "SignedHeaders and Signature");
        }
        String amzDate = first(r, "x-amz-date");
        if (amzDate == null) {
            throw new S3Exception(S3Error.AccessDenied, "AWS authentication requires a valid x-amz-date header");
        }
        Instant t = parseAmzDate(amzDate, S3Error.AccessDenied);
        if (Duration.between(t, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3Error.RequestTimeTooSkewed);
        }
        String payload = first(r, "x-amz-content-sha256");
        if (payload == null) {
            throw new S3Exception(
                    S3Error.InvalidRequest, "Missing required header for this request: " + "x-amz-content-sha256");
        }
        return check(
                r, credential, amzDate, signedHeaders, signature, payload, false, S3Error.AuthorizationHeaderMalformed);
    }

    private Verified presigned(SignedRequest r, Map<String, String> q, Instant now) {
        if (!SigV4.ALGORITHM.equals(q.get("X-Amz-Algorithm"))) {
            throw new S3Exception(
                    S3Error.AuthorizationQueryParametersError, "X-Amz-Algorithm only supports " + SigV4.ALGORITHM);
        }
        String credential = q.get("X-Amz-Credential");
        String amzDate = q.get("X-Amz-Date");
        String expires = q.get("X-Amz-Expires");
        String signedHeaders = q.get("X-Amz-SignedHeaders");
        String signature = q.get("X-Amz-Signature");
        if (credential == null || amzDate == null || expires == null || signedHeaders == null || signature == null) {
            throw new S3Exception(
                    S3Error.AuthorizationQueryParametersError,
                    "Query-string authentication requires "
                            + "X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature");
        }
        Instant t = parseAmzDate(amzDate, S3Error.AuthorizationQueryParametersError);
        long secs;
        try {
            secs = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            secs = -1;
        }
        if (secs < 0) {
            throw new S3Exception(
                    S3Error.AuthorizationQueryParametersError, "X-Amz-Expires must be a non-negative integer");
        }
        if (secs == 0 || secs > MAX_EXPIRES_SECONDS) {
            // as S3 answers (and s3-tests expect): a URL valid for no time, or for more than a week, is denied
            throw new S3Exception(
                    S3Error.AccessDenied, "X-Amz-Expires must be 1 to " + MAX_EXPIRES_SECONDS + " seconds");
        }
        if (t.minus(MAX_SKEW).isAfter(now)) {
            throw new S3Exception(S3Error.AccessDenied, "Request is not valid yet");
        }
        if (now.isAfter(t.plusSeconds(secs))) {
            throw new S3Exception(S3Error.AccessDenied, "Request has expired");
        }
        String payload = first(r, "x-amz-content-sha256");
        return check(
                r,
                credential,
                amzDate,
                signedHeaders,
                signature,
                payload == null ? SigV4.UNSIGNED_PAYLOAD : payload,
                true,
                S3Error.AuthorizationQueryParametersError);
    }

    private Verified check(
            SignedRequest r,
            String credential,
            String amzDate,
            String signedHeaders,
            String signature,
            String payloadHash,
            boolean presigned,
            S3Error malformed) {
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request") || !scope[3].equals("s3")) {
            throw new S3Exception(malformed, "Credential must be <key>/<date>/<region>/s3/aws4_request");
        }
        if (!amzDate.startsWith(scope[1])) {
            throw new S3Exception(malformed, "the credential date does not match the request date");
        }
        String secret = secrets.apply(scope[0]).orElseThrow(() -> new S3Exception(S3Error.InvalidAccessKeyId));
        List<String> headers =
                Arrays.asList(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        if (!headers.contains("host")) {
            throw new S3Exception(malformed, "SignedHeaders must include host");
        }
        SigV4.Signer signer = SigV4.Signer.of(secret, amzDate, scope[1], scope[2], scope[3]);
        String canonical = SigV4.canonicalRequest(
                r.method(), r.rawPath(), r.rawQuery(), headers, r::header, payloadHash, presigned);
        if (SigV4.same(signer.signRequest(canonical), signature)) {
            return new Verified(scope[0], signer, signature.toLowerCase(Locale.ROOT));
        }
        // a client that sent UTF-8 bytes in a header the container read as ISO-8859-1
        String utf8 = SigV4.canonicalRequest(
                r.method(),
                r.rawPath(),
                r.rawQuery(),
                headers,
                h -> r.header(h).stream()
                        .map(RequestAuthenticator::latin1AsUtf8)
                        .toList(),
                payloadHash,
                presigned);
        if (!utf8.equals(canonical) && SigV4.same(signer.signRequest(utf8), signature)) {
            return new Verified(scope[0], signer, signature.toLowerCase(Locale.ROOT));
        }
        throw new S3Exception(S3Error.SignatureDoesNotMatch);
    }

    static String latin1AsUtf8(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) > 0xff) {
                return v;
            }
        }
        return new String(v.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static Instant parseAmzDate(String s, S3Error onError) {
        try {
            return LocalDateTime.parse(s, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new S3Exception(onError, "invalid date \"" + s + "\" (expected yyyyMMdd'T'HHmmss'Z')");
        }
    }

    private static String first(SignedRequest r, String name) {
        List<String> v = r.header(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Decoded query parameters (first value of each). */
    static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery == null) {
            return m;
        }
        for (String p : rawQuery.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            try {
                m.putIfAbsent(
                        PathNames.decode(eq < 0 ? p : p.substring(0, eq)),
                        eq < 0 ? "" : PathNames.decode(p.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new S3Exception(S3Error.InvalidArgument, "malformed query string");
            }
        }
        return m;
    }

    /** Helper for tests and the filter: a request from plain values. */
    public static SignedRequest request(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                .addAll(v));
        return new SignedRequest() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String rawPath() {
                return rawPath;
            }

            @Override
            public String rawQuery() {
                return rawQuery;
            }

            @Override
            public List<String> header(String name) {
                return lower.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            }
        };
    }
}
