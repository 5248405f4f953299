package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Multipart uploads over S3 with the SDK: parts out of order, part copies, the completion rules, abort. */
class S3MultipartIT {

    static final int MIB = 1024 * 1024;
    static S3Client s3;
    static String bucket;

    @BeforeAll
    static void setUp() {
        s3 = S3Node.client();
        bucket = S3Node.bucketName("mpu");
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void tearDown() {
        S3Node.ais().destroyQuietly(bucket);
        s3.close();
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }

    static CompletedPart part(int n, String etag) {
        return CompletedPart.builder().partNumber(n).eTag(etag).build();
    }

    /** 100 MiB in 8 MiB parts (the last one 4 MiB), read back streaming: same MD5, ETag "-13", no copy in memory. */
    @Test
    void hundredMebibytes() throws Exception {
        String key = "big/100MiB.bin";
        int partSize = 8 * MIB;
        long total = 100L * MIB;
        int parts = (int) ((total + partSize - 1) / partSize);
        MessageDigest whole = MessageDigest.getInstance("MD5");
        ByteArrayOutputStream partMd5s = new ByteArrayOutputStream();
        String up = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        java.util.List<CompletedPart> done = new java.util.ArrayList<>();
        for (int i = 1; i <= parts; i++) {
            int len = (int) Math.min(partSize, total - (long) (i - 1) * partSize);
            byte[] b = bytes(len, 100 + i);
            whole.update(b);
            partMd5s.write(md5(b));
            final int n = i;
            String etag = s3.uploadPart(
                            r -> r.bucket(bucket).key(key).uploadId(up).partNumber(n), RequestBody.fromBytes(b))
                    .eTag();
            done.add(part(n, etag));
        }
        var res = s3.completeMultipartUpload(
                r -> r.bucket(bucket).key(key).uploadId(up).multipartUpload(m -> m.parts(done)));
        assertThat(res.eTag())
                .isEqualTo("\"" + HexFormat.of().formatHex(md5(partMd5s.toByteArray())) + "-" + parts + "\"");
        MessageDigest back = MessageDigest.getInstance("MD5");
        long read = 0;
        try (var in = s3.getObject(r -> r.bucket(bucket).key(key))) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                back.update(buf, 0, n);
                read += n;
            }
        }
        assertThat(read).isEqualTo(total);
        assertThat(back.digest()).isEqualTo(whole.digest());
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    @Test
    void uploadOutOfOrderListCompleteAndRead() throws Exception {
        String key = "big/object.bin";
        byte[] p1 = bytes(5 * MIB, 1);
        byte[] p2 = bytes(5 * MIB, 2);
        byte[] p3 = bytes(12345, 3);
        String up = s3.createMultipartUpload(r -> r.bucket(bucket)
                        .key(key)
                        .contentType("application/x-big")
                        .metadata(Map.of("origin", "mpu")))
                .uploadId();
        String e3 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(up).partNumber(3), RequestBody.fromBytes(p3))
                .eTag();
        String e1 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(up).partNumber(1), RequestBody.fromBytes(p1))
                .eTag();
        String e2 = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(up).partNumber(2), RequestBody.fromBytes(p2))
                .eTag();
        assertThat(e1).isEqualTo("\"" + HexFormat.of().formatHex(md5(p1)) + "\"");

        assertThat(s3.listParts(r -> r.bucket(bucket).key(key).uploadId(up)).parts())
                .extracting(Part::partNumber, Part::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, (long) p1.length),
                        org.assertj.core.groups.Tuple.tuple(2, (long) p2.length),
                        org.assertj.core.groups.Tuple.tuple(3, (long) p3.length));
        var paged = s3.listParts(r -> r.bucket(bucket).key(key).uploadId(up).maxParts(2));
        assertThat(paged.isTruncated()).isTrue();
        assertThat(paged.nextPartNumberMarker()).isEqualTo(2);
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .extracting(MultipartUpload::uploadId)
                .contains(up);
        // nothing visible yet
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));

        var done = s3.completeMultipartUpload(r -> r.bucket(bucket)
                .key(key)
                .uploadId(up)
                .multipartUpload(m -> m.parts(part(1, e1), part(2, e2), part(3, e3))));
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        md5s.writeBytes(md5(p1));
        md5s.writeBytes(md5(p2));
        md5s.writeBytes(md5(p3));
        String expectedEtag = "\"" + HexFormat.of().formatHex(md5(md5s.toByteArray())) + "-3\"";
        assertThat(done.eTag()).isEqualTo(expectedEtag);

        var got = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(p1);
        all.writeBytes(p2);
        all.writeBytes(p3);
        assertThat(got.asByteArray()).isEqualTo(all.toByteArray());
        assertThat(got.response().eTag()).isEqualTo(expectedEtag);
        assertThat(got.response().contentType()).isEqualTo("application/x-big");
        assertThat(got.response().metadata()).containsEntry("origin", "mpu");
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .extracting(MultipartUpload::uploadId)
                .doesNotContain(up);
        // one part of the completed object (the SDKs' multipart downloads)
        var part2 = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).partNumber(2));
        assertThat(part2.asByteArray()).isEqualTo(p2);
        assertThat(part2.response().partsCount()).isEqualTo(3);
        assertThat(part2.response().contentRange())
                .isEqualTo("bytes " + p1.length + "-" + (p1.length + p2.length - 1) + "/" + all.size());
        assertThat(s3.headObject(r -> r.bucket(bucket).key(key).partNumber(3)).contentLength())
                .isEqualTo(p3.length);
        assertThatThrownBy(
                        () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).partNumber(4)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
        assertThatThrownBy(() -> s3.listParts(r -> r.bucket(bucket).key(key).uploadId(up)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
                });
    }

    @Test
    void completionRules() {
        String key = "rules";
        String up = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        String e1 = s3.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(up).partNumber(1),
                        RequestBody.fromBytes(bytes(1000, 4)))
                .eTag();
        String e2 = s3.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(up).partNumber(2),
                        RequestBody.fromBytes(bytes(1000, 5)))
                .eTag();
        assertCode(
                () -> s3.completeMultipartUpload(r ->
                        r.bucket(bucket).key(key).uploadId(up).multipartUpload(m -> m.parts(part(1, e1), part(2, e2)))),
                "EntityTooSmall");
        assertCode(
                () -> s3.completeMultipartUpload(r ->
                        r.bucket(bucket).key(key).uploadId(up).multipartUpload(m -> m.parts(part(2, e2), part(1, e1)))),
                "InvalidPartOrder");
        assertCode(
                () -> s3.completeMultipartUpload(
                        r -> r.bucket(bucket).key(key).uploadId(up).multipartUpload(m -> m.parts(part(1, e2)))),
                "InvalidPart");
        assertCode(
                () -> s3.completeMultipartUpload(
                        r -> r.bucket(bucket).key(key).uploadId(up).multipartUpload(m -> m.parts(part(7, e2)))),
                "InvalidPart");
        // a single small part is a valid upload
        s3.completeMultipartUpload(
                r -> r.bucket(bucket).key(key).uploadId(up).multipartUpload(m -> m.parts(part(2, e2))));
        assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).contentLength())
                .isEqualTo(1000);
        // a plain object has one part: itself
        s3.putObject(r -> r.bucket(bucket).key("plain"), RequestBody.fromString("plain"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("plain").partNumber(1))
                        .asUtf8String())
                .isEqualTo("plain");
        assertThatThrownBy(() ->
                        s3.getObjectAsBytes(r -> r.bucket(bucket).key("plain").partNumber(2)))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartNumber"));
    }

    @Test
    void abortAndUnknownUploads() {
        String key = "aborted";
        String up = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(up).partNumber(1), RequestBody.fromString("x"));
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(up));
        assertCode(
                () -> s3.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(up).partNumber(2), RequestBody.fromString("y")),
                "NoSuchUpload");
        assertCode(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId("0123")), "NoSuchUpload");
        assertCode(() -> s3.listParts(r -> r.bucket(bucket).key("other").uploadId(up)), "NoSuchUpload");
    }

    @Test
    void uploadPartCopyWithRange() throws Exception {
        byte[] src = bytes(6 * MIB, 6);
        s3.putObject(r -> r.bucket(bucket).key("copy-src"), RequestBody.fromBytes(src));
        String key = "copied";
        String up = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        var c1 = s3.uploadPartCopy(r -> r.sourceBucket(bucket)
                .sourceKey("copy-src")
                .destinationBucket(bucket)
                .destinationKey(key)
                .uploadId(up)
                .partNumber(1)
                .copySourceRange("bytes=0-" + (5 * MIB - 1)));
        var c2 = s3.uploadPartCopy(r -> r.sourceBucket(bucket)
                .sourceKey("copy-src")
                .destinationBucket(bucket)
                .destinationKey(key)
                .uploadId(up)
                .partNumber(2)
                .copySourceRange("bytes=" + (5 * MIB) + "-" + (src.length - 1)));
        assertThat(c1.copyPartResult().eTag())
                .isEqualTo("\"" + HexFormat.of().formatHex(md5(java.util.Arrays.copyOf(src, 5 * MIB))) + "\"");
        s3.completeMultipartUpload(r -> r.bucket(bucket)
                .key(key)
                .uploadId(up)
                .multipartUpload(m -> m.parts(
                        part(1, c1.copyPartResult().eTag()),
                        part(2, c2.copyPartResult().eTag()))));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray())
                .isEqualTo(src);
    }

    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, String code) {
        assertThatThrownBy(c)
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    @Test
    void listUploadsGroupsByDelimiterAndPages() {
        List<String> keys = List.of("lu/a/1", "lu/a/2", "lu/b", "lu/c/x", "lu/c/x", "lu/d", "lv");
        List<String> ids = new java.util.ArrayList<>();
        for (String k : keys) {
            ids.add(s3.createMultipartUpload(r -> r.bucket(bucket).key(k)).uploadId());
        }
        try {
            var grouped =
                    s3.listMultipartUploads(r -> r.bucket(bucket).prefix("lu/").delimiter("/"));
            assertThat(grouped.uploads()).extracting(MultipartUpload::key).containsExactly("lu/b", "lu/d");
            assertThat(grouped.commonPrefixes()).extracting(cp -> cp.prefix()).containsExactly("lu/a/", "lu/c/");
            assertThat(grouped.delimiter()).isEqualTo("/");
            assertThat(grouped.isTruncated()).isFalse();

            // one entry per page: prefixes count like uploads, and a prefix marker skips the whole group
            List<String> seen = new java.util.ArrayList<>();
            String keyMarker = null;
            String idMarker = null;
            for (int page = 0; page < 10; page++) {
                String km = keyMarker;
                String im = idMarker;
                var r = s3.listMultipartUploads(b -> b.bucket(bucket)
                        .prefix("lu/")
                        .delimiter("/")
                        .maxUploads(1)
                        .keyMarker(km)
                        .uploadIdMarker(im));
                r.uploads().forEach(u -> seen.add(u.key()));
                r.commonPrefixes().forEach(cp -> seen.add(cp.prefix()));
                if (!r.isTruncated()) {
                    break;
                }
                keyMarker = r.nextKeyMarker();
                idMarker = r.nextUploadIdMarker();
            }
            assertThat(seen).containsExactly("lu/a/", "lu/b", "lu/c/", "lu/d");

            // without a delimiter: both uploads of one key, paged by upload-id marker
            List<String> flat = new java.util.ArrayList<>();
            String km = null;
            String im = null;
            for (int page = 0; page < 10; page++) {
                String k0 = km;
                String i0 = im;
                var r = s3.listMultipartUploads(b -> b.bucket(bucket)
                        .prefix("lu/c/")
                        .maxUploads(1)
                        .keyMarker(k0)
                        .uploadIdMarker(i0));
                r.uploads().forEach(u -> flat.add(u.uploadId()));
                if (!r.isTruncated()) {
                    break;
                }
                km = r.nextKeyMarker();
                im = r.nextUploadIdMarker();
            }
            assertThat(flat).containsExactlyInAnyOrder(ids.get(3), ids.get(4));
        } finally {
            for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                String id = ids.get(i);
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(k).uploadId(id));
            }
        }
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket).prefix("l")).uploads())
                .isEmpty();
    }
}
