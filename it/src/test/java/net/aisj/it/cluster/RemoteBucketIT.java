package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.S3ProxyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The cache tier against a real S3 (s3proxy, one per test run) through a 3-node cluster: remote buckets
 * ({@code aws://}) added on first access, cold GET then warm GET reading the remote once per object (counted in
 * s3proxy's own request log), {@code latest-ver}, {@code versioning.synchronize}, prefetch / evict with the cached
 * list flags, write-through PUT and DELETE, an {@code ais://} bucket with {@code backend_bck} read with the AWS SDK
 * through our S3 API, and the backend dying mid-GET.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteBucketIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient FOLLOW = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static S3ProxyServer s3;
    private static LocalCluster cluster;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.shared();
        cluster = CacheCluster.get();
    }

    @Test
    @Order(1)
    void thousandObjectsColdThenWarmReadTheRemoteOncePerObject() throws Exception {
        String b = newRemoteBucket("cold");
        int n = 1000;
        try (S3Client direct = s3.client()) {
            for (int i = 0; i < n; i++) {
                int k = i;
                direct.putObject(r -> r.bucket(b).key(name(k)), RequestBody.fromBytes(content(b, k)));
            }
        }
        // first access adds the bucket to the BMD; cold reads through every node (each redirects to the owner)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (String pass : List.of("cold", "warm")) {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    all.add(pool.submit((Callable<Void>) () -> {
                        byte[] got = get(1 + k % 3, b, name(k), "").body();
                        assertThat(got).as(pass + " GET of " + name(k)).isEqualTo(content(b, k));
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> gets = s3.counts("GET");
        for (int i = 0; i < n; i++) {
            assertThat(gets.getOrDefault(b + "/" + name(i), 0L))
                    .as("remote GETs of " + name(i))
                    .isEqualTo(1L);
        }
        List<JsonObject> entries = listAll(1, b, 0);
        assertThat(entries).hasSize(n);
        assertThat(entries)
                .allSatisfy(e ->
                        assertThat(e.getInt("flags", 0) & 64).as(e.toString()).isEqualTo(64));
        // AIS's list of buckets for the provider includes it
        assertThat(cluster.client(2)
                        .send("GET", "/v1/buckets?provider=aws")
                        .expect(200)
                        .text())
                .contains(b);
    }

    @Test
    @Order(2)
    void concurrentColdGetsOfOneObjectFetchItOnce() throws Exception {
        String b = newRemoteBucket("once");
        byte[] big = PseudoRandomInputStream.bytes(7, 8 << 20);
        try (S3Client direct = s3.client()) {
            direct.putObject(r -> r.bucket(b).key("big"), RequestBody.fromBytes(big));
        }
        int owner = 1;
        // all through the owner's URL after the redirect: the same target serves them all
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<byte[]>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(pool.submit(() -> get(owner, b, "big", "").body()));
            }
            for (Future<byte[]> f : all) {
                assertThat(f.get()).isEqualTo(big);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(s3.gets(b, "big")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void latestRefetchesAnObjectChangedRemotely() throws Exception {
        String b = newRemoteBucket("latest");
        try (S3Client direct = s3.client()) {
            direct.putObject(r -> r.bucket(b).key("o"), RequestBody.fromString("version one"));
            assertThat(get(1, b, "o", "").text()).isEqualTo("version one");
            direct.putObject(r -> r.bucket(b).key("o"), RequestBody.fromString("version two, longer"));
        }
        assertThat(get(2, b, "o", "").text())
                .as("warm GET serves the cached copy")
                .isEqualTo("version one");
        assertThat(s3.gets(b, "o")).isEqualTo(1);
        assertThat(get(3, b, "o", "latest-ver=true").text()).isEqualTo("version two, longer");
        assertThat(get(1, b, "o", "").text()).isEqualTo("version two, longer");
        assertThat(s3.gets(b, "o")).isEqualTo(2);
        // unchanged: latest-ver asks (HEAD) but does not read again
        assertThat(get(2, b, "o", "latest-ver=true").text()).isEqualTo("version two, longer");
        assertThat(s3.gets(b, "o")).isEqualTo(2);
    }

    @Test
    @Order(4)
    void synchronizeRemovesAnObjectDeletedRemotely() throws Exception {
        String b = newRemoteBucket("sync");
        try (S3Client direct = s3.client()) {
            direct.putObject(r -> r.bucket(b).key("gone"), RequestBody.fromString("soon gone"));
            direct.putObject(r -> r.bucket(b).key("stays"), RequestBody.fromString("stays"));
            assertThat(get(1, b, "gone", "").text()).isEqualTo("soon gone");
            assertThat(get(1, b, "stays", "").text()).isEqualTo("stays");
            cluster.client(1)
                    .control(
                            "PATCH",
                            "/v1/buckets/" + b + "?provider=aws",
                            "{\"action\":\"set-bprops\",\"value\":{\"versioning\":{\"synchronize\":true}}}")
                    .expect(200);
            direct.deleteObject(r -> r.bucket(b).key("gone"));
        }
        Resp r = send(2, "GET", b, "gone", "");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).contains("aws://" + b + "/gone");
        List<String> cached = names(listAll(3, b, 1));
        assertThat(cached).containsExactly("stays");
    }

    @Test
    @Order(5)
    void prefetchThenEvictWithTheCachedFlags() throws Exception {
        String b = newRemoteBucket("pf");
        try (S3Client direct = s3.client()) {
            for (int i = 0; i < 20; i++) {
                int k = i;
                direct.putObject(
                        r -> r.bucket(b).key(String.format("p-%02d", k)), RequestBody.fromString("content " + k));
            }
        }
        AisClient c = cluster.client(2);
        c.control("POST", "/v1/buckets/" + b + "?provider=aws", "{\"action\":\"add-remote-bck\"}")
                .expect(200);
        String job = c.control(
                        "POST",
                        "/v1/buckets/" + b + "?provider=aws",
                        "{\"action\":\"prefetch-listrange\",\"value\":{\"template\":\"p-{00..09}\"}}")
                .expect(200)
                .text();
        JsonObject end = Jobs.awaitEnd(c, job, "prefetch-listrange", JOB_TIMEOUT);
        assertThat(end.toString()).contains(job);
        assertThat(Jobs.statTotal(c, job, "prefetch-listrange", "loc-objs")).isEqualTo(10);
        List<JsonObject> all = listAll(1, b, 0);
        assertThat(all).hasSize(20);
        for (JsonObject e : all) {
            boolean cachedExpected = e.getString("name").compareTo("p-10") < 0;
            assertThat((e.getInt("flags", 0) & 64) != 0).as(e.toString()).isEqualTo(cachedExpected);
        }
        assertThat(names(listAll(3, b, 1))).hasSize(10);
        assertThat(names(listAll(3, b, 512)))
                .hasSize(10)
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo("p-10"));
        for (int i = 0; i < 20; i++) {
            assertThat(s3.gets(b, String.format("p-%02d", i))).isEqualTo(i < 10 ? 1 : 0);
        }
        // prefetched objects are warm
        assertThat(get(3, b, "p-03", "").text()).isEqualTo("content 3");
        assertThat(s3.gets(b, "p-03")).isEqualTo(1);

        String ev = c.control(
                        "DELETE",
                        "/v1/buckets/" + b + "?provider=aws",
                        "{\"action\":\"evict-listrange\",\"value\":{\"objnames\":[\"p-00\",\"p-01\"]}}")
                .expect(200)
                .text();
        Jobs.awaitEnd(c, ev, "evict-listrange", JOB_TIMEOUT);
        assertThat(names(listAll(1, b, 1))).hasSize(8).doesNotContain("p-00", "p-01");
        try (S3Client direct = s3.client()) {
            assertThat(direct.getObjectAsBytes(r -> r.bucket(b).key("p-00")).asUtf8String())
                    .isEqualTo("content 0");
        }
        // the whole bucket: every cached copy goes, the remote keeps everything
        c.control("DELETE", "/v1/buckets/" + b + "?provider=aws", "{\"action\":\"evict-remote-bck\"}")
                .expect(200);
        assertThat(names(listAll(2, b, 1))).isEmpty();
        assertThat(listAll(2, b, 0)).hasSize(20);
        assertThat(get(1, b, "p-05", "").text()).isEqualTo("content 5");
        assertThat(s3.gets(b, "p-05")).isEqualTo(2);
    }

    @Test
    @Order(6)
    void writeThroughPutAndDelete() {
        String b = newRemoteBucket("wt");
        byte[] data = PseudoRandomInputStream.bytes(11, 300_000);
        Resp put = send(1, "PUT", b, "dir/written", "", data);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        try (S3Client direct = s3.client()) {
            assertThat(direct.getObjectAsBytes(r -> r.bucket(b).key("dir/written"))
                            .asByteArray())
                    .isEqualTo(data);
            assertThat(names(listAll(2, b, 1))).containsExactly("dir/written");
            assertThat(get(3, b, "dir/written", "").body()).isEqualTo(data);
            assertThat(s3.gets(b, "dir/written"))
                    .as("served from the copy the PUT left")
                    .isEqualTo(1);

            assertThat(send(2, "DELETE", b, "dir/written", "").status()).isEqualTo(200);
            assertThatThrownBy(() -> direct.getObjectAsBytes(r -> r.bucket(b).key("dir/written")))
                    .isInstanceOf(NoSuchKeyException.class);
            assertThat(names(listAll(1, b, 1))).isEmpty();
            assertThat(send(1, "DELETE", b, "dir/written", "").status()).isEqualTo(404);
        }
    }

    @Test
    @Order(7)
    void awsSdkThroughOurS3ApiReadsABucketBackedByARemoteOne() {
        String remote = newRemoteBucket("backing");
        String local = "it-backed-" + net.aisj.it.support.ItEnv.randomHex(3);
        byte[] data = PseudoRandomInputStream.bytes(5, 1 << 20);
        try (S3Client direct = s3.client()) {
            direct.putObject(r -> r.bucket(remote).key("images/cat.jpg"), RequestBody.fromBytes(data));
            direct.putObject(r -> r.bucket(remote).key("images/dog.jpg"), RequestBody.fromString("woof"));
        }
        cluster.client(1)
                .control(
                        "POST",
                        "/v1/buckets/" + local,
                        "{\"action\":\"create-bck\",\"value\":" + "{\"backend_bck\":{\"name\":\"" + remote
                                + "\",\"provider\":\"aws\"}}}")
                .expect(200);
        try (S3Client ours = S3Client.builder()
                .endpointOverride(URI.create(cluster.url(2)))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CacheCluster.S3_KEY, CacheCluster.S3_SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build()) {
            ResponseBytes<GetObjectResponse> got =
                    ours.getObjectAsBytes(r -> r.bucket(local).key("images/cat.jpg"));
            assertThat(got.asByteArray()).isEqualTo(data);
            assertThat(got.response().eTag()).isEqualTo("\"" + md5(data) + "\"");
            assertThat(ours.getObjectAsBytes(r -> r.bucket(local).key("images/cat.jpg"))
                            .asByteArray())
                    .isEqualTo(data);
            assertThat(ours.getObjectAsBytes(
                                    r -> r.bucket(local).key("images/cat.jpg").range("bytes=10-19"))
                            .asByteArray())
                    .isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
            // the S3 listing is the remote's (the other object is not cached)
            assertThat(ours.listObjectsV2(r -> r.bucket(local)).contents())
                    .extracting(o -> o.key())
                    .contains("images/cat.jpg", "images/dog.jpg");
            assertThat(ours.listObjectsV2(r -> r.bucket(local).delimiter("/")).commonPrefixes())
                    .extracting(p -> p.prefix())
                    .containsExactly("images/");
            // write-through from the S3 API too
            ours.putObject(
                    r -> r.bucket(local).key("new.txt").metadata(Map.of("color", "red")),
                    RequestBody.fromString("via our S3 API"));
            // a multipart upload completes on the remote
            String up = ours.createMultipartUpload(r -> r.bucket(local).key("mp.bin"))
                    .uploadId();
            byte[] p1 = PseudoRandomInputStream.bytes(21, 5 << 20);
            byte[] p2 = PseudoRandomInputStream.bytes(22, 1000);
            String e1 = ours.uploadPart(
                            r -> r.bucket(local).key("mp.bin").uploadId(up).partNumber(1), RequestBody.fromBytes(p1))
                    .eTag();
            String e2 = ours.uploadPart(
                            r -> r.bucket(local).key("mp.bin").uploadId(up).partNumber(2), RequestBody.fromBytes(p2))
                    .eTag();
            ours.completeMultipartUpload(r -> r.bucket(local)
                    .key("mp.bin")
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
            byte[] whole = new byte[p1.length + p2.length];
            System.arraycopy(p1, 0, whole, 0, p1.length);
            System.arraycopy(p2, 0, whole, p1.length, p2.length);
            assertThat(ours.getObjectAsBytes(r -> r.bucket(local).key("mp.bin")).asByteArray())
                    .isEqualTo(whole);
            assertThat(s3.gets(remote, "mp.bin"))
                    .as("served from the local copy")
                    .isZero();
            try (S3Client direct = s3.client()) {
                assertThat(direct.getObjectAsBytes(r -> r.bucket(remote).key("mp.bin"))
                                .asByteArray())
                        .isEqualTo(whole);
            }
        }
        assertThat(s3.gets(remote, "images/cat.jpg")).isEqualTo(1);
        try (S3Client direct = s3.client()) {
            assertThat(direct.getObjectAsBytes(r -> r.bucket(remote).key("new.txt"))
                            .asUtf8String())
                    .isEqualTo("via our S3 API");
            assertThat(direct.headObject(r -> r.bucket(remote).key("new.txt")).metadata())
                    .containsEntry("color", "red");
        }
    }

    @Test
    @Order(100)
    void backendKilledMidGetLeavesNothingCachedAndTheNextGetAfterItReturnsWorks() throws Exception {
        String b = newRemoteBucket("fault");
        byte[] big = PseudoRandomInputStream.bytes(3, 64 << 20);
        try (S3Client direct = s3.client()) {
            direct.putObject(r -> r.bucket(b).key("big"), RequestBody.fromBytes(big));
        }
        assertThat(cluster.client(1)
                        .control("POST", "/v1/buckets/" + b + "?provider=aws", "{\"action\":\"add-remote-bck\"}")
                        .status())
                .isEqualTo(200);
        HttpResponse<InputStream> r = FOLLOW.send(
                HttpRequest.newBuilder(URI.create(cluster.url(1) + AisClient.objPath(b, "big") + "?provider=aws"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long read = 0;
        try (InputStream in = r.body()) {
            read += in.readNBytes(1 << 20).length;
            s3.kill();
            try {
                byte[] buf = new byte[1 << 16];
                for (int k; (k = in.read(buf)) > 0; ) {
                    read += k;
                }
            } catch (IOException expected) {
                // the response was cut
            }
        }
        assertThat(read).as("the client did not get the whole object").isLessThan(big.length);
        try {
            assertThat(names(listAll(2, b, 1))).as("nothing partial is cached").isEmpty();
            Resp down = send(3, "GET", b, "big", "");
            assertThat(down.status()).isBetween(500, 599);
            assertThat(down.text()).contains(s3.endpoint()).contains("aws://" + b + "/big");
            Resp putDown = send(2, "PUT", b, "while-down", "", "x".getBytes(StandardCharsets.UTF_8));
            assertThat(putDown.status()).isBetween(500, 599);
            assertThat(names(listAll(2, b, 1)))
                    .as("a failed write-through leaves nothing")
                    .isEmpty();
        } finally {
            s3.start();
        }
        assertThat(md5(get(2, b, "big", "").body())).isEqualTo(md5(big));
        assertThat(names(listAll(1, b, 1))).containsExactly("big");
    }

    // ------------------------------------------------------------------ helpers

    /** A new bucket at the remote (S3 names: lower case, 3-63). */
    private static String newRemoteBucket(String tag) {
        String b = "it-" + tag + "-" + net.aisj.it.support.ItEnv.randomHex(4);
        try (S3Client direct = s3.client()) {
            direct.createBucket(r -> r.bucket(b));
        }
        return b;
    }

    private static String name(int i) {
        return String.format("d%02d/obj-%04d", i % 17, i);
    }

    private static byte[] content(String bucket, int i) {
        return PseudoRandomInputStream.bytes(bucket.hashCode() * 31L + i, 512 + (i * 37) % 6000);
    }

    private static Resp get(int slot, String b, String o, String query) {
        return send(slot, "GET", b, o, query).expect(200);
    }

    private static Resp send(int slot, String method, String b, String o, String query) {
        return send(slot, method, b, o, query, null);
    }

    /** A call through node {@code slot}, following its redirect to the owner. */
    private static Resp send(int slot, String method, String b, String o, String query, byte[] body) {
        AisClient c = cluster.client(slot);
        String path = AisClient.objPath(b, o) + "?provider=aws" + (query.isEmpty() ? "" : "&" + query);
        Resp r = c.send(
                method,
                path,
                Map.of(),
                body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body),
                Duration.ofMinutes(2));
        if (r.status() == 307) {
            URI loc = URI.create(r.header("Location"));
            String base = loc.getScheme() + "://" + loc.getRawAuthority();
            r = cluster.clientAt(base)
                    .send(
                            method,
                            loc.getRawPath() + "?" + loc.getRawQuery(),
                            Map.of(),
                            body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body),
                            Duration.ofMinutes(2));
        }
        return r;
    }

    /** Every entry of the listing with list flags {@code flags}, page by page. */
    private static List<JsonObject> listAll(int slot, String b, long flags) {
        List<JsonObject> out = new ArrayList<>();
        String token = "";
        for (int page = 0; page < 100; page++) {
            JsonObject v = Json.createObjectBuilder()
                    .add("props", "name,size,cached")
                    .add("flags", flags)
                    .add("continuation_token", token)
                    .add("page_size", 400)
                    .build();
            JsonObject res = cluster.client(slot)
                    .control(
                            "GET",
                            "/v1/buckets/" + b + "?provider=aws",
                            Json.createObjectBuilder()
                                    .add("action", "list")
                                    .add("value", v)
                                    .build()
                                    .toString())
                    .expect(200)
                    .json();
            for (JsonValue e : res.getJsonArray("entries")) {
                out.add(e.asJsonObject());
            }
            token = res.getString("continuation_token", "");
            if (token.isEmpty()) {
                return out;
            }
        }
        throw new AssertionError("listing of " + b + " did not end");
    }

    private static List<String> names(List<JsonObject> entries) {
        return entries.stream().map(e -> e.getString("name")).toList();
    }

    private static String md5(byte[] b) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
