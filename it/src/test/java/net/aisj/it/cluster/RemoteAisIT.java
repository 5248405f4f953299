package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.RemoteAisNode;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A second cluster of ours (one node) as a remote AIS cluster of the 3-node cache cluster: attached by alias and URL
 * with AIS's {@code remote} API, its buckets listed and read through this cluster as {@code ais://@alias/bucket}
 * (cold, then warm from the cache even once the remote copy is gone), written through, and detached.
 */
@Tag("cluster")
class RemoteAisIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static LocalCluster cluster;
    private static AisClient remote;

    @BeforeAll
    static void start() {
        remote = RemoteAisNode.client();
        cluster = CacheCluster.get();
    }

    @Test
    void attachListReadWriteThroughAndDetach() {
        String b = "rb-" + ItEnv.randomHex(4);
        String alias = "rem" + ItEnv.randomHex(3);
        remote.createBucket(b).expect(200);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            objects.put(
                    String.format("dir%d/obj-%02d", i % 3, i), PseudoRandomInputStream.bytes(i * 7919L, 100 + i * 997));
        }
        objects.put("big/three-mib", PseudoRandomInputStream.bytes(42, 3 << 20));
        objects.forEach((o, data) -> remote.put(b, o, data).expect(200));

        // attach, then every node knows it (AIS's RemAisVec with the remote's Smap)
        attach(1, alias, remote.baseUrl()).expect(200);
        JsonObject vec = cluster.client(2).cluster("remote").expect(200).json();
        assertThat(vec.getJsonArray("a")).hasSize(1);
        JsonObject ra = vec.getJsonArray("a").getJsonObject(0);
        assertThat(ra.getString("alias")).isEqualTo(alias);
        assertThat(ra.getString("url")).isEqualTo(remote.baseUrl());
        String uuid = ra.getString("uuid");
        assertThat(uuid).isNotEmpty();
        assertThat(ra.getJsonObject("smap").getString("uuid")).isEqualTo(uuid);
        // the same pair again changes nothing; the alias for another URL is refused
        attach(3, alias, remote.baseUrl()).expect(200);
        assertThat(attach(3, alias, "http://127.0.0.1:1").status()).isEqualTo(400);

        // AIS's `ais ls ais://@alias`: the remote's buckets in the alias's namespace
        Resp bl = cluster.client(3).send("GET", "/v1/buckets?provider=ais&namespace=" + enc("@" + alias + "#"));
        List<JsonObject> listed =
                Json.createReader(new java.io.StringReader(bl.expect(200).text())).readArray().stream()
                        .map(JsonValue::asJsonObject)
                        .filter(o -> o.getString("name").equals(b))
                        .toList();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getJsonObject("namespace").getString("uuid")).isEqualTo(alias);

        // its objects, none cached yet; HEAD says so
        List<JsonObject> entries = list(1, b, alias);
        assertThat(entries.stream().map(e -> e.getString("name")).toList())
                .containsExactlyInAnyOrderElementsOf(objects.keySet());
        assertThat(entries)
                .allSatisfy(e -> assertThat(e.getInt("flags", 0) & 64).isZero());
        Resp h = send(2, "HEAD", b, alias, "dir0/obj-00", Map.of());
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.header("Ais-Present")).isEqualTo("false");
        assertThat(h.header("Content-Length")).isEqualTo(Integer.toString(objects.get("dir0/obj-00").length));

        // cold GETs through every node, a range of the big one, then all cached
        int k = 0;
        for (var e : objects.entrySet()) {
            Resp r = send(1 + k++ % 3, "GET", b, alias, e.getKey(), Map.of());
            assertThat(r.status()).as("cold GET of " + e.getKey()).isEqualTo(200);
            assertThat(r.body()).as("cold GET of " + e.getKey()).isEqualTo(e.getValue());
        }
        Resp part = send(2, "GET", b, alias, "big/three-mib", Map.of("Range", "bytes=1048570-1048599"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(objects.get("big/three-mib"), 1048570, 1048600));
        assertThat(send(3, "HEAD", b, alias, "dir0/obj-00", Map.of()).header("Ais-Present"))
                .isEqualTo("true");
        assertThat(list(2, b, alias))
                .allSatisfy(e ->
                        assertThat(e.getInt("flags", 0) & 64).as(e.toString()).isEqualTo(64));

        // warm: served from the cache, also once the remote has lost the object
        remote.delete(b, "dir1/obj-01").expect(200);
        Resp warm = send(3, "GET", b, alias, "dir1/obj-01", Map.of());
        assertThat(warm.status()).isEqualTo(200);
        assertThat(warm.body()).isEqualTo(objects.get("dir1/obj-01"));

        // a missing object is AIS's 404 naming it
        Resp missing = send(1, "GET", b, alias, "no/such", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("ais://@" + alias + "/" + b + "/no/such");

        // write-through: PUT and DELETE reach the remote cluster
        byte[] fresh = PseudoRandomInputStream.bytes(7, 5000);
        assertThat(send(2, "PUT", b, alias, "written/through", Map.of(), fresh).status())
                .isEqualTo(200);
        assertThat(remote.get(b, "written/through").expect(200).body()).isEqualTo(fresh);
        assertThat(send(1, "DELETE", b, alias, "written/through", Map.of()).status())
                .isEqualTo(200);
        assertThat(remote.get(b, "written/through").status()).isEqualTo(404);

        // the remote cluster is also found by its UUID
        Resp byUuid = send(3, "GET", b, uuid, "dir2/obj-02", Map.of());
        assertThat(byUuid.status()).as(byUuid.toString()).isEqualTo(200);
        assertThat(byUuid.body()).isEqualTo(objects.get("dir2/obj-02"));

        // detach: gone from the list; an uncached object of it is not reachable any more
        detach(2, alias).expect(200);
        assertThat(cluster.client(1).cluster("remote").expect(200).json().getJsonArray("a"))
                .isEmpty();
        remote.put(b, "after/detach", fresh).expect(200);
        Resp after = send(1, "GET", b, alias, "after/detach", Map.of());
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.json().getString("message")).contains("remote cluster \"" + alias + "\" is not attached");
        assertThat(detach(3, alias).status()).isEqualTo(404);
    }

    @Test
    void badAttachmentsAreRefusedClearly() {
        Resp badAlias = attach(1, "no/slash", remote.baseUrl());
        assertThat(badAlias.status()).isEqualTo(400);
        assertThat(badAlias.text()).contains("invalid remote cluster alias");
        Resp badUrl = attach(2, "x" + ItEnv.randomHex(3), "ftp://127.0.0.1/");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.text()).contains("invalid URL");
        Resp down = attach(3, "x" + ItEnv.randomHex(3), "http://127.0.0.1:1");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.text()).contains("cannot attach remote cluster");
        Resp what = cluster.client(1)
                .send("PUT", "/v1/cluster/attach?what=smap", Map.of("Ais-Remote-Ais-Alias", "x"), null, TIMEOUT);
        assertThat(what.status()).isEqualTo(400);
        Resp obj = send(2, "GET", "b", "nosuch", "o", Map.of());
        assertThat(obj.status()).isEqualTo(404);
        assertThat(obj.json().getString("message")).contains("remote cluster \"nosuch\" is not attached");
    }

    // ------------------------------------------------------------------ helpers

    private static Resp attach(int slot, String alias, String url) {
        return cluster.client(slot)
                .send(
                        "PUT",
                        "/v1/cluster/attach?what=remote",
                        Map.of("Ais-Remote-Ais-Alias", alias, "Ais-Remote-Ais-Url", url),
                        null,
                        TIMEOUT);
    }

    private static Resp detach(int slot, String alias) {
        return cluster.client(slot)
                .send("PUT", "/v1/cluster/detach?what=remote", Map.of("Ais-Remote-Ais-Alias", alias), null, TIMEOUT);
    }

    private static Resp send(int slot, String method, String b, String alias, String o, Map<String, String> headers) {
        return send(slot, method, b, alias, o, headers, null);
    }

    /** An object call on {@code ais://@alias/b} through node {@code slot}, following the redirect to the owner. */
    private static Resp send(
            int slot, String method, String b, String alias, String o, Map<String, String> headers, byte[] body) {
        String pq = AisClient.objPath(b, o) + "?provider=ais&namespace=" + enc("@" + alias + "#");
        return cluster.send(cluster.url(slot), method, pq, headers, body, TIMEOUT)
                .resp();
    }

    private static List<JsonObject> list(int slot, String b, String alias) {
        List<JsonObject> out = new ArrayList<>();
        String token = "";
        for (int page = 0; page < 20; page++) {
            JsonObject v = Json.createObjectBuilder()
                    .add("props", "name,size,cached")
                    .add("continuation_token", token)
                    .add("pagesize", 5)
                    .build();
            JsonObject res = cluster.client(slot)
                    .control(
                            "GET",
                            "/v1/buckets/" + b + "?provider=ais&namespace=" + enc("@" + alias),
                            Json.createObjectBuilder()
                                    .add("action", "list")
                                    .add("value", v)
                                    .build()
                                    .toString())
                    .expect(200)
                    .json();
            res.getJsonArray("entries").forEach(e -> out.add(e.asJsonObject()));
            token = res.getString("continuation_token", "");
            if (token.isEmpty()) {
                return out;
            }
        }
        throw new AssertionError("listing of " + b + " did not end");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
