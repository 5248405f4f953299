package net.aisj.web.s3.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import net.aisj.web.s3.S3Call;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;

/**
 * Admits one S3 request, whichever transport carries it ({@link S3AuthFilter} for JAX-RS, the direct data path):
 * verifies SigV4 when credentials are configured ({@link S3Credentials}) and returns the body to read, aws-chunked
 * decoded (chunk signatures verified when signed), with a trailing or header {@code x-amz-checksum-*} and a
 * full-payload {@code x-amz-content-sha256} verified while it streams; the decoded length is published as
 * {@link S3Call#DECODED_LENGTH}. Thread-safe.
 */
@ApplicationScoped
public class S3RequestGuard {

    @Inject
    S3Credentials credentials;

    /** The embedded AuthN: its users' S3 keys are accepted too, and with auth on every request must be signed. */
    @Inject
    net.aisj.service.auth.AuthnService authn;

    @Inject
    net.aisj.service.auth.AuthnDirectory directory;

    /**
     * @param headerNames the request's header names (for a whole-body {@code x-amz-checksum-<alg>} header)
     * @throws S3Exception when the signature, the date or a payload header is wrong
     */
    public InputStream admit(
            RequestAuthenticator.SignedRequest sr,
            Collection<String> headerNames,
            InputStream body,
            HttpServletRequest request) {
        RequestAuthenticator.Verified v = null;
        boolean jwtSession = authn.enabled() && isJwt(first(sr, "x-amz-security-token"));
        if ((credentials.required() || authn.enabled()) && !jwtSession) {
            v = new RequestAuthenticator(ak -> credentials
                            .secret(ak)
                            .or(() -> directory
                                    .s3KeyOwner(ak)
                                    .map(net.aisj.service.auth.AuthnDirectory.KeyOwner::secretKey)))
                    .verify(sr, Instant.now());
        }
        String sha = first(sr, "x-amz-content-sha256");
        if (sha == null || sha.equals(SigV4.UNSIGNED_PAYLOAD)) {
            return withHeaderChecksum(sr, headerNames, body);
        }
        if (sha.startsWith("STREAMING-")) {
            long declared = decodedLength(sr);
            request.setAttribute(S3Call.DECODED_LENGTH, declared);
            boolean signed = sha.equals(SigV4.STREAMING_SIGNED) || sha.equals(SigV4.STREAMING_SIGNED_TRAILER);
            boolean trailer = sha.endsWith("-TRAILER");
            if (!signed && !sha.equals(SigV4.STREAMING_UNSIGNED_TRAILER)) {
                throw new S3Exception(S3Error.NotImplemented, "x-amz-content-sha256 " + sha + " is not supported");
            }
            FlexibleChecksum ck = null;
            if (trailer) {
                String t = first(sr, "x-amz-trailer");
                ck = t == null ? null : FlexibleChecksum.forHeader(t.trim());
            }
            return new AwsChunkedInputStream(
                    body, signed && v != null ? v.signer() : null, v == null ? null : v.signature(), ck, declared);
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(sha);
        } catch (IllegalArgumentException e) {
            expected = null;
        }
        if (expected == null || expected.length != 32) {
            throw new S3Exception(
                    S3Error.InvalidArgument,
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, " + "STREAMING-... or the hex SHA-256 of the body");
        }
        return new DigestVerifyingInputStream(
                withHeaderChecksum(sr, headerNames, body), "SHA-256", expected, S3Error.XAmzContentSHA256Mismatch);
    }

    /**
     * An AuthN token sent as the AWS session token (AIS's S3 path with AuthN: the token is checked by the access
     * gate and the SigV4 signature of its placeholder key is ignored, as AIS does).
     */
    private static boolean isJwt(String v) {
        return v != null && v.chars().filter(ch -> ch == '.').count() == 2;
    }

    /** A whole-body {@code x-amz-checksum-<alg>} header is verified like a trailer. */
    private static InputStream withHeaderChecksum(
            RequestAuthenticator.SignedRequest sr, Collection<String> headerNames, InputStream body) {
        for (String name : headerNames) {
            FlexibleChecksum ck = FlexibleChecksum.forHeader(name);
            if (ck != null) {
                return new FlexibleChecksumInputStream(body, ck, first(sr, name).trim());
            }
        }
        return body;
    }

    private static long decodedLength(RequestAuthenticator.SignedRequest sr) {
        String d = first(sr, "x-amz-decoded-content-length");
        if (d == null) {
            return -1;
        }
        try {
            return Long.parseLong(d.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.InvalidArgument, "invalid x-amz-decoded-content-length");
        }
    }

    private static String first(RequestAuthenticator.SignedRequest sr, String name) {
        List<String> v = sr.header(name);
        return v.isEmpty() ? null : v.get(0);
    }
}
