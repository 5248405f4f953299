package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.aisj.it.support.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** SigV4 on the node: SDK clients with right and wrong keys, presigned URLs, unsigned and tampered requests. */
class S3AuthIT {

    static S3Client s3;
    static String bucket;

    @BeforeAll
    static void setUp() {
        s3 = S3Node.client();
        bucket = S3Node.bucketName("auth");
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void tearDown() {
        S3Node.ais().destroyQuietly(bucket);
        s3.close();
    }

    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, int status, String code) {
        assertThatThrownBy(c).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }

    @Test
    void wrongSecretUnknownKeyAndSecondKey() {
        try (S3Client wrong = S3Node.client(S3Node.ACCESS_KEY, "not-the-secret", S3Node.baseUrl());
                S3Client unknown = S3Node.client("AKIAUNKNOWN000000000", "x", S3Node.baseUrl());
                S3Client other = S3Node.client(S3Node.OTHER_KEY, S3Node.OTHER_SECRET, S3Node.baseUrl())) {
            assertCode(() -> wrong.listBuckets(), 403, "SignatureDoesNotMatch");
            assertCode(
                    () -> wrong.putObject(r -> r.bucket(bucket).key("w"), RequestBody.fromString("w")),
                    403,
                    "SignatureDoesNotMatch");
            assertCode(() -> unknown.listBuckets(), 403, "InvalidAccessKeyId");
            assertCode(() -> unknown.headBucket(r -> r.bucket(bucket)), 403, null);
            other.putObject(r -> r.bucket(bucket).key("by-other"), RequestBody.fromString("o"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("by-other"))
                            .asUtf8String())
                    .isEqualTo("o");
        }
    }

    @Test
    void unsignedRequestsAreDenied() {
        for (String path : new String[] {"/", "/s3", "/" + bucket, "/" + bucket + "/k"}) {
            HttpResponse<String> r = SignedHttp.unsigned("GET", S3Node.baseUrl() + path, Map.of(), null);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(SignedHttp.code(r)).as(path).isEqualTo("AccessDenied");
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("xml");
        }
        HttpResponse<String> empty =
                SignedHttp.unsigned("GET", S3Node.baseUrl() + "/", Map.of("Authorization", ""), null);
        assertThat(SignedHttp.code(empty)).isEqualTo("AccessDenied");
        // the native API is not affected
        assertThat(SignedHttp.unsigned("GET", S3Node.baseUrl() + "/v1/health", Map.of(), null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void skewedClock() {
        HttpResponse<String> r = SignedHttp.unsigned(
                "GET",
                S3Node.baseUrl() + "/",
                Map.of(
                        "x-amz-date",
                        "20200101T000000Z",
                        "x-amz-content-sha256",
                        "UNSIGNED-PAYLOAD",
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=" + S3Node.ACCESS_KEY
                                + "/20200101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"),
                null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(SignedHttp.code(r)).isEqualTo("RequestTimeTooSkewed");
    }

    @Test
    void presignedGetAndPutWithPlainHttp() throws Exception {
        try (S3Presigner p = S3Node.presigner()) {
            PresignedPutObjectRequest put = p.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(bucket).key("presigned/obj")));
            HttpRequest.Builder pb = HttpRequest.newBuilder(put.url().toURI())
                    .PUT(HttpRequest.BodyPublishers.ofString("presigned body"));
            put.signedHeaders().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("host")) {
                    v.forEach(x -> pb.header(k, x));
                }
            });
            HttpResponse<String> pr = SignedHttp.HTTP.send(pb.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pr.statusCode()).as(pr.body()).isEqualTo(200);
            assertThat(pr.headers().firstValue("ETag")).isPresent();

            PresignedGetObjectRequest get = p.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(o -> o.bucket(bucket).key("presigned/obj")));
            HttpResponse<String> gr = SignedHttp.HTTP.send(
                    HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(gr.statusCode()).isEqualTo(200);
            assertThat(gr.body()).isEqualTo("presigned body");

            // tampering with the signed URL breaks it
            String tampered = get.url().toString().replace("presigned/obj", "presigned/other");
            HttpResponse<String> tr = SignedHttp.HTTP.send(
                    HttpRequest.newBuilder(URI.create(tampered)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tr.statusCode()).isEqualTo(403);
            assertThat(SignedHttp.code(tr)).isEqualTo("SignatureDoesNotMatch");

            // expired
            PresignedGetObjectRequest shortLived = p.presignGetObject(r -> r.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(o -> o.bucket(bucket).key("presigned/obj")));
            // valid for a second: poll until the node refuses it (never longer than the deadline)
            HttpRequest expiring =
                    HttpRequest.newBuilder(shortLived.url().toURI()).GET().build();
            @SuppressWarnings("unchecked")
            HttpResponse<String>[] last = new HttpResponse[1];
            Poll.until(
                    Duration.ofSeconds(15),
                    "presigned URL to expire",
                    () -> {
                        last[0] = SignedHttp.HTTP.send(expiring, HttpResponse.BodyHandlers.ofString());
                        return last[0].statusCode() != 200;
                    },
                    () -> String.valueOf(last[0] == null ? "" : last[0].statusCode()));
            HttpResponse<String> er = last[0];
            assertThat(er.statusCode()).isEqualTo(403);
            assertThat(SignedHttp.code(er)).isEqualTo("AccessDenied");
            assertThat(er.body()).contains("Request has expired");
        }
    }

    @Test
    void payloadHashMismatchStoresNothing() {
        // signed for one body, sent with another of the same length
        HttpResponse<String> r = SignedHttp.sendTampered(
                "PUT",
                S3Node.baseUrl() + "/" + bucket + "/tampered",
                "original".getBytes(StandardCharsets.UTF_8),
                "tampered".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SignedHttp.code(r)).isEqualTo("XAmzContentSHA256Mismatch");
        assertCode(() -> s3.headObject(x -> x.bucket(bucket).key("tampered")), 404, null);
    }

    @Test
    void prefixedEndpointWorksWithTheSdk() {
        try (S3Client prefixed = S3Node.client(S3Node.ACCESS_KEY, S3Node.SECRET_KEY, S3Node.baseUrl() + "/s3")) {
            prefixed.putObject(r -> r.bucket(bucket).key("via/s3/prefix"), RequestBody.fromString("p"));
            assertThat(prefixed.getObjectAsBytes(r -> r.bucket(bucket).key("via/s3/prefix"))
                            .asUtf8String())
                    .isEqualTo("p");
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("via/s3/prefix"))
                            .asUtf8String())
                    .isEqualTo("p");
        }
    }
}
