package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Objects over S3: metadata round trip, ranges, conditionals, copies, multi-delete, native interop. */
class S3ObjectIT {

    static S3Client s3;
    static String bucket;

    @BeforeAll
    static void setUp() {
        s3 = S3Node.client();
        bucket = S3Node.bucketName("obj");
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void tearDown() {
        S3Node.ais().destroyQuietly(bucket);
        s3.close();
    }

    static String md5Etag(byte[] b) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b)) + "\"";
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void putGetHeadDeleteWithMetadata() throws Exception {
        byte[] data = bytes(300_001, 1);
        Instant expires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var put = s3.putObject(
                r -> r.bucket(bucket)
                        .key("dir/meta.bin")
                        .contentType("text/plain; charset=utf-8")
                        .metadata(Map.of("color", "blue", "note", rfc2047("café ü ñ 日本")))
                        .contentDisposition("attachment; filename=x")
                        .cacheControl("max-age=60")
                        .contentLanguage("en")
                        .expires(expires),
                RequestBody.fromBytes(data));
        assertThat(put.eTag()).isEqualTo(md5Etag(data));

        ResponseBytes<GetObjectResponse> got =
                s3.getObjectAsBytes(r -> r.bucket(bucket).key("dir/meta.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        GetObjectResponse g = got.response();
        assertThat(g.eTag()).isEqualTo(md5Etag(data));
        assertThat(g.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(g.metadata()).containsEntry("color", "blue");
        assertThat(decode2047(g.metadata().get("note"))).isEqualTo("café ü ñ 日本");
        assertThat(g.contentDisposition()).isEqualTo("attachment; filename=x");
        assertThat(g.cacheControl()).isEqualTo("max-age=60");
        assertThat(g.contentLanguage()).isEqualTo("en");
        assertThat(g.contentLength()).isEqualTo(data.length);
        assertThat(g.lastModified())
                .isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));

        HeadObjectResponse h = s3.headObject(r -> r.bucket(bucket).key("dir/meta.bin"));
        assertThat(h.contentLength()).isEqualTo(data.length);
        assertThat(h.eTag()).isEqualTo(md5Etag(data));
        assertThat(h.metadata()).containsEntry("color", "blue");
        assertThat(h.lastModified()).isEqualTo(g.lastModified());

        var overridden = s3.getObjectAsBytes(r -> r.bucket(bucket)
                        .key("dir/meta.bin")
                        .responseContentType("application/x-test")
                        .responseCacheControl("no-cache"))
                .response();
        assertThat(overridden.contentType()).isEqualTo("application/x-test");
        assertThat(overridden.cacheControl()).isEqualTo("no-cache");

        s3.deleteObject(r -> r.bucket(bucket).key("dir/meta.bin"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("dir/meta.bin")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key("dir/meta.bin")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        // deleting again is fine (204)
        s3.deleteObject(r -> r.bucket(bucket).key("dir/meta.bin"));
    }

    @Test
    void emptyObjectAndAwkwardKeys() throws Exception {
        for (String key : List.of("empty", "a b/c+d/ü €/x=y&z?.txt", "trailing/", "x%2Fy", "dots.../.hidden")) {
            byte[] data = key.equals("empty") ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
            assertThat(s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(data))
                            .eTag())
                    .as(key)
                    .isEqualTo(md5Etag(data));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray())
                    .as(key)
                    .isEqualTo(data);
        }
    }

    @Test
    void ranges() {
        byte[] data = bytes(1000, 2);
        s3.putObject(r -> r.bucket(bucket).key("range"), RequestBody.fromBytes(data));
        var part = s3.getObjectAsBytes(r -> r.bucket(bucket).key("range").range("bytes=10-19"));
        assertThat(part.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
        assertThat(part.response().contentRange()).isEqualTo("bytes 10-19/1000");
        assertThat(part.response().contentLength()).isEqualTo(10);
        var suffix = s3.getObjectAsBytes(r -> r.bucket(bucket).key("range").range("bytes=-5"));
        assertThat(suffix.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 995, 1000));
        var open = s3.getObjectAsBytes(r -> r.bucket(bucket).key("range").range("bytes=990-"));
        assertThat(open.asByteArray()).hasSize(10);
        assertThatThrownBy(() ->
                        s3.getObjectAsBytes(r -> r.bucket(bucket).key("range").range("bytes=1000-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void conditionals() {
        String etag = s3.putObject(r -> r.bucket(bucket).key("cond"), RequestBody.fromString("cond"))
                .eTag();
        Instant past = Instant.now().minus(1, ChronoUnit.DAYS);
        Instant future = Instant.now().plus(1, ChronoUnit.DAYS);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("cond").ifMatch(etag))
                        .asUtf8String())
                .isEqualTo("cond");
        assertStatus(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("cond").ifNoneMatch(etag)), 304);
        assertStatus(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("cond").ifMatch("\"nope\"")), 412);
        assertStatus(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("cond").ifModifiedSince(future)), 304);
        assertStatus(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("cond").ifUnmodifiedSince(past)), 412);
        assertStatus(() -> s3.headObject(r -> r.bucket(bucket).key("cond").ifNoneMatch(etag)), 304);
        // If-Match true wins over If-Unmodified-Since false; If-None-Match false wins over If-Modified-Since
        assertThat(s3.getObjectAsBytes(
                                r -> r.bucket(bucket).key("cond").ifMatch(etag).ifUnmodifiedSince(past))
                        .asUtf8String())
                .isEqualTo("cond");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket)
                                .key("cond")
                                .ifNoneMatch("\"other\"")
                                .ifModifiedSince(future))
                        .asUtf8String())
                .isEqualTo("cond");
    }

    @Test
    void copies() throws Exception {
        byte[] data = bytes(70_000, 3);
        s3.putObject(
                r -> r.bucket(bucket).key("src").metadata(Map.of("k", "v")).contentType("image/png"),
                RequestBody.fromBytes(data));
        var c = s3.copyObject(r -> r.sourceBucket(bucket)
                .sourceKey("src")
                .destinationBucket(bucket)
                .destinationKey("copy/one"));
        assertThat(c.copyObjectResult().eTag()).isEqualTo(md5Etag(data));
        var g = s3.getObjectAsBytes(r -> r.bucket(bucket).key("copy/one"));
        assertThat(g.asByteArray()).isEqualTo(data);
        assertThat(g.response().metadata()).containsEntry("k", "v");
        assertThat(g.response().contentType()).isEqualTo("image/png");

        s3.copyObject(r -> r.sourceBucket(bucket)
                .sourceKey("src")
                .destinationBucket(bucket)
                .destinationKey("copy/two")
                .metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("new", "1"))
                .contentType("text/x"));
        var two = s3.headObject(r -> r.bucket(bucket).key("copy/two"));
        assertThat(two.metadata()).containsEntry("new", "1").doesNotContainKey("k");
        assertThat(two.contentType()).isEqualTo("text/x");

        assertThatThrownBy(() -> s3.copyObject(r -> r.sourceBucket(bucket)
                        .sourceKey("src")
                        .destinationBucket(bucket)
                        .destinationKey("src")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
        s3.copyObject(r -> r.sourceBucket(bucket)
                .sourceKey("src")
                .destinationBucket(bucket)
                .destinationKey("src")
                .metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("k", "v2")));
        assertThat(s3.headObject(r -> r.bucket(bucket).key("src")).metadata()).containsEntry("k", "v2");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("src")).asByteArray())
                .isEqualTo(data);

        assertStatus(
                () -> s3.copyObject(r -> r.sourceBucket(bucket)
                        .sourceKey("src")
                        .destinationBucket(bucket)
                        .destinationKey("copy/three")
                        .copySourceIfMatch("\"nope\"")),
                412);
        assertThatThrownBy(() -> s3.copyObject(r -> r.sourceBucket(bucket)
                        .sourceKey("missing")
                        .destinationBucket(bucket)
                        .destinationKey("copy/four")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void multiDelete() {
        for (String k : List.of("md/1", "md/2", "md/3")) {
            s3.putObject(r -> r.bucket(bucket).key(k), RequestBody.fromString(k));
        }
        var res = s3.deleteObjects(r -> r.bucket(bucket)
                .delete(d -> d.objects(
                        ObjectIdentifier.builder().key("md/1").build(),
                        ObjectIdentifier.builder().key("md/2").build(),
                        ObjectIdentifier.builder().key("md/missing").build())));
        assertThat(res.deleted()).extracting(x -> x.key()).containsExactlyInAnyOrder("md/1", "md/2", "md/missing");
        assertThat(res.errors()).isEmpty();
        var quiet = s3.deleteObjects(r -> r.bucket(bucket)
                .delete(d -> d.quiet(true)
                        .objects(ObjectIdentifier.builder().key("md/3").build())));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("md/")).contents())
                .isEmpty();
    }

    @Test
    void nativeInterop() throws Exception {
        AisClient ais = S3Node.ais();
        byte[] data = bytes(5000, 4);
        s3.putObject(r -> r.bucket(bucket).key("interop/s3"), RequestBody.fromBytes(data));
        var n = ais.get(bucket, "interop/s3").expect(200);
        assertThat(n.body()).isEqualTo(data);
        assertThat(n.header("ETag")).isEqualTo(md5Etag(data));

        ais.put(bucket, "interop/native", data).expect(200);
        var g = s3.getObjectAsBytes(r -> r.bucket(bucket).key("interop/native"));
        assertThat(g.asByteArray()).isEqualTo(data);
        assertThat(g.response().eTag()).isNotBlank();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("interop/")).contents())
                .extracting(o -> o.key())
                .containsExactly("interop/native", "interop/s3");
    }

    @Test
    void badDigestsStoreNothing() throws Exception {
        byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
        String wrongMd5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest("other".getBytes(StandardCharsets.UTF_8)));
        var r = SignedHttp.send(
                "PUT", S3Node.baseUrl() + "/" + bucket + "/digest", Map.of("Content-MD5", wrongMd5), body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SignedHttp.code(r)).isEqualTo("BadDigest");
        assertThatThrownBy(() -> s3.headObject(x -> x.bucket(bucket).key("digest")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        var bad =
                SignedHttp.send("PUT", S3Node.baseUrl() + "/" + bucket + "/digest", Map.of("Content-MD5", "xx"), body);
        assertThat(SignedHttp.code(bad)).isEqualTo("InvalidDigest");
        String rightMd5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(body));
        var ok = SignedHttp.send(
                "PUT", S3Node.baseUrl() + "/" + bucket + "/digest", Map.of("Content-MD5", rightMd5), body);
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void keyTooLongAndMissingBucket() {
        String longKey = "k".repeat(1025);
        var r = SignedHttp.send("PUT", S3Node.baseUrl() + "/" + bucket + "/" + longKey, Map.of(), new byte[1]);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(SignedHttp.code(r)).isEqualTo("KeyTooLongError");
        assertThatThrownBy(() ->
                        s3.getObjectAsBytes(x -> x.bucket("s3it-no-such-bucket").key("k")))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
    }

    /**
     * Non-ASCII metadata as S3 defines it: the HTTP layer carries only ASCII header bytes (the SDK would send '?'
     * for characters outside ISO-8859-1), so clients send RFC 2047 encoded words, and S3 returns non-ASCII values
     * stored by other means encoded the same way.
     */
    @Test
    void nonAsciiMetadataSetNativelyComesBackEncoded() {
        s3.putObject(r -> r.bucket(bucket).key("unicode"), RequestBody.fromString("u"));
        S3Node.ais()
                .setCustom(bucket, "unicode", Map.of("s3:x-amz-meta-city", "Zürich 東京"), false)
                .expect(200);
        var h = s3.headObject(r -> r.bucket(bucket).key("unicode"));
        assertThat(h.metadata().get("city")).startsWith("=?UTF-8?B?");
        assertThat(decode2047(h.metadata().get("city"))).isEqualTo("Zürich 東京");
    }

    static String rfc2047(String s) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    static String decode2047(String s) {
        assertThat(s).startsWith("=?UTF-8?B?").endsWith("?=");
        return new String(Base64.getDecoder().decode(s.substring(10, s.length() - 2)), StandardCharsets.UTF_8);
    }

    static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, int status) {
        assertThatThrownBy(c)
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(status));
    }
}
