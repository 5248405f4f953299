package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.aisj.it.support.ItEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket lifecycle over S3: the same buckets as the native API. */
class S3BucketIT {

    static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Node.client();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void createListHeadLocationDelete() {
        String b = S3Node.bucketName("life");
        s3.createBucket(r -> r.bucket(b));
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains(b);
        assertThat(s3.listBuckets().buckets().stream()
                        .filter(x -> x.name().equals(b))
                        .findFirst()
                        .orElseThrow()
                        .creationDate())
                .isNotNull();
        s3.headBucket(r -> r.bucket(b));
        assertThat(s3.getBucketLocation(r -> r.bucket(b)).locationConstraintAsString())
                .isEmpty();
        // the native API sees the same bucket
        S3Node.ais().headBucket(b).expect(200);

        assertThatThrownBy(() -> s3.createBucket(r -> r.bucket(b)))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class);

        s3.putObject(r -> r.bucket(b).key("x"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(r -> r.bucket(b))).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
        });
        s3.deleteObject(r -> r.bucket(b).key("x"));
        s3.deleteBucket(r -> r.bucket(b));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket(b))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.deleteBucket(r -> r.bucket(b))).isInstanceOf(NoSuchBucketException.class);
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(b);
    }

    @Test
    void createWithLocationConstraintBody() {
        String b = S3Node.bucketName("loc");
        s3.createBucket(r -> r.bucket(b).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        s3.headBucket(r -> r.bucket(b));
        s3.deleteBucket(r -> r.bucket(b));
    }

    @Test
    void invalidNames() {
        // signed raw requests: the SDK refuses most of these names itself
        for (String bad :
                new String[] {"ab", "Upper-case", "under_score", "192.168.1.1", "a..b", "-dash", "xn--punycode", "s3"
                }) {
            var r = SignedHttp.send("PUT", S3Node.baseUrl() + "/s3/" + bad, java.util.Map.of(), null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(SignedHttp.code(r)).as(bad).isEqualTo("InvalidBucketName");
            assertThat(r.body())
                    .contains("<Resource>/s3/" + bad + "</Resource>")
                    .contains("<RequestId>");
        }
    }

    @Test
    void reservedRootSegmentsStayNative() {
        // /v1/... answers in AIS JSON, not as a bucket named v1
        var r = SignedHttp.send("GET", S3Node.baseUrl() + "/v1/no-such-endpoint", java.util.Map.of(), null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
        // ListBuckets at / and at /s3
        for (String p : new String[] {"/", "/s3"}) {
            var l = SignedHttp.send("GET", S3Node.baseUrl() + p, java.util.Map.of(), null);
            assertThat(l.statusCode()).as(p).isEqualTo(200);
            assertThat(l.body()).as(p).contains("<ListAllMyBucketsResult");
            assertThat(l.headers().firstValue("x-amz-request-id")).as(p).isPresent();
        }
    }

    @Test
    void versioningMapsToTheBucketProperty() {
        String b = S3Node.bucketName("ver");
        s3.createBucket(r -> r.bucket(b));
        try {
            assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
            s3.putBucketVersioning(
                    r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
            assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
            assertThat(S3Node.ais().headBucket(b).expect(200).header("Ais-Bucket-Props"))
                    .contains("\"versioning\":{\"enabled\":false");
            s3.putBucketVersioning(
                    r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        } finally {
            s3.deleteBucket(r -> r.bucket(b));
        }
    }

    @Test
    void nativeBucketVisibleOverS3() {
        String b = ItEnv.bucketName("nat");
        S3Node.ais().createBucket(b).expect(200);
        try {
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains(b);
            s3.headBucket(r -> r.bucket(b));
        } finally {
            S3Node.ais().destroyQuietly(b);
        }
    }
}
