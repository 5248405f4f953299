package net.aisj.it.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature V4 for path-style S3 requests with {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} (the payload is
 * not hashed, as aisloader and most S3 load tools do; the headers and path are signed and verified by the server).
 * The day's signing key is derived once per day. Not thread-safe (one per worker): it keeps its own {@link Mac}.
 */
final class SigV4Signer {

    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final String REGION = "us-east-1";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final String secretKey;
    private final Mac mac;
    private final MessageDigest sha256;
    private String keyDay;
    private byte[] signingKey;

    SigV4Signer(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        try {
            mac = Mac.getInstance("HmacSHA256");
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The headers to add to {@code method path} (path already URI-encoded, no query) sent to {@code hostPort}:
     * x-amz-date, x-amz-content-sha256 and Authorization.
     */
    String[] sign(String method, String encodedPath, String hostPort) {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + REGION + "/s3/aws4_request";
        String canonical = method + "\n" + encodedPath + "\n\n"
                + "host:" + hostPort + "\n"
                + "x-amz-content-sha256:" + UNSIGNED + "\n"
                + "x-amz-date:" + amzDate + "\n\n"
                + "host;x-amz-content-sha256;x-amz-date\n" + UNSIGNED;
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        String sig = HEX.formatHex(hmac(key(day), toSign));
        return new String[] {
            "x-amz-date: " + amzDate,
            "x-amz-content-sha256: " + UNSIGNED,
            "Authorization: AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
                    + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + sig,
        };
    }

    private byte[] key(String day) {
        if (!day.equals(keyDay)) {
            byte[] k = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
            k = hmac(k, REGION);
            k = hmac(k, "s3");
            signingKey = hmac(k, "aws4_request");
            keyDay = day;
        }
        return signingKey;
    }

    private byte[] hmac(byte[] key, String data) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
