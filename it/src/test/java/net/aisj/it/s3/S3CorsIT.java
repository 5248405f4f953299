package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 bucket CORS (issue 18): the AWS SDK's Put/Get/DeleteBucketCors, and what a browser sends: an unsigned
 * {@code OPTIONS} preflight and a request carrying {@code Origin}, answered from the bucket's rules.
 */
class S3CorsIT {

    static S3Client s3;
    static String bucket;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() {
        s3 = S3Node.client();
        bucket = S3Node.bucketName("cors");
        s3.createBucket(r -> r.bucket(bucket));
        s3.putObject(r -> r.bucket(bucket).key("pics/a.txt"), RequestBody.fromString("hello"));
    }

    @AfterAll
    static void tearDown() {
        S3Node.ais().destroyQuietly(bucket);
        s3.close();
    }

    static HttpResponse<String> preflight(String base, String path, String origin, String method, String headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (method != null) {
            b.header("Access-Control-Request-Method", method);
        }
        if (headers != null) {
            b.header("Access-Control-Request-Headers", headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void putRules(S3Client client, String b) {
        client.putBucketCors(r -> r.bucket(b)
                .corsConfiguration(c -> c.corsRules(
                        CORSRule.builder()
                                .id("app")
                                .allowedOrigins("https://app.example.com", "https://*.example.org")
                                .allowedMethods("GET", "PUT", "HEAD")
                                .allowedHeaders("content-type", "x-amz-*")
                                .exposeHeaders("ETag", "x-amz-request-id")
                                .maxAgeSeconds(300)
                                .build(),
                        CORSRule.builder()
                                .allowedOrigins("*")
                                .allowedMethods("GET")
                                .build())));
    }

    @Test
    void rulesRoundTripThroughTheSdkAndDeleteLeavesNone() {
        String b = S3Node.bucketName("corsrt");
        s3.createBucket(r -> r.bucket(b));
        try {
            assertThatThrownBy(() -> s3.getBucketCors(r -> r.bucket(b)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration");
                    });
            putRules(s3, b);
            GetBucketCorsResponse got = s3.getBucketCors(r -> r.bucket(b));
            assertThat(got.corsRules()).hasSize(2);
            CORSRule first = got.corsRules().get(0);
            assertThat(first.id()).isEqualTo("app");
            assertThat(first.allowedOrigins()).containsExactly("https://app.example.com", "https://*.example.org");
            assertThat(first.allowedMethods()).containsExactly("GET", "PUT", "HEAD");
            assertThat(first.allowedHeaders()).containsExactly("content-type", "x-amz-*");
            assertThat(first.exposeHeaders()).containsExactly("ETag", "x-amz-request-id");
            assertThat(first.maxAgeSeconds()).isEqualTo(300);
            assertThat(got.corsRules().get(1).allowedOrigins()).containsExactly("*");

            // AIS's props of the bucket do not show them (AIS has no bucket CORS)
            var props = S3Node.ais().control("HEAD", "/v1/buckets/" + b, null);
            assertThat(props.header("Ais-Bucket-Props")).doesNotContain("example.com");

            s3.deleteBucketCors(r -> r.bucket(b));
            assertThatThrownBy(() -> s3.getBucketCors(r -> r.bucket(b)))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        } finally {
            S3Node.ais().destroyQuietly(b);
        }
    }

    @Test
    void invalidRulesAreRefusedAndNothingIsStored() {
        String b = S3Node.bucketName("corsbad");
        s3.createBucket(r -> r.bucket(b));
        try {
            assertThatThrownBy(() -> s3.putBucketCors(r -> r.bucket(b)
                            .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                                    .allowedOrigins("*")
                                    .allowedMethods("PATCH")
                                    .build()))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("PATCH");
                    });
            assertThatThrownBy(() -> s3.putBucketCors(r -> r.bucket(b)
                            .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                                    .allowedOrigins("https://*.*.example.com")
                                    .allowedMethods("GET")
                                    .build()))))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThatThrownBy(() -> s3.getBucketCors(r -> r.bucket(b)))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            assertThatThrownBy(() -> s3.putBucketCors(r -> r.bucket(S3Node.bucketName("nosuch"))
                            .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                                    .allowedOrigins("*")
                                    .allowedMethods("GET")
                                    .build()))))
                    .isInstanceOfSatisfying(
                            S3Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
        } finally {
            S3Node.ais().destroyQuietly(b);
        }
    }

    @Test
    void preflightsAreAnsweredFromTheRules() throws Exception {
        String base = S3Node.baseUrl();
        String path = "/" + bucket + "/pics/a.txt";
        // no rules yet: CORS is not enabled
        s3.deleteBucketCors(r -> r.bucket(bucket));
        HttpResponse<String> off = preflight(base, path, "https://app.example.com", "GET", null);
        assertThat(off.statusCode()).isEqualTo(403);
        assertThat(off.body()).contains("<Code>AccessForbidden</Code>").contains("not enabled");

        putRules(s3, bucket);
        HttpResponse<String> ok = preflight(base, path, "https://app.example.com", "PUT", "Content-Type, X-Amz-Date");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, PUT, HEAD");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Headers")).contains("Content-Type, X-Amz-Date");
        assertThat(ok.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag, x-amz-request-id");
        assertThat(ok.headers().firstValue("Access-Control-Max-Age")).contains("300");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");

        // one wildcard in the origin: any sub-domain of example.org
        assertThat(preflight(base, path, "https://cdn.example.org", "HEAD", null)
                        .statusCode())
                .isEqualTo(200);
        // the second rule admits any origin for GET only, and names no origin
        HttpResponse<String> any = preflight(base, "/s3" + path, "https://elsewhere.net", "GET", null);
        assertThat(any.statusCode()).isEqualTo(200);
        assertThat(any.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(any.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        // no rule admits: a method, a header or an origin not listed
        for (HttpResponse<String> r : List.of(
                preflight(base, path, "https://elsewhere.net", "PUT", null),
                preflight(base, path, "https://app.example.com", "DELETE", null),
                preflight(base, path, "https://app.example.com", "PUT", "x-custom-header"))) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("<Code>AccessForbidden</Code>").contains("not allowed");
        }
        // not a preflight
        HttpResponse<String> noOrigin = preflight(base, path, null, "GET", null);
        assertThat(noOrigin.statusCode()).isEqualTo(400);
        assertThat(noOrigin.body()).contains("Origin request header needed");
        // a bucket that does not exist
        assertThat(preflight(base, "/" + S3Node.bucketName("gone") + "/x", "https://app.example.com", "GET", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void signedRequestsWithAnOriginCarryTheMatchingRulesHeaders() throws Exception {
        putRules(s3, bucket);
        var presigner = S3Node.presigner();
        URI get = presigner
                .presignGetObject(r -> r.signatureDuration(java.time.Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket(bucket).key("pics/a.txt")))
                .url()
                .toURI();
        HttpResponse<String> fromApp = HTTP.send(
                HttpRequest.newBuilder(get)
                        .header("Origin", "https://app.example.com")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fromApp.statusCode()).isEqualTo(200);
        assertThat(fromApp.body()).isEqualTo("hello");
        assertThat(fromApp.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(fromApp.headers().firstValue("Access-Control-Expose-Headers"))
                .contains("ETag, x-amz-request-id");

        HttpResponse<String> noOrigin =
                HTTP.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noOrigin.statusCode()).isEqualTo(200);
        assertThat(noOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        s3.deleteBucketCors(r -> r.bucket(bucket));
        HttpResponse<String> afterDelete = HTTP.send(
                HttpRequest.newBuilder(get)
                        .header("Origin", "https://app.example.com")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(afterDelete.statusCode()).isEqualTo(200);
        assertThat(afterDelete.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }
}
