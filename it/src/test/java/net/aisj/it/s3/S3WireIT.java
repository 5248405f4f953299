package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * What S3 clients send and real S3 answers, call by call (issue 18): object versions listing and {@code versionId}
 * reads, re-completing an upload, a part sent twice, {@code max-keys=0}, validators on 304/412, presigned expiry,
 * a missing bucket on DELETE, and conditional PUTs. Every call is the AWS SDK's own request or one signed by its
 * signer.
 */
class S3WireIT {

    static S3Client s3;
    static String bucket;

    @BeforeAll
    static void setUp() {
        s3 = S3Node.client();
        bucket = S3Node.bucketName("wire");
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void tearDown() {
        S3Node.ais().destroyQuietly(bucket);
        s3.close();
    }

    private static String url(String key) {
        return S3Node.baseUrl() + "/" + bucket + "/" + key;
    }

    @Test
    void unversionedBucketListsVersionsWithNullIdAndReadsThem() {
        String b = S3Node.bucketName("unver");
        s3.createBucket(r -> r.bucket(b));
        try {
            // buckets start versioned, as AIS's do; suspended, objects have S3's "null" version
            s3.putBucketVersioning(
                    r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
            s3.putObject(r -> r.bucket(b).key("v/a"), RequestBody.fromString("aaa"));
            s3.putObject(r -> r.bucket(b).key("v/b"), RequestBody.fromString("bbbb"));
            ListObjectVersionsResponse l = s3.listObjectVersions(r -> r.bucket(b));
            assertThat(l.versions()).extracting(ObjectVersion::key).containsExactly("v/a", "v/b");
            assertThat(l.versions()).allSatisfy(v -> {
                assertThat(v.versionId()).isEqualTo("null");
                assertThat(v.isLatest()).isTrue();
            });
            assertThat(l.versions().get(1).size()).isEqualTo(4L);
            assertThat(l.isTruncated()).isFalse();
            assertThat(l.deleteMarkers()).isEmpty();

            assertThat(s3.getObjectAsBytes(r -> r.bucket(b).key("v/a").versionId("null"))
                            .asUtf8String())
                    .isEqualTo("aaa");
            assertThat(s3.headObject(r -> r.bucket(b).key("v/b").versionId("null"))
                            .contentLength())
                    .isEqualTo(4L);
            assertThatThrownBy(() -> s3.getObject(r -> r.bucket(b).key("v/a").versionId("3HL4kqtJlcpXroDTDmJ")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchVersion");
                    });

            // paged by key-marker, as rclone and awscli page
            ListObjectVersionsResponse p1 =
                    s3.listObjectVersions(r -> r.bucket(b).maxKeys(1));
            assertThat(p1.versions()).extracting(ObjectVersion::key).containsExactly("v/a");
            assertThat(p1.isTruncated()).isTrue();
            ListObjectVersionsResponse p2 = s3.listObjectVersions(
                    r -> r.bucket(b).keyMarker(p1.nextKeyMarker()).versionIdMarker(p1.nextVersionIdMarker()));
            assertThat(p2.versions()).extracting(ObjectVersion::key).containsExactly("v/b");
            assertThat(s3.listObjectVersions(r -> r.bucket(b).delimiter("/")).commonPrefixes())
                    .extracting(p -> p.prefix())
                    .containsExactly("v/");

            // a purge deletes by version
            s3.deleteObject(r -> r.bucket(b).key("v/a").versionId("null"));
            s3.deleteObjects(r -> r.bucket(b)
                    .delete(d -> d.objects(o -> o.key("v/b").versionId("null")).quiet(false)));
            assertThat(s3.listObjectVersions(r -> r.bucket(b)).versions()).isEmpty();
        } finally {
            S3Node.ais().destroyQuietly(b);
        }
    }

    @Test
    void versionedBucketAnswersTheCurrentVersion() {
        String b = S3Node.bucketName("ver");
        s3.createBucket(r -> r.bucket(b));
        try {
            assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
            s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("one"));
            var put = s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("two"));
            assertThat(put.versionId()).isNotBlank().isNotEqualTo("null");
            List<ObjectVersion> vs = s3.listObjectVersions(r -> r.bucket(b)).versions();
            assertThat(vs).hasSize(1);
            assertThat(vs.get(0).versionId()).isEqualTo(put.versionId());
            assertThat(vs.get(0).isLatest()).isTrue();
            assertThat(s3.getObjectAsBytes(r -> r.bucket(b).key("k").versionId(put.versionId()))
                            .asUtf8String())
                    .isEqualTo("two");
            assertThat(s3.headObject(r -> r.bucket(b).key("k")).versionId()).isEqualTo(put.versionId());
            assertThatThrownBy(() -> s3.headObject(r -> r.bucket(b).key("k").versionId("null")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        } finally {
            S3Node.ais().destroyQuietly(b);
        }
    }

    @Test
    void completingTwiceAnswersTheSameEtagAndAPartSentTwiceKeepsTheNewest() {
        String key = "mpu/twice";
        String id = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String first = s3.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(id).partNumber(1), RequestBody.fromString("old data"))
                .eTag();
        String second = s3.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(id).partNumber(1), RequestBody.fromString("new data!"))
                .eTag();
        assertThat(second).isNotEqualTo(first);
        assertThat(s3.listParts(r -> r.bucket(bucket).key(key).uploadId(id)).parts())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.eTag()).isEqualTo(second);
                    assertThat(p.size()).isEqualTo(9L);
                });
        assertThatThrownBy(() -> s3.completeMultipartUpload(r -> r.bucket(bucket)
                        .key(key)
                        .uploadId(id)
                        .multipartUpload(m -> m.parts(CompletedPart.builder()
                                .partNumber(1)
                                .eTag(first)
                                .build()))))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
        var done = s3.completeMultipartUpload(r -> r.bucket(bucket)
                .key(key)
                .uploadId(id)
                .multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(second).build())));
        var again = s3.completeMultipartUpload(r -> r.bucket(bucket)
                .key(key)
                .uploadId(id)
                .multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(second).build())));
        assertThat(again.eTag()).isEqualTo(done.eTag());
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                .isEqualTo("new data!");
        // an upload that never existed is still NoSuchUpload
        assertThatThrownBy(() -> s3.completeMultipartUpload(r -> r.bucket(bucket)
                        .key(key)
                        .uploadId(id + "x")
                        .multipartUpload(m -> m.parts(CompletedPart.builder()
                                .partNumber(1)
                                .eTag(second)
                                .build()))))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload"));
    }

    @Test
    void maxKeysZeroIsAnEmptyPageNotTruncated() {
        s3.putObject(r -> r.bucket(bucket).key("mk/one"), RequestBody.fromString("1"));
        var v2 = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(0));
        assertThat(v2.contents()).isEmpty();
        assertThat(v2.keyCount()).isZero();
        assertThat(v2.isTruncated()).isFalse();
        var v1 = s3.listObjects(r -> r.bucket(bucket).maxKeys(0));
        assertThat(v1.contents()).isEmpty();
        assertThat(v1.isTruncated()).isFalse();
    }

    @Test
    void notModifiedAndPreconditionFailedCarryTheValidators() {
        var put = s3.putObject(r -> r.bucket(bucket).key("cond/get"), RequestBody.fromString("validators"));
        String lastModified = s3.headObject(r -> r.bucket(bucket).key("cond/get"))
                .sdkHttpResponse()
                .firstMatchingHeader("Last-Modified")
                .orElseThrow();
        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> nm =
                    SignedHttp.send(method, url("cond/get"), Map.of("If-None-Match", put.eTag()), null);
            assertThat(nm.statusCode()).isEqualTo(304);
            assertThat(nm.headers().firstValue("ETag")).hasValue(put.eTag());
            assertThat(nm.headers().firstValue("Last-Modified")).hasValue(lastModified);
            HttpResponse<String> pf = SignedHttp.send(method, url("cond/get"), Map.of("If-Match", "\"nope\""), null);
            assertThat(pf.statusCode()).isEqualTo(412);
            assertThat(pf.headers().firstValue("ETag")).hasValue(put.eTag());
            assertThat(pf.headers().firstValue("Last-Modified")).hasValue(lastModified);
        }
    }

    @Test
    void conditionalPutRefusesToOverwriteOrToWriteAStaleVersion() {
        String key = "cond/put";
        var created = s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("first"));
        assertThatThrownBy(() ->
                        s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThatThrownBy(() -> s3.putObject(
                        r -> r.bucket(bucket).key(key).ifMatch("\"0123456789abcdef0123456789abcdef\""),
                        RequestBody.fromString("stale")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                .isEqualTo("first");
        var updated =
                s3.putObject(r -> r.bucket(bucket).key(key).ifMatch(created.eTag()), RequestBody.fromString("third"));
        assertThat(updated.eTag()).isNotEqualTo(created.eTag());
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                .isEqualTo("third");
        // If-Match on a key that does not exist: NoSuchKey, as S3 answers
        assertThatThrownBy(() -> s3.putObject(
                        r -> r.bucket(bucket).key("cond/absent").ifMatch(created.eTag()), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void deleteInAMissingBucketIsNoSuchBucket() {
        String missing = S3Node.bucketName("gone");
        assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket(missing).key("k")))
                .isInstanceOfSatisfying(
                        NoSuchBucketException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        HttpResponse<String> raw = SignedHttp.send("DELETE", S3Node.baseUrl() + "/" + missing + "/k", Map.of(), null);
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(SignedHttp.code(raw)).isEqualTo("NoSuchBucket");
    }

    /** A presigned URL signed by the SDK's signer with any expiry and signing time. */
    private static URI presign(String method, String key, Duration expires, Instant signedAt) {
        SdkHttpRequest req = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(url(key)))
                .build();
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(S3Node.ACCESS_KEY, S3Node.SECRET_KEY))
                        .request(req)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request()
                .getUri();
    }

    private static HttpResponse<String> call(String method, URI u, String body) throws Exception {
        return SignedHttp.HTTP.send(
                HttpRequest.newBuilder(u)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void presignedExpiryOutOfRangeOrPastIsAccessDenied() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> ok = call("PUT", presign("PUT", "pre/put", Duration.ofMinutes(10), now), "presigned");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(call("GET", presign("GET", "pre/put", Duration.ofDays(7), now), null)
                        .body())
                .isEqualTo("presigned");

        HttpResponse<String> expiredPut =
                call("PUT", presign("PUT", "pre/put", Duration.ofSeconds(60), now.minusSeconds(3600)), "late");
        assertThat(expiredPut.statusCode()).isEqualTo(403);
        assertThat(SignedHttp.code(expiredPut)).isEqualTo("AccessDenied");

        String valid = presign("GET", "pre/put", Duration.ofMinutes(10), now).toString();
        for (String expires : List.of("0", "604801")) {
            URI u = URI.create(valid.replaceFirst("X-Amz-Expires=\\d+", "X-Amz-Expires=" + expires));
            HttpResponse<String> r = call("GET", u, null);
            assertThat(r.statusCode()).as("X-Amz-Expires=" + expires).isEqualTo(403);
            assertThat(SignedHttp.code(r)).isEqualTo("AccessDenied");
        }
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("pre/put")).asUtf8String())
                .isEqualTo("presigned");
    }

    @Test
    void aclsAnswerOwnerFullControlAndCannedAclsAreAccepted() {
        s3.putObject(
                r -> r.bucket(bucket).key("acl/obj").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("acl"));
        var acl = s3.getObjectAcl(r -> r.bucket(bucket).key("acl/obj"));
        assertThat(acl.owner().id()).isNotBlank();
        assertThat(acl.grants()).singleElement().satisfies(g -> {
            assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
            assertThat(g.grantee().type()).isEqualTo(Type.CANONICAL_USER);
            assertThat(g.grantee().id()).isEqualTo(acl.owner().id());
        });
        s3.putObjectAcl(r -> r.bucket(bucket).key("acl/obj").acl(ObjectCannedACL.PRIVATE));
        s3.putObjectAcl(r -> r.bucket(bucket)
                .key("acl/obj")
                .accessControlPolicy(p -> p.owner(acl.owner()).grants(acl.grants())));
        var bucketAcl = s3.getBucketAcl(r -> r.bucket(bucket));
        assertThat(bucketAcl.grants()).extracting(g -> g.permission()).containsExactly(Permission.FULL_CONTROL);
        s3.putBucketAcl(r -> r.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        assertThatThrownBy(() -> s3.getObjectAcl(r -> r.bucket(bucket).key("acl/none")))
                .isInstanceOf(NoSuchKeyException.class);
        HttpResponse<String> bad =
                SignedHttp.send("PUT", url("acl/obj") + "?acl", Map.of("x-amz-acl", "everyone-may-write"), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(SignedHttp.code(bad)).isEqualTo("InvalidArgument");
    }

    @Test
    void objectTagsAreStoredWithTheObject() {
        var put = s3.putObject(
                r -> r.bucket(bucket).key("tags/obj").tagging("project=ais&team=storage%20eng"),
                RequestBody.fromString("tagged"));
        assertThat(s3.getObjectTagging(r -> r.bucket(bucket).key("tags/obj")).tagSet())
                .extracting(Tag::key, Tag::value)
                .containsExactly(tuple("project", "ais"), tuple("team", "storage eng"));
        assertThat(s3.getObject(r -> r.bucket(bucket).key("tags/obj"))
                        .response()
                        .tagCount())
                .isEqualTo(2);
        s3.putObjectTagging(r -> r.bucket(bucket)
                .key("tags/obj")
                .tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
        assertThat(s3.getObjectTagging(r -> r.bucket(bucket).key("tags/obj")).tagSet())
                .extracting(Tag::key)
                .containsExactly("k");
        // tags are metadata: the data, its ETag and the user metadata stay
        var head = s3.headObject(r -> r.bucket(bucket).key("tags/obj"));
        assertThat(head.eTag()).isEqualTo(put.eTag());
        s3.deleteObjectTagging(r -> r.bucket(bucket).key("tags/obj"));
        assertThat(s3.getObjectTagging(r -> r.bucket(bucket).key("tags/obj")).tagSet())
                .isEmpty();
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("tags/obj")).asUtf8String())
                .isEqualTo("tagged");
        assertThatThrownBy(() -> s3.putObjectTagging(r -> r.bucket(bucket)
                        .key("tags/obj")
                        .tagging(t -> t.tagSet(
                                Tag.builder().key("a").value("1").build(),
                                Tag.builder().key("a").value("2").build()))))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidTag"));
        assertThatThrownBy(() -> s3.getObjectTagging(r -> r.bucket(bucket).key("tags/none")))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
