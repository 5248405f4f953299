package net.aisj.it.backends;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Lso;
import net.aisj.it.support.Ports;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What every cloud provider must do behind the cache tier, checked against its real test server through the shared
 * provider node: cold then warm GETs byte-identical with one remote read per object (counted in the server's own
 * log), listing in pages, ranges, {@code latest-ver} refetching a changed object, prefetch and evict, write-through
 * PUT and DELETE visible at the remote, AIS's not-found errors, and the backend killed mid-read (a 5xx, nothing
 * partial cached, fine again once it is back). A provider's test class only says how to reach its server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CacheTierContract {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The provider's shared test server (started on first use). */
    abstract RemoteStore store();

    AisClient node() {
        return ProvidersNode.client();
    }

    @Test
    @Order(1)
    void fiveHundredObjectsColdThenWarmAreByteIdenticalAndReadFromTheRemoteOnce() throws Exception {
        RemoteStore s = store();
        String b = s.newBucket("cold");
        int n = 500;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                puts.add(pool.submit(() -> s.put(b, name(k), content(b, k))));
            }
            for (Future<?> f : puts) {
                f.get();
            }
            for (String pass : List.of("cold", "warm")) {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    all.add(pool.submit((Callable<Void>) () -> {
                        assertThat(get(b, name(k), "").body())
                                .as(pass + " GET of " + name(k))
                                .isEqualTo(content(b, k));
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
        for (int i = 0; i < n; i++) {
            assertThat(s.gets(b, name(i))).as("remote GETs of " + name(i)).isEqualTo(1L);
        }
        // listed in pages of 200 (the remote's pages continue after the last name), every entry cached
        List<JsonObject> entries = list(b, 0, 200);
        assertThat(entries).hasSize(n);
        assertThat(entries.stream().map(e -> e.getString("name")).distinct()).hasSize(n);
        assertThat(entries)
                .allSatisfy(e ->
                        assertThat(e.getInt("flags", 0) & 64).as(e.toString()).isEqualTo(64));
    }

    @Test
    @Order(2)
    void rangedColdGetThenHead() {
        RemoteStore s = store();
        String b = s.newBucket("range");
        byte[] data = PseudoRandomInputStream.bytes(17, 3 << 20);
        s.put(b, "r/big.bin", data);
        Resp part = send("GET", b, "r/big.bin", "", Map.of("Range", "bytes=1000-1999"), null);
        assertThat(part.status()).as(part.toString()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 1000-1999/" + data.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        Resp h = send("HEAD", b, "r/big.bin", "", Map.of(), null);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.header("Content-Length")).isEqualTo(Integer.toString(data.length));
        assertThat(get(b, "r/big.bin", "").body()).isEqualTo(data);
    }

    @Test
    @Order(3)
    void latestRefetchesAnObjectChangedAtTheRemote() {
        RemoteStore s = store();
        String b = s.newBucket("latest");
        s.put(b, "o", bytes("version one"));
        assertThat(get(b, "o", "").text()).isEqualTo("version one");
        s.put(b, "o", bytes("version two, longer"));
        assertThat(get(b, "o", "").text()).as("warm GET serves the cached copy").isEqualTo("version one");
        assertThat(s.gets(b, "o")).isEqualTo(1);
        assertThat(get(b, "o", "latest-ver=true").text()).isEqualTo("version two, longer");
        assertThat(get(b, "o", "").text()).isEqualTo("version two, longer");
        assertThat(s.gets(b, "o")).isEqualTo(2);
        // unchanged: latest-ver asks (HEAD) but does not read again
        assertThat(get(b, "o", "latest-ver=true").text()).isEqualTo("version two, longer");
        assertThat(s.gets(b, "o")).isEqualTo(2);
    }

    @Test
    @Order(4)
    void prefetchThenEvict() {
        RemoteStore s = store();
        String b = s.newBucket("pf");
        for (int i = 0; i < 20; i++) {
            s.put(b, String.format("p-%02d", i), bytes("content " + i));
        }
        AisClient c = node();
        String bq = AisClient.bckPath(b) + "?provider=" + s.provider();
        String job = c.control(
                        "POST", bq, "{\"action\":\"prefetch-listrange\",\"value\":{\"template\":\"p-{00..09}\"}}")
                .expect(200)
                .text();
        Jobs.awaitEnd(c, job, "prefetch-listrange", JOB_TIMEOUT);
        List<JsonObject> all = list(b, 0, 1000);
        assertThat(all).hasSize(20);
        for (JsonObject e : all) {
            boolean cachedExpected = e.getString("name").compareTo("p-10") < 0;
            assertThat((e.getInt("flags", 0) & 64) != 0).as(e.toString()).isEqualTo(cachedExpected);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(s.gets(b, String.format("p-%02d", i))).isEqualTo(i < 10 ? 1 : 0);
        }
        assertThat(get(b, "p-03", "").text()).isEqualTo("content 3");
        assertThat(s.gets(b, "p-03")).as("prefetched: warm").isEqualTo(1);

        String ev = c.control(
                        "DELETE", bq, "{\"action\":\"evict-listrange\",\"value\":{\"objnames\":[\"p-00\",\"p-01\"]}}")
                .expect(200)
                .text();
        Jobs.awaitEnd(c, ev, "evict-listrange", JOB_TIMEOUT);
        assertThat(names(list(b, 1, 1000))).hasSize(8).doesNotContain("p-00", "p-01");
        assertThat(s.read(b, "p-00")).as("evict keeps the remote copy").isEqualTo(bytes("content 0"));
        long before = s.gets(b, "p-00");
        assertThat(get(b, "p-00", "").text()).isEqualTo("content 0");
        assertThat(s.gets(b, "p-00")).as("evicted: cold again").isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void writeThroughPutAndDeleteReachTheRemote() {
        RemoteStore s = store();
        String b = s.newBucket("wt");
        byte[] data = PseudoRandomInputStream.bytes(11, 300_000);
        Resp put = send("PUT", b, "dir/written", "", Map.of(), data);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(s.read(b, "dir/written")).isEqualTo(data);
        long before = s.gets(b, "dir/written");
        assertThat(names(list(b, 1, 1000))).containsExactly("dir/written");
        assertThat(get(b, "dir/written", "").body()).isEqualTo(data);
        assertThat(s.gets(b, "dir/written"))
                .as("served from the copy the PUT left")
                .isEqualTo(before);

        assertThat(send("DELETE", b, "dir/written", "", Map.of(), null).status())
                .isEqualTo(200);
        assertThat(s.read(b, "dir/written")).isNull();
        assertThat(names(list(b, 1, 1000))).isEmpty();
    }

    @Test
    @Order(6)
    void missingObjectIsAisNotFoundNamingIt() {
        RemoteStore s = store();
        String b = s.newBucket("nf");
        s.put(b, "present", bytes("here"));
        Resp r = send("GET", b, "absent/x", "", Map.of(), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.text()).contains("://" + b + "/absent/x");
    }

    /**
     * One cluster, two endpoints of one provider: a bucket's {@code extra.<provider>} endpoint (set with AIS's
     * {@code set-bprops}) is kept in the BMD, shown in its props and used for that bucket only.
     */
    @Test
    @Order(7)
    void aBucketsOwnEndpointFromItsExtraPropsIsKeptAndUsedForItAlone() {
        RemoteStore s = store();
        String b = s.newBucket("ep");
        s.put(b, "o", bytes("one"));
        String other = s.newBucket("ep2");
        s.put(other, "o", bytes("two"));
        String dead = s.endpoint().replaceFirst(":\\d+", ":" + Ports.freePort());
        String q = "?provider=" + s.provider();
        node().control("POST", AisClient.bckPath(b) + q, "{\"action\":\"add-remote-bck\"}")
                .expect(200);
        setEndpoint(b, dead);
        JsonObject props = JsonUtil.parseObject(
                node().send("HEAD", AisClient.bckPath(b) + q).expect(200).header("Ais-Bucket-Props"));
        String[] key = s.endpointProp().split("\\.");
        assertThat(props.getJsonObject("extra").getJsonObject(key[0]).getString(key[1]))
                .isEqualTo(dead);
        Resp r = send("GET", b, "o", "", Map.of(), null);
        assertThat(r.status()).as(r.toString()).isBetween(500, 599);
        assertThat(r.text()).as("the error names the bucket's endpoint").contains(dead);
        assertThat(get(other, "o", "").body())
                .as("other buckets keep the node's endpoint")
                .isEqualTo(bytes("two"));
        setEndpoint(b, s.endpoint());
        assertThat(get(b, "o", "").body()).isEqualTo(bytes("one"));
        Resp bad = node().control(
                        "PATCH",
                        AisClient.bckPath(b) + q,
                        JsonUtil.actMsg("set-bprops", null, extra(s.endpointProp(), "ftp://x")));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.text()).contains("invalid extra." + s.endpointProp());
    }

    /**
     * AIS's non-recursive listing ({@code ais ls --no-recursion}) of a remote bucket: the objects directly under the
     * prefix and each virtual directory once (flagged as one), in pages of any size, cached or not.
     */
    @Test
    @Order(8)
    void noRecursionListsOneLevelWithVirtualDirectories() {
        RemoteStore s = store();
        String b = s.newBucket("nr");
        for (String n : List.of("top", "nr/a", "nr/d1/x", "nr/d1/y", "nr/d1/z/deep", "nr/d2/w", "nr/e")) {
            s.put(b, n, bytes(n));
        }
        get(b, "nr/d1/x", "");
        for (int pageSize : List.of(1, 2, 1000)) {
            List<JsonObject> got = list(b, Lso.LS_NO_RECURSION, pageSize, "nr/");
            assertThat(names(got)).as("page size " + pageSize).containsExactly("nr/a", "nr/d1/", "nr/d2/", "nr/e");
            for (JsonObject e : got) {
                assertThat((e.getJsonNumber("flags") == null
                                        ? 0
                                        : e.getJsonNumber("flags").longValue())
                                & Lso.ENTRY_IS_DIR)
                        .as("dir flag of " + e.getString("name"))
                        .isEqualTo(e.getString("name").endsWith("/") ? Lso.ENTRY_IS_DIR : 0);
            }
        }
        assertThat(names(list(b, Lso.LS_NO_RECURSION, 1000, ""))).containsExactly("nr/", "top");
        assertThat(names(list(b, Lso.LS_NO_RECURSION, 1000, "nr/d1/")))
                .containsExactly("nr/d1/x", "nr/d1/y", "nr/d1/z/");
    }

    private void setEndpoint(String b, String endpoint) {
        node().control(
                        "PATCH",
                        AisClient.bckPath(b) + "?provider=" + store().provider(),
                        JsonUtil.actMsg("set-bprops", null, extra(store().endpointProp(), endpoint)))
                .expect(200);
    }

    private static JsonObject extra(String prop, String value) {
        String[] key = prop.split("\\.");
        return Json.createObjectBuilder()
                .add(
                        "extra",
                        Json.createObjectBuilder()
                                .add(key[0], Json.createObjectBuilder().add(key[1], value)))
                .build();
    }

    @Test
    @Order(100)
    void backendKilledMidReadGivesA5xxAndCachesNothing() throws Exception {
        RemoteStore s = store();
        String b = s.newBucket("fault");
        byte[] big = PseudoRandomInputStream.bytes(3, 48 << 20);
        s.put(b, "big", big);
        s.awaitDurable(b, "big");
        node().control("POST", AisClient.bckPath(b) + "?provider=" + s.provider(), "{\"action\":\"add-remote-bck\"}")
                .expect(200);
        HttpResponse<InputStream> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                node().baseUrl() + AisClient.objPath(b, "big") + "?provider=" + s.provider()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long read = 0;
        try (InputStream in = r.body()) {
            read += in.readNBytes(1 << 20).length;
            s.kill();
            try {
                byte[] buf = new byte[1 << 16];
                for (int k; (k = in.read(buf)) > 0; ) {
                    read += k;
                }
            } catch (IOException expected) {
                // the response was cut
            }
        }
        try {
            assertThat(read).as("the client did not get the whole object").isLessThan(big.length);
            assertThat(names(list(b, 1, 1000))).as("nothing partial is cached").isEmpty();
            Resp down = send("GET", b, "big", "", Map.of(), null);
            assertThat(down.status()).as(down.toString()).isBetween(500, 599);
            assertThat(down.text()).contains(s.endpoint()).contains("://" + b + "/big");
            Resp putDown = send("PUT", b, "while-down", "", Map.of(), bytes("x"));
            assertThat(putDown.status()).as(putDown.toString()).isBetween(500, 599);
            assertThat(names(list(b, 1, 1000)))
                    .as("a failed write-through leaves nothing")
                    .isEmpty();
        } finally {
            s.start();
        }
        if (!s.keepsDataAcrossRestart()) {
            s.put(b, "big", big);
        }
        assertThat(get(b, "big", "").body()).isEqualTo(big);
        assertThat(names(list(b, 1, 1000))).containsExactly("big");
    }

    // ------------------------------------------------------------------ helpers

    static String name(int i) {
        return String.format("d%02d/obj-%04d", i % 17, i);
    }

    static byte[] content(String bucket, int i) {
        return PseudoRandomInputStream.bytes(bucket.hashCode() * 31L + i, 512 + (i * 37) % 6000);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Resp get(String b, String o, String query) {
        return send("GET", b, o, query, Map.of(), null).expect(200);
    }

    private Resp send(String method, String b, String o, String query, Map<String, String> headers, byte[] body) {
        String path =
                AisClient.objPath(b, o) + "?provider=" + store().provider() + (query.isEmpty() ? "" : "&" + query);
        return node().send(
                        method,
                        path,
                        headers,
                        body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body),
                        Duration.ofMinutes(2));
    }

    /** Every entry of the node's listing with list {@code flags} (1: cached only), in pages of {@code pageSize}. */
    List<JsonObject> list(String b, long flags, int pageSize) {
        return list(b, flags, pageSize, "");
    }

    /** {@link #list(String, long, int)} of the names under {@code prefix}. */
    List<JsonObject> list(String b, long flags, int pageSize, String prefix) {
        return list(node(), b, flags, pageSize, prefix);
    }

    /** {@link #list(String, long, int, String)} through node {@code c}. */
    List<JsonObject> list(AisClient c, String b, long flags, int pageSize, String prefix) {
        List<JsonObject> out = new ArrayList<>();
        String token = "";
        for (int page = 0; page < 100; page++) {
            JsonObject v = Json.createObjectBuilder()
                    .add("props", "name,size,cached")
                    .add("prefix", prefix)
                    .add("flags", flags)
                    .add("continuation_token", token)
                    .add("page_size", pageSize)
                    .build();
            JsonObject res = c.control(
                            "GET",
                            AisClient.bckPath(b) + "?provider=" + store().provider(),
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

    static List<String> names(List<JsonObject> entries) {
        return entries.stream().map(e -> e.getString("name")).toList();
    }
}
