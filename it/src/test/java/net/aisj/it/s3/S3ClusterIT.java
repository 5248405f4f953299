package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 on a three-node cluster: every call may land on a node that does not own the object; nodes 1 and 3 (the
 * default) stream it to the owner and back, so the SDK (which does not follow redirects for PUT) never sees a 307.
 * The native API on the same node still redirects, which proves where each object lives. Node 2 runs with
 * {@code ais.s3.redirect=true} and answers object calls for the other nodes' objects with a 307 instead;
 * bucket-level calls work there as anywhere.
 */
@Tag("cluster")
class S3ClusterIT {

    static NodeProcess n1;
    static NodeProcess n2;
    static NodeProcess n3;
    static S3Client s3c;
    static S3Client s1;
    static S3Client s2;
    static final String BUCKET = S3Node.bucketName("clu");
    static final List<String> KEYS = new ArrayList<>();

    @BeforeAll
    static void start() {
        int hz1 = Ports.freePortRange(3);
        int hz2;
        do {
            hz2 = Ports.freePortRange(3);
        } while (Math.abs(hz2 - hz1) < 3);
        int hz3;
        do {
            hz3 = Ports.freePortRange(3);
        } while (Math.abs(hz3 - hz1) < 3 || Math.abs(hz3 - hz2) < 3);
        String name = "its3-" + ItEnv.randomHex(4);
        List<Integer> members = List.of(hz1, hz2, hz3);
        String creds = "-Dais.s3.credentials=" + S3Node.ACCESS_KEY + ":" + S3Node.SECRET_KEY;
        n1 = NodeProcess.prepare("s3c1", 1, new NodeProcess.Membership(hz1, members, name), "-Xmx320m", creds);
        n2 = NodeProcess.prepare(
                "s3c2", 1, new NodeProcess.Membership(hz2, members, name), "-Xmx320m", creds, "-Dais.s3.redirect=true");
        n3 = NodeProcess.prepare("s3c3", 1, new NodeProcess.Membership(hz3, members, name), "-Xmx320m", creds);
        n1.spawn();
        n2.spawn();
        n3.spawn();
        n1.awaitReady();
        n2.awaitReady();
        n3.awaitReady();
        awaitTargets(new AisClient(n1.baseUrl()));
        awaitTargets(new AisClient(n2.baseUrl()));
        awaitTargets(new AisClient(n3.baseUrl()));
        s3c = S3Node.client(S3Node.ACCESS_KEY, S3Node.SECRET_KEY, n3.baseUrl());
        s1 = S3Node.client(S3Node.ACCESS_KEY, S3Node.SECRET_KEY, n1.baseUrl());
        s2 = S3Node.client(S3Node.ACCESS_KEY, S3Node.SECRET_KEY, n2.baseUrl());
        for (int i = 0; i < 24; i++) {
            KEYS.add("k/" + i);
        }
    }

