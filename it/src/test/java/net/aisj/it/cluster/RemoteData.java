package net.aisj.it.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Remote (s3proxy) buckets for the cache tests: made at the remote, filled there, listed through a node. */
final class RemoteData {

    private RemoteData() {}

    /** A new bucket at the remote (S3 names: lower case, 3-63). */
    static String create(S3ProxyServer s3, String tag) {
        String b = "it-" + tag + "-" + ItEnv.randomHex(4);
        try (S3Client direct = s3.client()) {
            direct.createBucket(r -> r.bucket(b));
        }
        return b;
    }

    /** Puts objects straight into the remote bucket. */
    static void put(S3ProxyServer s3, String b, List<String> names, java.util.function.Function<String, byte[]> body) {
        try (S3Client direct = s3.client()) {
            for (String n : names) {
                direct.putObject(r -> r.bucket(b).key(n), RequestBody.fromBytes(body.apply(n)));
            }
        }
    }

    /** The names of {@code aws://b} a node lists with AIS list {@code flags} (1: only what is cached). */
    static List<String> names(AisClient c, String b, long flags) {
        List<String> out = new ArrayList<>();
        String token = "";
        for (int page = 0; page < 1000; page++) {
            JsonObject v = Json.createObjectBuilder()
                    .add("props", "name,size,atime")
                    .add("flags", flags)
                    .add("continuation_token", token)
                    .add("page_size", 1000)
                    .build();
            JsonObject res = c.control(
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
                out.add(e.asJsonObject().getString("name"));
            }
            token = res.getString("continuation_token", "");
            if (token.isEmpty()) {
                return out;
            }
        }
        throw new AssertionError("listing of " + b + " did not end");
    }
}
