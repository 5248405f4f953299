package net.aisj.web.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;
import org.junit.jupiter.api.Test;

/**
 * Against the examples of "Signature Calculations for the Authorization Header" and "Authenticating Requests: Using
 * Query Parameters" (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
 */
class SigV4Test {

    static final String AK = "AKIAIOSFODNN7EXAMPLE";
    static final String SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant WHEN = Instant.parse("2013-05-24T00:00:00Z");
    static final RequestAuthenticator AUTH =
            new RequestAuthenticator(k -> k.equals(AK) ? Optional.of(SK) : Optional.empty());

    static Map<String, List<String>> getObjectHeaders(String signature) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("examplebucket.s3.amazonaws.com"));
        h.put("Range", List.of("bytes=0-9"));
        h.put("x-amz-content-sha256", List.of(SigV4.EMPTY_SHA256));
        h.put("x-amz-date", List.of("20130524T000000Z"));
        h.put(
                "Authorization",
                List.of("AWS4-HMAC-SHA256 Credential=" + AK + "/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature));
        return h;
    }

    @Test
    void getObjectExample() {
        var r = RequestAuthenticator.request("GET", "/test.txt", null, getObjectHeaders("x"));
        String canonical = SigV4.canonicalRequest(
                "GET",
                "/test.txt",
                null,
                List.of("host", "range", "x-amz-content-sha256", "x-amz-date"),
                r::header,
                SigV4.EMPTY_SHA256,
                false);
        assertThat(canonical)
                .isEqualTo("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                        + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                        + "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(SigV4.sha256Hex(canonical))
                .isEqualTo("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
        SigV4.Signer s = SigV4.Signer.of(SK, "20130524T000000Z", "20130524", "us-east-1", "s3");
        assertThat(s.signRequest(canonical))
                .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void signingKeysAreRememberedPerSecretDayRegionAndService() {
        byte[] k = SigV4.signingKey(SK, "20130524", "us-east-1", "s3");
        assertThat(SigV4.signingKey(SK, "20130524", "us-east-1", "s3"))
                .isSameAs(k)
                .isEqualTo(SigV4.deriveKey(SK, "20130524", "us-east-1", "s3"));
        for (String[] other : new String[][] {
            {SK + "x", "20130524", "us-east-1", "s3"},
            {SK, "20130525", "us-east-1", "s3"},
            {SK, "20130524", "eu-west-1", "s3"},
            {SK, "20130524", "us-east-1", "sts"}
        }) {
            assertThat(SigV4.signingKey(other[0], other[1], other[2], other[3]))
                    .isEqualTo(SigV4.deriveKey(other[0], other[1], other[2], other[3]))
                    .isNotEqualTo(k);
        }
    }

    @Test
    void verifiesTheExampleAndRejectsAWrongOne() {
        var ok = RequestAuthenticator.request(
                "GET",
                "/test.txt",
                null,
                getObjectHeaders("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        assertThat(AUTH.verify(ok, WHEN.plusSeconds(60)).accessKey()).isEqualTo(AK);
        var bad = RequestAuthenticator.request(
                "GET",
                "/test.txt",
                null,
                getObjectHeaders("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42"));
        assertError(() -> AUTH.verify(bad, WHEN), S3Error.SignatureDoesNotMatch);
        assertError(() -> AUTH.verify(ok, WHEN.plusSeconds(16 * 60)), S3Error.RequestTimeTooSkewed);
        var other = new RequestAuthenticator(k -> Optional.empty());
        assertError(() -> other.verify(ok, WHEN), S3Error.InvalidAccessKeyId);
        var none = RequestAuthenticator.request("GET", "/test.txt", null, Map.of());
        assertError(() -> AUTH.verify(none, WHEN), S3Error.AccessDenied);
    }

    static final String PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE"
            + "%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400"
            + "&X-Amz-SignedHeaders=host&X-Amz-Signature=";
    static final String PRESIGNED_SIG = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    @Test
    void presignedExampleAndExpiry() {
        Map<String, List<String>> h = Map.of("Host", List.of("examplebucket.s3.amazonaws.com"));
        var r = RequestAuthenticator.request("GET", "/test.txt", PRESIGNED_QUERY + PRESIGNED_SIG, h);
        assertThat(AUTH.verify(r, WHEN.plusSeconds(86_000)).accessKey()).isEqualTo(AK);
        assertThatThrownBy(() -> AUTH.verify(r, WHEN.plusSeconds(86_401)))
                .isInstanceOf(S3Exception.class)
                .hasMessage("Request has expired")
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.AccessDenied));
        var tampered = RequestAuthenticator.request("GET", "/test2.txt", PRESIGNED_QUERY + PRESIGNED_SIG, h);
        assertError(() -> AUTH.verify(tampered, WHEN), S3Error.SignatureDoesNotMatch);
    }

    @Test
    void canonicalUriAndQueryEncodeOnceTheAwsWay() {
        assertThat(SigV4.canonicalUri("/b/a%20b/c+d/%E2%82%AC!")).isEqualTo("/b/a%20b/c%2Bd/%E2%82%AC%21");
        assertThat(SigV4.canonicalUri("/b/x%2fy")).isEqualTo("/b/x%2Fy");
        assertThat(SigV4.canonicalQuery("prefix=a/b&list-type=2&delimiter=%2F&empty", false))
                .isEqualTo("delimiter=%2F&empty=&list-type=2&prefix=a%2Fb");
    }

    static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, S3Error e) {
        assertThatThrownBy(c)
                .isInstanceOf(S3Exception.class)
                .satisfies(x -> assertThat(((S3Exception) x).error()).isEqualTo(e));
    }
}