    static void awaitTargets(AisClient c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            var r = c.daemon("smap");
            if (r.status() == 200
                    && r.json().containsKey("tmap")
                    && r.json().getJsonObject("tmap").size() == 3) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no 3-target Smap on " + c.baseUrl() + ": " + r.text());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (s1 != null) {
            s1.close();
            s2.close();
            s3c.close();
        }
        if (n1 != null) {
            n1.close();
        }
        if (n3 != null) {
            n3.close();
        }
        if (n2 != null) {
            n2.close();
        }
    }

    @Test
    void everyCallWorksFromEveryNode() {
        s1.createBucket(r -> r.bucket(BUCKET));
        for (String k : KEYS) {
            var put = s1.putObject(
                    r -> r.bucket(BUCKET).key(k).metadata(Map.of("key", k)), RequestBody.fromString("content of " + k));
            assertThat(put.eTag()).as(k).hasSize(34);
        }
        // the native API redirects for what a node does not own: node 1 and node 2 each own some, not all
        AisClient nat = new AisClient(n1.baseUrl());
        AisClient nat2 = new AisClient(n2.baseUrl());
        int remote = 0;
        int ownedBy2 = 0;
        for (String k : KEYS) {
            int st = nat.head(BUCKET, k).status();
            assertThat(st).as(k).isIn(200, 307);
            remote += st == 307 ? 1 : 0;
            ownedBy2 += nat2.head(BUCKET, k).status() == 200 ? 1 : 0;
        }
        assertThat(remote).isBetween(1, KEYS.size() - 1);

        List<String> redirectedBy2 = new ArrayList<>();
        for (String k : KEYS) {
            var g = s1.getObjectAsBytes(r -> r.bucket(BUCKET).key(k));
            assertThat(g.asString(StandardCharsets.UTF_8)).isEqualTo("content of " + k);
            assertThat(g.response().metadata()).containsEntry("key", k);
            assertThat(s3c.getObjectAsBytes(r -> r.bucket(BUCKET).key(k)).asUtf8String())
                    .isEqualTo("content of " + k);
            var part = s1.getObjectAsBytes(r -> r.bucket(BUCKET).key(k).range("bytes=0-6"));
            assertThat(part.asUtf8String()).isEqualTo("content");
            assertThat(s1.headObject(r -> r.bucket(BUCKET).key(k)).contentLength())
                    .isEqualTo(("content of " + k).length());
            // node 2 (redirect mode) serves its own objects and redirects to the owner for the others
            var direct = SignedHttp.send("GET", n2.baseUrl() + "/" + BUCKET + "/" + k, Map.of(), null);
            if (direct.statusCode() == 307) {
                assertThat(direct.headers().firstValue("Location").orElseThrow())
                        .isIn(n1.baseUrl() + "/" + BUCKET + "/" + k, n3.baseUrl() + "/" + BUCKET + "/" + k);
                redirectedBy2.add(k);
            } else {
                assertThat(direct.statusCode()).isEqualTo(200);
                assertThat(direct.body()).isEqualTo("content of " + k);
            }
        }
        assertThat(redirectedBy2).hasSize(KEYS.size() - ownedBy2);
        assertThat(s2.listObjectsV2Paginator(r -> r.bucket(BUCKET).maxKeys(5)).contents().stream()
                        .map(S3Object::key)
                        .toList())
                .containsExactlyInAnyOrderElementsOf(KEYS);

        // copies across owners
        for (String k : KEYS.subList(0, 6)) {
            s1.copyObject(r -> r.sourceBucket(BUCKET)
                    .sourceKey(k)
                    .destinationBucket(BUCKET)
                    .destinationKey("copy/" + k));
            assertThat(s1.getObjectAsBytes(r -> r.bucket(BUCKET).key("copy/" + k))
                            .asUtf8String())
                    .isEqualTo("content of " + k);
        }

        // a multipart upload through node 1 of a key node 2 owns: every call is forwarded, parts live on node 2
        String farKey = null;
        for (int i = 0; farKey == null && i < 200; i++) {
            // the native HEAD redirects before it looks: 307 names node 2 as the owner of a key not yet written
            if (nat.head(BUCKET, "mpu/" + i).status() == 307) {
                farKey = "mpu/" + i;
            }
        }
        assertThat(farKey).isNotNull();
        String fk = farKey;
        byte[] p1 = new byte[5 * 1024 * 1024];
        new java.util.Random(1).nextBytes(p1);
        String up = s1.createMultipartUpload(r -> r.bucket(BUCKET).key(fk)).uploadId();
        String e1 = s1.uploadPart(r -> r.bucket(BUCKET).key(fk).uploadId(up).partNumber(1), RequestBody.fromBytes(p1))
                .eTag();
        String e2 = s1.uploadPart(
                        r -> r.bucket(BUCKET).key(fk).uploadId(up).partNumber(2), RequestBody.fromString("tail"))
                .eTag();
        assertThat(s1.listMultipartUploads(r -> r.bucket(BUCKET)).uploads())
                .extracting(u -> u.uploadId())
                .contains(up);
        assertThat(s1.listParts(r -> r.bucket(BUCKET).key(fk).uploadId(up)).parts())
                .hasSize(2);
        s1.completeMultipartUpload(r -> r.bucket(BUCKET)
                .key(fk)
                .uploadId(up)
                .multipartUpload(m -> m.parts(
                        software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                                .partNumber(1)
                                .eTag(e1)
                                .build(),
                        software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                                .partNumber(2)
                                .eTag(e2)
                                .build())));
        assertThat(s1.headObject(r -> r.bucket(BUCKET).key(fk)).contentLength()).isEqualTo(p1.length + 4);
        assertThat(s1.getObjectAsBytes(r -> r.bucket(BUCKET).key(fk).partNumber(2))
                        .asUtf8String())
                .isEqualTo("tail");
        s1.deleteObject(r -> r.bucket(BUCKET).key(fk));

        // single deletes and a multi-delete, wherever the objects live
        s1.deleteObject(r -> r.bucket(BUCKET).key(KEYS.get(0)));
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (String k : KEYS.subList(1, KEYS.size())) {
            ids.add(ObjectIdentifier.builder().key(k).build());
        }
        for (String k : KEYS.subList(0, 6)) {
            ids.add(ObjectIdentifier.builder().key("copy/" + k).build());
        }
        var res = s2.deleteObjects(r -> r.bucket(BUCKET).delete(d -> d.objects(ids)));
        assertThat(res.errors()).isEmpty();
        assertThat(s1.listObjectsV2(r -> r.bucket(BUCKET)).contents()).isEmpty();
        s2.deleteBucket(r -> r.bucket(BUCKET));
    }

    /**
     * An upload is held by the target that started it: when its key moves to another owner mid-upload (here the
     * holder goes into maintenance), later parts still reach the holder through any node, and completion hands
     * the object over to the new owner.
     */
    @Test
    void anUploadSurvivesItsKeyMovingToAnotherOwner() throws Exception {
        String bucket = S3Node.bucketName("move");
        s1.createBucket(r -> r.bucket(bucket));
        AisClient nat1 = new AisClient(n1.baseUrl());
        String n3Id = new AisClient(n3.baseUrl()).daemonId();
        String key = null;
        for (int i = 0; key == null && i < 200; i++) {
            var h = nat1.head(bucket, "mv/" + i);
            if (h.status() == 307 && h.header("Location").startsWith(n3.baseUrl())) {
                key = "mv/" + i;
            }
        }
        assertThat(key).as("a key node 3 owns").isNotNull();
        String k = key;
        byte[] p1 = new byte[5 * 1024 * 1024];
        new java.util.Random(7).nextBytes(p1);
        String up = s1.createMultipartUpload(r -> r.bucket(bucket).key(k)).uploadId();
        String e1 = s1.uploadPart(r -> r.bucket(bucket).key(k).uploadId(up).partNumber(1), RequestBody.fromBytes(p1))
                .eTag();
        boolean inMaintenance = false;
        try {
            nat1.control(
                            "PUT",
                            "/v1/cluster",
                            JsonUtil.actMsg(
                                    "start-maintenance",
                                    null,
                                    jakarta.json.Json.createObjectBuilder()
                                            .add("sid", n3Id)
                                            .build()))
                    .expect(200);
            inMaintenance = true;
            Poll.until(Duration.ofSeconds(60), "node 1 no longer sends " + k + " to node 3", () -> {
                var h = nat1.head(bucket, k);
                return h.status() == 404
                        || h.status() == 307 && !h.header("Location").startsWith(n3.baseUrl());
            });
            String e2 = s1.uploadPart(
                            r -> r.bucket(bucket).key(k).uploadId(up).partNumber(2), RequestBody.fromString("tail"))
                    .eTag();
            assertThat(s3c.listParts(r -> r.bucket(bucket).key(k).uploadId(up)).parts())
                    .hasSize(2);
            s1.completeMultipartUpload(r -> r.bucket(bucket)
                    .key(k)
                    .uploadId(up)
                    .multipartUpload(m -> m.parts(
                            software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                                    .partNumber(1)
                                    .eTag(e1)
                                    .build(),
                            software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                                    .partNumber(2)
                                    .eTag(e2)
                                    .build())));
            // the new owner has it (node 1 answers it or redirects to node 2, never to node 3)
            var h = nat1.head(bucket, k);
            assertThat(h.status()).isIn(200, 307);
            if (h.status() == 307) {
                assertThat(h.header("Location")).startsWith(n2.baseUrl());
                assertThat(new AisClient(n2.baseUrl()).head(bucket, k).status()).isEqualTo(200);
            }
            byte[] got = s3c.getObjectAsBytes(r -> r.bucket(bucket).key(k)).asByteArray();
            assertThat(got).hasSize(p1.length + 4);
            assertThat(java.util.Arrays.copyOf(got, p1.length)).isEqualTo(p1);
        } finally {
            if (inMaintenance) {
                nat1.control(
                                "PUT",
                                "/v1/cluster",
                                JsonUtil.actMsg(
                                        "stop-maintenance",
                                        null,
                                        jakarta.json.Json.createObjectBuilder()
                                                .add("sid", n3Id)
                                                .build()))
                        .expect(200);
                for (NodeProcess n : List.of(n1, n2, n3)) {
                    AisClient c = new AisClient(n.baseUrl());
                    Poll.until(Duration.ofSeconds(60), "node 3 is back without flags", () -> {
                        var m = c.daemon("smap");
                        return m.status() == 200
                                && m.json()
                                                .getJsonObject("tmap")
                                                .getJsonObject(n3Id)
                                                .getInt("flags", 0)
                                        == 0;
                    });
                }
                // node 3 owns the key again: its object moves back by the rebalance of this cluster map; deleting
                // while it is still moving is covered by the target's delete memory, but an S3 DeleteBucket in that
                // window would still find the moving object (409 BucketNotEmpty)
                Long version = JsonUtil.lng(nat1.daemon("smap").expect(200).json(), "version");
                Jobs.awaitEnd(nat1, "g" + version, "rebalance", Duration.ofMinutes(3));
            }
        }
        s1.deleteObject(r -> r.bucket(bucket).key(k));
        s1.deleteBucket(r -> r.bucket(bucket));
    }

    /** CORS rules stored through one node are applied by every node (they travel with the bucket in the BMD). */
    @Test
    void bucketCorsRulesAreAppliedByEveryNode() throws Exception {
        String bucket = S3Node.bucketName("cors");
        s1.createBucket(r -> r.bucket(bucket));
        S3CorsIT.putRules(s1, bucket);
        for (NodeProcess n : List.of(n1, n2, n3)) {
            var ok = S3CorsIT.preflight(n.baseUrl(), "/" + bucket + "/k", "https://app.example.com", "PUT", null);
            assertThat(ok.statusCode()).as(n.baseUrl()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        }
        s2.deleteBucketCors(r -> r.bucket(bucket));
        for (NodeProcess n : List.of(n1, n2, n3)) {
            assertThat(S3CorsIT.preflight(n.baseUrl(), "/" + bucket + "/k", "https://app.example.com", "PUT", null)
                            .statusCode())
                    .as(n.baseUrl())
                    .isEqualTo(403);
        }
    }
}
