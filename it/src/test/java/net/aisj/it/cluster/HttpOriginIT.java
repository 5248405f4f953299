package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NginxServer;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.Xxh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * nginx (Debian's) as an HTTP origin read through the 3-node cache cluster as an {@code ht://} bucket, the way AIS
 * had it: the bucket named from the origin's base URL, an object first given by its {@code original_url}, GET with
 * {@code Range} through the cache (the origin read once, counted in nginx's access log), HEAD, clear errors for
 * writes and for what the origin does not have.
 */
@Tag("cluster")
class HttpOriginIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final long SEED = 1103515245L;
    private static LocalCluster cluster;
    private static NginxServer origin;

    @BeforeAll
    static void start() {
        origin = NginxServer.shared();
        cluster = CacheCluster.get();
    }

    @Test
    void rangedGetThroughTheCacheThenHeadAndWarmGet() {
        String dir = "/data-" + ItEnv.randomHex(3) + "/set1/";
        byte[] a = PseudoRandomInputStream.bytes(11, 300_000);
        byte[] small = "hello, origin\n".getBytes(StandardCharsets.UTF_8);
        origin.put(dir + "a.bin", a);
        origin.put(dir + "b.txt", small);
        String bck = bucketOf(origin.url(dir));

        // the first GET names the object by its URL: the bucket comes from it; a range is served from the cold GET
        Resp part = send(
                1,
                "GET",
                bck,
                "a.bin",
                "&original_url=" + enc(origin.url(dir + "a.bin")),
                Map.of("Range", "bytes=1000-1999"));
        assertThat(part.status()).as(part.toString()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 1000-1999/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(a, 1000, 2000));

        // HEAD (the bucket is known now: no original_url): cached, the origin's size and ETag
        Resp h = send(2, "HEAD", bck, "a.bin", "", Map.of());
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.header("Ais-Present")).isEqualTo("true");
        assertThat(h.header("Content-Length")).isEqualTo("300000");
        String etag = h.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]+-[0-9a-f]+\"");

        // warm GETs, whole and ranged (suffix): the origin was read once
        Resp whole = send(3, "GET", bck, "a.bin", "", Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(a);
        Resp tail = send(1, "GET", bck, "a.bin", "", Map.of("Range", "bytes=-10"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(a, a.length - 10, a.length));
        assertThat(origin.requests("GET", dir + "a.bin")).isEqualTo(1);

        // an object not cached yet: HEAD asks the origin, says it is not present
        Resp hb = send(2, "HEAD", bck, "b.txt", "", Map.of());
        assertThat(hb.status()).isEqualTo(200);
        assertThat(hb.header("Ais-Present")).isEqualTo("false");
        assertThat(hb.header("Content-Length")).isEqualTo(Integer.toString(small.length));
        assertThat(send(3, "GET", bck, "b.txt", "", Map.of()).body()).isEqualTo(small);

        // listing an origin lists what is cached
        JsonObject page = cluster.client(1)
                .control(
                        "GET",
                        "/v1/buckets/" + bck + "?provider=ht",
                        Json.createObjectBuilder()
                                .add("action", "list")
                                .add("value", Json.createObjectBuilder().add("props", "name,size"))
                                .build()
                                .toString())
                .expect(200)
                .json();
        assertThat(page.getJsonArray("entries").stream()
                        .map(e -> e.asJsonObject().getString("name"))
                        .toList())
                .containsExactlyInAnyOrder("a.bin", "b.txt");

        // read-only, and AIS's 404 for what the origin does not have
        Resp put = send(1, "PUT", bck, "c.bin", "", Map.of(), new byte[] {1, 2, 3});
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.text()).contains("read-only");
        Resp del = send(2, "DELETE", bck, "a.bin", "", Map.of());
        assertThat(del.status()).isEqualTo(400);
        assertThat(del.text()).contains("read-only");
        assertThat(send(3, "GET", bck, "a.bin", "", Map.of()).body()).isEqualTo(a);
        Resp missing = send(3, "GET", bck, "nope.bin", "", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("ht://" + bck + "/nope.bin");
    }

    @Test
    void anOriginUrlMustNameTheBucketAndObjectItDerives() {
        String dir = "/other-" + ItEnv.randomHex(3) + "/";
        origin.put(dir + "x.bin", new byte[] {9});
        String right = bucketOf(origin.url(dir));
        Resp wrong = send(1, "GET", "wrongname", "x.bin", "&original_url=" + enc(origin.url(dir + "x.bin")), Map.of());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text()).contains("ht://" + right + "/x.bin");
        Resp bad = send(2, "GET", right, "x.bin", "&original_url=" + enc("ftp://127.0.0.1/x.bin"), Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("invalid original_url");
        // an ht:// bucket never seen with an original_url cannot be read: the error says what to send
        Resp unknown = send(3, "GET", "neverseen" + ItEnv.randomHex(2), "x.bin", "", Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("original_url");
        assertThat(send(1, "GET", right, "x.bin", "&original_url=" + enc(origin.url(dir + "x.bin")), Map.of())
                        .body())
                .isEqualTo(new byte[] {9});
    }

    /** AIS's name of the ht:// bucket of a base URL: base64url(hex(xxhash64(host + path, seed 1103515245))). */
    private static String bucketOf(String baseUrl) {
        String noScheme = baseUrl.substring(baseUrl.indexOf("://") + 3);
        String hex = Long.toHexString(Xxh.hash64(noScheme.getBytes(StandardCharsets.UTF_8), SEED));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
    }

    private static Resp send(int slot, String method, String b, String o, String query, Map<String, String> headers) {
        return send(slot, method, b, o, query, headers, null);
    }

    private static Resp send(
            int slot, String method, String b, String o, String query, Map<String, String> headers, byte[] body) {
        String pq = AisClient.objPath(b, o) + "?provider=ht" + query;
        return cluster.send(cluster.url(slot), method, pq, headers, body, TIMEOUT)
                .resp();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
