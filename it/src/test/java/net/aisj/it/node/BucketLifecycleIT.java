package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Lso;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Buckets: create, list, head, props, destroy, errors, names; and the node/cluster info calls. */
class BucketLifecycleIT {

    static NodeProcess node;
    static AisClient ais;

    @BeforeAll
    static void node() {
        node = SharedNode.get();
        ais = SharedNode.client();
    }

    @Test
    void createListHeadDestroy() {
        String b = ItEnv.bucketName("bck");
        ais.createBucket(b).expect(200);

        JsonArray list = JsonUtil.parseArray(ais.listBuckets().expect(200).text());
        JsonObject mine = list.stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> b.equals(o.getString("name", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("bucket " + b + " not in list " + list));
        assertThat(mine.getString("provider")).isEqualTo("ais");
        JsonObject ns = mine.getJsonObject("namespace");
        assertThat(ns).as("namespace of %s", mine).isNotNull();
        assertThat(ns.getString("uuid", null)).isEqualTo("");
        assertThat(ns.getString("name", null)).isEqualTo("");

        Resp head = ais.headBucket(b).expect(200);
        String propsHdr = head.header("Ais-Bucket-Props");
        assertThat(propsHdr).as("Ais-Bucket-Props in %s", head).isNotBlank();
        JsonObject props = JsonUtil.parseObject(propsHdr);
        assertThat(props.keySet())
                .as("bucket props %s", props)
                .contains("checksum", "versioning", "mirror", "ec", "write_policy", "created", "bid", "provider");
        assertThat(props.getJsonObject("checksum").getString("type")).isEqualTo("xxhash2");
        assertThat(props.getJsonObject("versioning").getBoolean("enabled")).isTrue();
        assertThat(JsonUtil.str(props, "provider")).isEqualTo("ais");

        ais.put(b, "some/object", new byte[] {1, 2, 3}).expect(200);

        ais.destroyBucket(b).expect(200);
        Resp gone = ais.headBucket(b);
        assertThat(gone.status()).as("%s", gone).isEqualTo(404);
        assertThat(gone.body()).as("HEAD error has no body").isEmpty();
        assertThat(ais.get(b, "some/object").status()).isEqualTo(404);
        JsonArray after = JsonUtil.parseArray(ais.listBuckets().expect(200).text());
        assertThat(after.stream().map(v -> v.asJsonObject().getString("name", null)))
                .doesNotContain(b);
    }

    @Test
    void duplicateCreateIs409() {
        String b = ItEnv.bucketName("dup");
        try {
            ais.createBucket(b).expect(200);
            Resp again = ais.createBucket(b).expect(409);
            JsonObject err = again.json();
            assertThat(err.getString("message")).contains("ais://" + b).contains("already exists");
            assertThat(JsonUtil.lng(err, "status")).isEqualTo(409L);
        } finally {
            ais.destroyQuietly(b);
        }
    }

    @Test
    void missingBucketIs404Everywhere() {
        String b = ItEnv.bucketName("missing");
        Resp head = ais.headBucket(b);
        assertThat(head.status()).as("%s", head).isEqualTo(404);
        assertThat(head.body()).isEmpty();

        Resp put = ais.put(b, "o", new byte[] {1}).expect(404);
        assertThat(put.json().getString("message")).contains("ais://" + b);

        Resp get = ais.get(b, "o").expect(404);
        assertThat(get.json().getString("message")).contains("ais://" + b);

        Resp destroy = ais.destroyBucket(b).expect(404);
        assertThat(destroy.json().getString("message")).contains("ais://" + b);

        Resp props = ais.setBprops(
                        b,
                        Json.createObjectBuilder()
                                .add("checksum", Json.createObjectBuilder().add("type", "md5"))
                                .build())
                .expect(404);
        assertThat(props.json().getString("message")).contains("ais://" + b);

        Resp list = ais.listObjectsRaw(b, new Lso.Msg(), false).expect(404);
        assertThat(list.json().getString("message")).contains("ais://" + b);
    }

    @Test
    void setAndResetProps() {
        String b = ItEnv.bucketName("props");
        try {
            ais.createBucket(b).expect(200);
            ais.setBprops(
                            b,
                            Json.createObjectBuilder()
                                    .add("checksum", Json.createObjectBuilder().add("type", "md5"))
                                    .build())
                    .expect(200);
            JsonObject p = JsonUtil.parseObject(ais.headBucket(b).expect(200).header("Ais-Bucket-Props"));
            assertThat(p.getJsonObject("checksum").getString("type"))
                    .as("%s", p)
                    .isEqualTo("md5");
            assertThat(p.getJsonObject("versioning").getBoolean("enabled"))
                    .as("untouched props keep their values: %s", p)
                    .isTrue();

            // a new object is checksummed with the bucket's new type
            byte[] data = "hello md5".getBytes();
            Resp put = ais.put(b, "o", data).expect(200);
            assertThat(put.header("Ais-Checksum-Type")).as("%s", put).isEqualTo("md5");
            assertThat(put.header("Ais-Checksum-Value")).isEqualTo(md5Hex(data));

            ais.resetBprops(b).expect(200);
            JsonObject r = JsonUtil.parseObject(ais.headBucket(b).expect(200).header("Ais-Bucket-Props"));
            assertThat(r.getJsonObject("checksum").getString("type"))
                    .as("%s", r)
                    .isEqualTo("xxhash2");
            assertThat(JsonUtil.str(r, "bid"))
                    .as("reset keeps the bucket identity")
                    .isEqualTo(JsonUtil.str(p, "bid"));
            assertThat(ais.get(b, "o").expect(200).body())
                    .as("objects survive reset-bprops")
                    .isEqualTo(data);
        } finally {
            ais.destroyQuietly(b);
        }
    }

    @Test
    void badBucketNamesAre400() {
        String longName = "b".repeat(65);
        List<String> bad = List.of(
                "..",
                ".hidden",
                "a..b",
                longName,
                "has space",
                "star*",
                "semi;colon",
                "ümlaut",
                "quote\"",
                "back\\slash");
        Set<String> created = new HashSet<>();
        for (String name : bad) {
            Resp r = ais.createBucket(name);
            if (r.status() == 200) {
                created.add(name);
            }
            assertThat(r.status()).as("create-bck %s: %s", name, r).isEqualTo(400);
        }
        JsonArray list = JsonUtil.parseArray(ais.listBuckets().expect(200).text());
        assertThat(list.stream().map(v -> v.asJsonObject().getString("name", null)))
                .doesNotContainAnyElementsOf(bad);
        created.forEach(ais::destroyQuietly);
    }

    @Test
    void longestAndOddButValidNamesWork() {
        for (String name : List.of(
                "x".repeat(54) + ItEnv.randomHex(5),
                "A_b-c." + ItEnv.randomHex(4),
                "9" + ItEnv.randomHex(4) + ".d.e")) {
            try {
                ais.createBucket(name).expect(200);
                ais.headBucket(name).expect(200);
            } finally {
                ais.destroyQuietly(name);
            }
        }
    }

    @Test
    void daemonSnode() {
        JsonObject s = ais.daemon("snode").expect(200).json();
        assertSnode(s);
    }

    private void assertSnode(JsonObject s) {
        assertThat(s.getString("daemon_id", "")).as("%s", s).isNotBlank();
        assertThat(s.getString("daemon_type", "")).as("%s", s).isIn("target", "proxy");
        JsonObject pub = s.getJsonObject("public_net");
        assertThat(pub).as("public_net in %s", s).isNotNull();
        assertThat(JsonUtil.str(pub, "node_ip_addr")).isEqualTo("127.0.0.1");
        assertThat(JsonUtil.str(pub, "daemon_port")).isEqualTo(Integer.toString(node.port()));
        assertThat(JsonUtil.str(pub, "direct_url")).isEqualTo(node.baseUrl());
        assertThat(s.containsKey("id_digest")).as("id_digest in %s", s).isTrue();
    }

    @Test
    void smapOfASingleNode() {
        JsonObject snode = ais.daemon("snode").expect(200).json();
        String id = snode.getString("daemon_id");
        for (Resp r :
                List.of(ais.daemon("smap").expect(200), ais.cluster("smap").expect(200))) {
            JsonObject smap = r.json();
            assertThat(smap.getJsonObject("pmap").keySet()).as("pmap of %s", r).contains(id);
            assertThat(smap.getJsonObject("tmap").keySet()).as("tmap of %s", r).contains(id);
            assertThat(smap.getJsonObject("tmap")).hasSize(1);
            assertThat(smap.getJsonObject("proxy_si").getString("daemon_id")).isEqualTo(id);
            assertSnode(smap.getJsonObject("tmap").getJsonObject(id));
            assertThat(JsonUtil.str(smap, "uuid")).isNotBlank();
            assertThat(smap.get("version").getValueType())
                    .as("version is a string: %s", smap)
                    .isEqualTo(JsonValue.ValueType.STRING);
            assertThat(Long.parseLong(smap.getString("version"))).isPositive();
        }
    }

    @Test
    void mountpaths() throws Exception {
        JsonObject mp = ais.daemon("mountpaths").expect(200).json();
        assertThat(mp.containsKey("available")).as("%s", mp).isTrue();
        Set<Path> available = new HashSet<>();
        for (JsonValue v : mp.getJsonArray("available")) {
            available.add(Path.of(((jakarta.json.JsonString) v).getString()).toRealPath());
        }
        Set<Path> expected = new HashSet<>();
        for (Path p : node.mountpaths()) {
            expected.add(p.toRealPath());
        }
        assertThat(available).isEqualTo(expected);
        if (mp.containsKey("disabled") && !mp.isNull("disabled")) {
            assertThat(mp.getJsonArray("disabled")).isEmpty();
        }
    }

    @Test
    void config() {
        Resp r = ais.daemon("config").expect(200);
        JsonObject cfg = r.json();
        assertThat(cfg).as("%s", r).isNotEmpty();
    }

    @Test
    void bmdTracksBuckets() {
        String b = ItEnv.bucketName("bmd");
        JsonObject before = ais.cluster("bmd").expect(200).json();
        long v0 = Long.parseLong(JsonUtil.str(before, "version"));
        assertThat(JsonUtil.str(before, "uuid")).isNotBlank();
        try {
            ais.createBucket(b).expect(200);
            JsonObject with = ais.cluster("bmd").expect(200).json();
            assertThat(Long.parseLong(JsonUtil.str(with, "version"))).isGreaterThan(v0);
            assertThat(with.containsKey("providers")).as("%s", with).isTrue();
            assertThat(JsonUtil.mentions(with.getJsonObject("providers"), b))
                    .as("bucket %s in %s", b, with)
                    .isTrue();
            long v1 = Long.parseLong(JsonUtil.str(with, "version"));
            ais.destroyBucket(b).expect(200);
            JsonObject without = ais.cluster("bmd").expect(200).json();
            assertThat(Long.parseLong(JsonUtil.str(without, "version"))).isGreaterThan(v1);
            assertThat(JsonUtil.mentions(without, b))
                    .as("bucket %s gone from %s", b, without)
                    .isFalse();
        } finally {
            ais.destroyQuietly(b);
        }
    }

    static String md5Hex(byte[] data) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
