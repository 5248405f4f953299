package net.aisj.web.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.aisj.web.common.PathNames;
import net.aisj.web.s3.S3Uris;

/**
 * The AWS Signature Version 4 computation, as documented in "Authenticating Requests (AWS Signature Version 4)"
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): canonical request, string to
 * sign, signing key, and the chained signatures of aws-chunked payloads. Pure functions; thread-safe.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    /** SHA-256 of the empty string. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final int MAX_KEYS = 1024;
    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();

    private SigV4() {}

    /**
     * The credential scope and signing key of one request.
     *
     * @param amzDate {@code yyyyMMdd'T'HHmmss'Z'}
     * @param scope   {@code date/region/service/aws4_request}
     * @param key     the derived signing key
     */
    public record Signer(String amzDate, String scope, byte[] key) {

        public static Signer of(String secret, String amzDate, String date, String region, String service) {
            return new Signer(
                    amzDate,
                    date + "/" + region + "/" + service + "/aws4_request",
                    signingKey(secret, date, region, service));
        }

        public String sign(String stringToSign) {
            return HexFormat.of().formatHex(hmac(key, stringToSign));
        }

        /** The signature of a request whose canonical form is {@code canonicalRequest}. */
        public String signRequest(String canonicalRequest) {
            return sign(ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest));
        }

        /** The signature of one aws-chunked chunk whose data hashes to {@code chunkSha256Hex}. */
        public String signChunk(String previousSignature, String chunkSha256Hex) {
            return sign("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                    + EMPTY_SHA256 + "\n" + chunkSha256Hex);
        }

        /** The signature of the trailing headers ({@code name:value\n} each) after the last chunk. */
        public String signTrailer(String previousSignature, String canonicalTrailer) {
            return sign("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                    + sha256Hex(canonicalTrailer));
        }
    }

    /** The canonical request (method, URI, query, headers, signed headers, payload hash). */
    public static String canonicalRequest(
            String method,
            String rawPath,
            String rawQuery,
            List<String> signedHeaders,
            Function<String, List<String>> headerValues,
            String payloadHash,
            boolean presigned) {
        StringBuilder b = new StringBuilder(512);
        b.append(method)
                .append('\n')
                .append(canonicalUri(rawPath))
                .append('\n')
                .append(canonicalQuery(rawQuery, presigned))
                .append('\n');
        for (String h : signedHeaders) {
            b.append(h)
                    .append(':')
                    .append(canonicalHeaderValue(headerValues.apply(h)))
                    .append('\n');
        }
        b.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return b.toString();
    }

    /** Each path segment decoded, then encoded once the AWS way ({@code /} separators kept). */
    public static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String[] segs = rawPath.split("/", -1);
        StringBuilder b = new StringBuilder(rawPath.length() + 16);
        for (int i = 0; i < segs.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(S3Uris.encode(PathNames.decode(segs[i]), false));
        }
        return b.toString();
    }

    /** Parameters decoded and re-encoded, sorted by name then value; {@code X-Amz-Signature} left out if presigned. */
    public static String canonicalQuery(String rawQuery, boolean presigned) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = PathNames.decode(eq < 0 ? p : p.substring(0, eq));
            String value = eq < 0 ? "" : PathNames.decode(p.substring(eq + 1));
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            params.add(new String[] {S3Uris.encode(name, false), S3Uris.encode(value, false)});
        }
        params.sort((x, y) -> {
            int c = x[0].compareTo(y[0]);
            return c != 0 ? c : x[1].compareTo(y[1]);
        });
        StringBuilder b = new StringBuilder();
        for (String[] p : params) {
            b.append(b.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    /** Values trimmed, inner runs of spaces collapsed, joined with ','. */
    static String canonicalHeaderValue(List<String> values) {
        if (values == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(v.trim().replaceAll(" +", " "));
        }
        return b.toString();
    }

    /**
     * The derived signing key, remembered per secret, day, region and service (four HMACs per request otherwise; a
     * client signs every request of a day with the same key). At most {@value #MAX_KEYS} are kept; the map is
     * emptied when full. The returned array must not be modified.
     */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        String id = secret + '\n' + date + '\n' + region + '\n' + service;
        byte[] k = KEYS.get(id);
        if (k == null) {
            if (KEYS.size() >= MAX_KEYS) {
                KEYS.clear();
            }
            k = deriveKey(secret, date, region, service);
            KEYS.put(id, k);
        }
        return k;
    }

    static byte[] deriveKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex signatures (case-insensitive). */
    public static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(
                        a.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                        b.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
