package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjects V1 and V2 over S3: paging, prefixes, any delimiter, keys that need URL encoding. */
class S3ListIT {

    static S3Client s3;
    static String bucket;
    static final List<String> KEYS = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        s3 = S3Node.client();
        bucket = S3Node.bucketName("list");
        s3.createBucket(r -> r.bucket(bucket));
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < 6; i++) {
                KEYS.add("dir" + d + "/f" + i);
            }
            KEYS.add("top" + d);
        }
        KEYS.add("dir1/sub/deep");
        KEYS.add("x--a--1");
        KEYS.add("x--b");
        KEYS.add("sp ace/+plus&amp");
        KEYS.add("ü/€");
        for (String k : KEYS) {
            s3.putObject(r -> r.bucket(bucket).key(k), RequestBody.fromString(k));
        }
    }

    @AfterAll
    static void tearDown() {
        S3Node.ais().destroyQuietly(bucket);
        s3.close();
    }

    /** 2500 keys in 25 "directories": delimiter listings and paging over more than two full pages. */
    @Test
    void delimiterListingsOver2500Keys() throws Exception {
        String b = S3Node.bucketName("list2500");
        s3.createBucket(r -> r.bucket(b));
        try {
            java.util.List<String> keys = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                keys.add(String.format("d%02d/f%04d", i % 25, i));
            }
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                java.util.List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
                for (String k : keys) {
                    fs.add(pool.submit(() -> s3.putObject(r -> r.bucket(b).key(k), RequestBody.fromString(k))));
                }
                for (var f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            java.util.Collections.sort(keys);
            var all = s3.listObjectsV2Paginator(r -> r.bucket(b)).contents().stream()
                    .map(software.amazon.awssdk.services.s3.model.S3Object::key)
                    .toList();
            assertThat(all).containsExactlyElementsOf(keys);
            var top = s3.listObjectsV2(r -> r.bucket(b).delimiter("/"));
            assertThat(top.contents()).isEmpty();
            assertThat(top.commonPrefixes()).hasSize(25);
            assertThat(top.isTruncated()).isFalse();
            var small = s3
                    .listObjectsV2Paginator(r -> r.bucket(b).delimiter("/").maxKeys(7))
                    .commonPrefixes()
                    .stream()
                    .map(software.amazon.awssdk.services.s3.model.CommonPrefix::prefix)
                    .toList();
            assertThat(small).hasSize(25).isSorted().doesNotHaveDuplicates();
            var d07 = s3
                    .listObjectsV2Paginator(
                            r -> r.bucket(b).prefix("d07/").delimiter("/").maxKeys(30))
                    .contents()
                    .stream()
                    .map(software.amazon.awssdk.services.s3.model.S3Object::key)
                    .toList();
            assertThat(d07).hasSize(100).allMatch(k -> k.startsWith("d07/f")).isSorted();
            var v1 = s3.listObjects(r -> r.bucket(b).prefix("d1").delimiter("/"));
            assertThat(v1.commonPrefixes())
                    .extracting(software.amazon.awssdk.services.s3.model.CommonPrefix::prefix)
                    .containsExactly("d10/", "d11/", "d12/", "d13/", "d14/", "d15/", "d16/", "d17/", "d18/", "d19/");
        } finally {
            S3Node.ais().destroyQuietly(b);
        }
    }

    @Test
    void v2AllKeysInUtf8Order() {
        List<String> got = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).maxKeys(7)).contents().forEach(o -> got.add(o.key()));
        TreeSet<String> expected = new TreeSet<>((a, b) -> java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        expected.addAll(KEYS);
        assertThat(got).containsExactlyElementsOf(expected);
        ListObjectsV2Response one = s3.listObjectsV2(r -> r.bucket(bucket).prefix("dir2/"));
        assertThat(one.keyCount()).isEqualTo(6);
        assertThat(one.isTruncated()).isFalse();
        assertThat(one.contents()).allSatisfy(o -> {
            assertThat(o.size()).isEqualTo(o.key().length());
            assertThat(o.eTag()).startsWith("\"").hasSize(34);
            assertThat(o.lastModified()).isNotNull();
        });
    }

    @Test
    void v2PagingWithDelimiter() {
        List<String> prefixes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response r = s3.listObjectsV2(
                    b -> b.bucket(bucket).delimiter("/").maxKeys(2).continuationToken(t));
            assertThat(r.keyCount()).isLessThanOrEqualTo(2);
            r.commonPrefixes().forEach(p -> prefixes.add(p.prefix()));
            r.contents().forEach(o -> keys.add(o.key()));
            token = r.isTruncated() ? r.nextContinuationToken() : null;
            pages++;
        } while (token != null && pages < 50);
        assertThat(prefixes).containsExactly("dir0/", "dir1/", "dir2/", "dir3/", "sp ace/", "ü/");
        assertThat(keys).containsExactly("top0", "top1", "top2", "top3", "x--a--1", "x--b");
        assertThat(pages).isEqualTo(6);

        var sub = s3.listObjectsV2(r -> r.bucket(bucket).prefix("dir1/").delimiter("/"));
        assertThat(sub.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir1/sub/");
        assertThat(sub.contents()).hasSize(6);
    }

    @Test
    void anyDelimiterAndStartAfter() {
        var r = s3.listObjectsV2(b -> b.bucket(bucket).prefix("x").delimiter("--"));
        assertThat(r.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("x--");
        var deeper = s3.listObjectsV2(b -> b.bucket(bucket).prefix("x--").delimiter("--"));
        assertThat(deeper.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("x--a--");
        assertThat(deeper.contents()).extracting(S3Object::key).containsExactly("x--b");
        var after = s3.listObjectsV2(b -> b.bucket(bucket).startAfter("top2").maxKeys(2));
        assertThat(after.contents()).extracting(S3Object::key).containsExactly("top3", "x--a--1");
        assertThat(after.startAfter()).isEqualTo("top2");
    }

    @Test
    void v1MarkerPaging() {
        List<String> items = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListObjectsResponse r = s3.listObjects(
                    b -> b.bucket(bucket).delimiter("/").maxKeys(3).marker(m));
            r.commonPrefixes().forEach(p -> items.add(p.prefix()));
            r.contents().forEach(o -> items.add(o.key()));
            marker = r.isTruncated() ? r.nextMarker() : null;
            pages++;
        } while (marker != null && pages < 50);
        assertThat(items)
                .containsExactlyInAnyOrder(
                        "dir0/", "dir1/", "dir2/", "dir3/", "sp ace/", "ü/", "top0", "top1", "top2", "top3", "x--a--1",
                        "x--b");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void rawEncodingTypeUrl() {
        var r = SignedHttp.send(
                "GET",
                S3Node.baseUrl() + "/" + bucket + "?list-type=2&prefix=sp&encoding-type=url",
                java.util.Map.of(),
                null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<Key>sp%20ace/%2Bplus%26amp</Key>").contains("<EncodingType>url</EncodingType>");
        var bad = SignedHttp.send("GET", S3Node.baseUrl() + "/" + bucket + "?max-keys=abc", java.util.Map.of(), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(SignedHttp.code(bad)).isEqualTo("InvalidArgument");
    }
}
