package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Mountpaths;
import net.aisj.it.support.Names;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import net.aisj.it.support.Xxh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Objects: PUT/GET/HEAD/DELETE, versions, checksums, rename, copy, append, custom metadata, names, errors. */
class ObjectLifecycleIT {

    static final Pattern LOCATION = Pattern.compile("t\\[([^\\]]+)\\]:(.+)");

    static NodeProcess node;
    static AisClient ais;
    static String b;
    static String b2;
    static long seed = System.nanoTime();

    @BeforeAll
    static void setUp() {
        node = SharedNode.get();
        ais = SharedNode.client();
        b = ItEnv.bucketName("obj");
        b2 = ItEnv.bucketName("obj2");
        ais.createBucket(b).expect(200);
        ais.createBucket(b2).expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
            ais.destroyQuietly(b2);
        }
    }

    static byte[] data(int n) {
        return PseudoRandomInputStream.bytes(++seed, n);
    }

    static long nowNs() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    @Test
    void putGetHeadDelete() throws Exception {
        String o = "plain/" + ItEnv.randomHex(4) + ".bin";
        byte[] data = data(100_000);
        String xx = Xxh.hex(data);
        long before = nowNs() - 600_000_000_000L;

        Resp put = ais.put(b, o, data).expect(200);
        assertThat(put.header("Ais-Checksum-Type")).as("%s", put).isEqualTo("xxhash2");
        assertThat(put.header("Ais-Checksum-Value")).as("%s", put).isEqualTo(xx);
        assertThat(put.header("Ais-Version")).as("%s", put).isEqualTo("1");

        Resp get = ais.get(b, o).expect(200);
        assertThat(get.body()).isEqualTo(data);
        assertThat(get.header("Content-Length")).as("%s", get).isEqualTo("100000");
        assertThat(get.header("Ais-Checksum-Type")).as("%s", get).isEqualTo("xxhash2");
        assertThat(get.header("Ais-Checksum-Value")).as("%s", get).isEqualTo(xx);
        assertThat(get.header("Ais-Version")).as("%s", get).isEqualTo("1");
        assertThat(get.header("Accept-Ranges")).as("%s", get).isEqualTo("bytes");
        assertAtime(get, before);

        Resp head = ais.head(b, o).expect(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).as("%s", head).isEqualTo("100000");
        assertThat(head.header("Ais-Checksum-Type")).as("%s", head).isEqualTo("xxhash2");
        assertThat(head.header("Ais-Checksum-Value")).as("%s", head).isEqualTo(xx);
        assertThat(head.header("Ais-Version")).as("%s", head).isEqualTo("1");
        assertAtime(head, before);
        assertThat(head.header("Ais-Name")).as("%s", head).isEqualTo(o);
        assertThat(head.header("Ais-Bucket-Name")).as("%s", head).isEqualTo(b);
        assertThat(head.header("Ais-Bucket-Provider")).as("%s", head).isEqualTo("ais");
        assertThat(head.header("Ais-Present")).as("%s", head).isEqualTo("true");
        String loc = head.header("Ais-Location");
        assertThat(loc).as("%s", head).isNotNull();
        Matcher m = LOCATION.matcher(loc);
        assertThat(m.matches())
                .as("Ais-Location %s has the form t[ID]:mountpath", loc)
                .isTrue();
        assertThat(m.group(1)).isEqualTo(ais.daemonId());
        Path mp = Path.of(m.group(2)).toRealPath();
        assertThat(node.mountpaths().stream().map(p -> real(p)).toList())
                .as("mountpaths")
                .contains(mp);

        Resp v2 = ais.head(b, o, "props=size,checksum,version").expect(200);
        assertThat(v2.header("Content-Length")).as("%s", v2).isEqualTo("100000");
        assertThat(v2.header("Ais-Checksum-Type")).as("%s", v2).isEqualTo("xxhash2");
        assertThat(v2.header("Ais-Checksum-Value")).as("%s", v2).isEqualTo(xx);
        assertThat(v2.header("Ais-Version")).as("%s", v2).isEqualTo("1");
        for (String absent : List.of("Ais-Location", "Ais-Atime", "Ais-Custom-Md", "Ais-Mirror-Copies")) {
            assertThat(v2.header(absent))
                    .as("v2 HEAD did not ask for %s: %s", absent, v2)
                    .isNull();
        }

        ais.delete(b, o).expect(200);
        Resp gone = ais.get(b, o);
        assertThat(gone.status()).as("%s", gone).isEqualTo(404);
        Resp headGone = ais.head(b, o);
        assertThat(headGone.status()).as("%s", headGone).isEqualTo(404);
        assertThat(headGone.body()).as("HEAD errors have no body").isEmpty();
        Resp again = ais.delete(b, o);
        assertThat(again.status()).as("%s", again).isEqualTo(404);
        assertThat(again.json().getString("message")).contains("ais://" + b + "/" + o);
    }

    private static void assertAtime(Resp r, long notBeforeNs) {
        String atime = r.header("Ais-Atime");
        assertThat(atime).as("Ais-Atime in %s", r).isNotNull().matches("[0-9]+");
        assertThat(Long.parseLong(atime))
                .as("Ais-Atime is unix nanoseconds")
                .isBetween(notBeforeNs, nowNs() + 600_000_000_000L);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void overwriteBumpsVersion() {
        String o = "versions/" + ItEnv.randomHex(4);
        byte[] v1 = data(1000);
        byte[] v2 = data(2000);
        assertThat(ais.put(b, o, v1).expect(200).header("Ais-Version")).isEqualTo("1");
        Resp p2 = ais.put(b, o, v2).expect(200);
        assertThat(p2.header("Ais-Version")).as("%s", p2).isEqualTo("2");
        assertThat(p2.header("Ais-Checksum-Value")).isEqualTo(Xxh.hex(v2));
        Resp get = ais.get(b, o).expect(200);
        assertThat(get.body()).isEqualTo(v2);
        assertThat(get.header("Ais-Version")).isEqualTo("2");
        assertThat(get.header("Ais-Checksum-Value")).isEqualTo(Xxh.hex(v2));
        assertThat(ais.head(b, o).expect(200).header("Content-Length")).isEqualTo("2000");
    }

    @Test
    void clientChecksumIsVerified() {
        byte[] data = data(5000);
        String wrong = Xxh.hex(data(5000));

        // a new object with a wrong checksum is refused and never appears
        String o = "cksum/new-" + ItEnv.randomHex(4);
        Resp bad = ais.put(b, o, data, Map.of("Ais-Checksum-Type", "xxhash2", "Ais-Checksum-Value", wrong));
        assertThat(bad.status()).as("%s", bad).isEqualTo(400);
        assertThat(ais.get(b, o).status()).isEqualTo(404);
        assertThat(ais.listNames(b, "cksum/")).doesNotContain(o);

        // an existing object keeps its content and version
        String e = "cksum/existing-" + ItEnv.randomHex(4);
        byte[] old = data(3000);
        ais.put(b, e, old).expect(200);
        Resp bad2 = ais.put(b, e, data, Map.of("Ais-Checksum-Type", "xxhash2", "Ais-Checksum-Value", wrong));
        assertThat(bad2.status()).as("%s", bad2).isEqualTo(400);
        Resp get = ais.get(b, e).expect(200);
        assertThat(get.body()).isEqualTo(old);
        assertThat(get.header("Ais-Version")).isEqualTo("1");
        assertThat(get.header("Ais-Checksum-Value")).isEqualTo(Xxh.hex(old));

        // the right checksum is accepted
        Resp good = ais.put(b, o, data, Map.of("Ais-Checksum-Type", "xxhash2", "Ais-Checksum-Value", Xxh.hex(data)));
        good.expect(200);
        assertThat(ais.get(b, o).expect(200).body()).isEqualTo(data);
    }

    @Test
    void rename() {
        String o = "rename/src-" + ItEnv.randomHex(4);
        String n = "rename/new/name-" + ItEnv.randomHex(4);
        byte[] data = data(7777);
        ais.put(b, o, data).expect(200);
        ais.rename(b, o, n).expect(200);
        Resp old = ais.get(b, o);
        assertThat(old.status()).as("old name after rename: %s", old).isEqualTo(404);
        Resp now = ais.get(b, n).expect(200);
        assertThat(now.body()).isEqualTo(data);
        assertThat(now.header("Ais-Checksum-Value")).isEqualTo(Xxh.hex(data));
        assertThat(ais.listNames(b, "rename/")).containsExactly(n);
    }

    @Test
    void copyToAnotherBucket() {
        String o = "copy/src-" + ItEnv.randomHex(4);
        String dst = "copied/dst-" + ItEnv.randomHex(4);
        byte[] data = data(12345);
        ais.put(b, o, data).expect(200);
        ais.copy(b, o, b2, dst).expect(200);
        Resp copy = ais.get(b2, dst).expect(200);
        assertThat(copy.body()).isEqualTo(data);
        assertThat(copy.header("Ais-Checksum-Value")).isEqualTo(Xxh.hex(data));
        assertThat(ais.get(b, o).expect(200).body()).as("the source stays").isEqualTo(data);
        assertThat(ais.listNames(b2, "copied/")).contains(dst);
    }

    @Test
    void appendThreeTimesThenFlush() {
        String o = "append/" + ItEnv.randomHex(4);
        byte[] c1 = data(1000);
        byte[] c2 = data(70_000);
        byte[] c3 = data(3);
        Resp a1 = ais.append(b, o, null, c1).expect(200);
        String h1 = a1.header("Ais-Append-Handle");
        assertThat(h1).as("%s", a1).isNotBlank();
        Resp early = ais.get(b, o);
        assertThat(early.status()).as("GET before flush: %s", early).isEqualTo(404);
        Resp a2 = ais.append(b, o, h1, c2).expect(200);
        String h2 = a2.header("Ais-Append-Handle");
        assertThat(h2).as("%s", a2).isNotBlank();
        Resp a3 = ais.append(b, o, h2, c3).expect(200);
        String h3 = a3.header("Ais-Append-Handle");
        assertThat(h3).as("%s", a3).isNotBlank();
        assertThat(ais.get(b, o).status()).as("GET before flush").isEqualTo(404);
        ais.flush(b, o, h3).expect(200);

        byte[] all = new byte[c1.length + c2.length + c3.length];
        System.arraycopy(c1, 0, all, 0, c1.length);
        System.arraycopy(c2, 0, all, c1.length, c2.length);
        System.arraycopy(c3, 0, all, c1.length + c2.length, c3.length);
        Resp get = ais.get(b, o).expect(200);
        assertThat(get.body()).isEqualTo(all);
        assertThat(get.header("Ais-Checksum-Value")).as("%s", get).isEqualTo(Xxh.hex(all));
        assertThat(get.header("Content-Length")).isEqualTo(Integer.toString(all.length));
    }

    @Test
    void customMetadata() {
        String o = "custom/" + ItEnv.randomHex(4);
        byte[] data = data(100);
        ais.put(b, o, data).expect(200);
        ais.setCustom(b, o, Map.of("k1", "v1", "k2", "v2"), false).expect(200);
        assertThat(custom(ais.head(b, o).expect(200))).containsEntry("k1", "v1").containsEntry("k2", "v2");

        ais.setCustom(b, o, Map.of("k3", "v3", "k1", "v1b"), false).expect(200);
        assertThat(custom(ais.head(b, o).expect(200)))
                .containsEntry("k1", "v1b")
                .containsEntry("k2", "v2")
                .containsEntry("k3", "v3");

        ais.setCustom(b, o, Map.of("k4", "v4"), true).expect(200);
        Map<String, String> replaced = custom(ais.head(b, o).expect(200));
        assertThat(replaced).containsEntry("k4", "v4").doesNotContainKeys("k1", "k2", "k3");

        Resp get = ais.get(b, o).expect(200);
        assertThat(get.body()).as("custom metadata does not touch the content").isEqualTo(data);
        assertThat(custom(get)).containsEntry("k4", "v4");
    }

    /** Ais-Custom-Md: one value per k=v pair, possibly comma-joined (the SDK splits on ',' and '='). */
    static Map<String, String> custom(Resp r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : r.headers("Ais-Custom-Md")) {
            for (String kv : v.split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
        }
        return out;
    }

    @Test
    void fileAndDirectoryLikeNamesCoexist() {
        String p = "coexist-" + ItEnv.randomHex(4) + "/";
        Map<String, byte[]> objs = new LinkedHashMap<>();
        objs.put(p + "a/b", data(10));
        objs.put(p + "a/b/", data(11));
        objs.put(p + "a/b/c", data(12));
        objs.forEach((o, d) -> ais.put(b, o, d).expect(200));
        objs.forEach((o, d) ->
                assertThat(ais.get(b, o).expect(200).body()).as("GET %s", o).isEqualTo(d));
        objs.forEach((o, d) -> assertThat(ais.head(b, o).expect(200).header("Content-Length"))
                .as("HEAD %s", o)
                .isEqualTo(Integer.toString(d.length)));
        assertThat(ais.listNames(b, p)).containsExactly(p + "a/b", p + "a/b/", p + "a/b/c");

        ais.delete(b, p + "a/b").expect(200);
        assertThat(ais.get(b, p + "a/b/").expect(200).body()).isEqualTo(objs.get(p + "a/b/"));
        assertThat(ais.get(b, p + "a/b/c").expect(200).body()).isEqualTo(objs.get(p + "a/b/c"));
        assertThat(ais.listNames(b, p)).containsExactly(p + "a/b/", p + "a/b/c");
    }

    @Test
    void longNames() {
        String prefix = "long-" + ItEnv.randomHex(4) + "/";
        String name1000 = prefix + "s".repeat(300) + "/" + "n".repeat(1000 - prefix.length() - 301);
        assertThat(Names.utf8Length(name1000)).isEqualTo(1000);
        String name1024 = prefix + "u".repeat(1024 - prefix.length());
        byte[] d1 = data(1000);
        byte[] d2 = data(1024);
        ais.put(b, name1000, d1).expect(200);
        ais.put(b, name1024, d2).expect(200);
        assertThat(ais.get(b, name1000).expect(200).body()).isEqualTo(d1);
        assertThat(ais.get(b, name1024).expect(200).body()).isEqualTo(d2);
        assertThat(ais.head(b, name1000).expect(200).header("Ais-Name")).isEqualTo(name1000);
        assertThat(ais.listNames(b, prefix)).containsExactly(name1000, name1024);
    }

    @Test
    void unicodeAndPunctuationNamesRoundTrip() {
        String p = "uni-" + ItEnv.randomHex(4) + "/";
        List<String> names = List.of(
                p + "ünïcødé/файл.bin",
                p + "日本語/テスト 1.txt",
                p + "emoji/\uD83C\uDF89.dat",
                p + "punct/sp ace+plus&amp=eq?q#h%25;semi,comma'quote\"",
                p + "~tilde/(paren)[sq]{br}");
        Map<String, byte[]> objs = new LinkedHashMap<>();
        for (String n : names) {
            objs.put(n, data(50 + objs.size()));
        }
        objs.forEach((o, d) -> ais.put(b, o, d).expect(200));
        objs.forEach((o, d) ->
                assertThat(ais.get(b, o).expect(200).body()).as("GET %s", o).isEqualTo(d));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Names.UTF8_ORDER);
        assertThat(ais.listNames(b, p)).containsExactlyElementsOf(sorted);
    }

    @Test
    void hostileNamesAreRefused() throws Exception {
        String marker = "hostile-" + ItEnv.randomHex(6);
        String bp = "/v1/objects/" + b + "/";
        List<String> paths = List.of(
                bp + "a/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/" + marker,
                bp + "a/%2E%2E/%2E%2E/etc/passwd",
                bp + "%2E%2E/" + marker,
                bp + "%2E%2E/%2E%2E/" + marker,
                bp + "inside/%2E%2E/" + marker,
                bp + marker + "/%2E%2E",
                bp + marker + "%00x",
                bp + "a%00/" + marker,
                bp + marker + "-" + "x".repeat(1025 - marker.length() - 1));
        for (String path : paths) {
            Resp put = ais.send(
                    "PUT",
                    path,
                    Map.of("Content-Type", "application/octet-stream"),
                    java.net.http.HttpRequest.BodyPublishers.ofString("pwned " + marker),
                    AisClient.DEFAULT_TIMEOUT);
            assertThat(put.status()).as("PUT %s: %s", path, put).isEqualTo(400);
            Resp get = ais.send("GET", path);
            assertThat(get.status()).as("GET %s: %s", path, get).isIn(400, 404);
        }
        // nothing anywhere under the test work dir (mountpaths included) carries the marker
        List<Path> leaked = Mountpaths.files(ItEnv.workDir()).stream()
                .filter(p -> p.toString().contains(marker)
                        || p.getFileName().toString().equals("passwd"))
                .toList();
        assertThat(leaked).as("files created by hostile names").isEmpty();
        for (Path mp : node.mountpaths()) {
            for (Path up = mp; up != null; up = up.getParent()) {
                assertThat(Files.exists(up.resolve(marker)))
                        .as("%s", up.resolve(marker))
                        .isFalse();
                assertThat(Files.exists(up.resolve("etc").resolve(marker))).isFalse();
            }
        }
        assertThat(ais.listNames(b, "")).noneMatch(n -> n.contains(marker));
        String passwd = Files.exists(Path.of("/etc/passwd")) ? Files.readString(Path.of("/etc/passwd")) : "";
        assertThat(passwd).doesNotContain(marker);
    }

    @Test
    void errorsUseTheAisJsonFormat() {
        String o = "nope/" + ItEnv.randomHex(4);
        Resp r = ais.get(b, o).expect(404);
        JsonObject err = r.json();
        assertThat(err.getString("message", "")).as("%s", r).contains("ais://" + b + "/" + o);
        assertThat(JsonUtil.lng(err, "status")).as("%s", r).isEqualTo(404L);
        assertThat(err.getString("method", "")).isEqualTo("GET");
        assertThat(err.getString("url_path", "")).contains("/v1/objects/" + b + "/" + o);
        assertThat(err.getString("remote_addr", "")).contains("127.0.0.1");
        assertThat(err.getString("node", "")).isNotBlank();

        Resp h = ais.head(b, o);
        assertThat(h.status()).isEqualTo(404);
        assertThat(h.body()).isEmpty();

        Resp missingBucket = ais.get(b + "-nx", o).expect(404);
        String msg = missingBucket.json().getString("message", "");
        assertThat(msg).as("%s", missingBucket).contains("ais://" + b + "-nx");
        assertThat(msg)
                .as("a missing bucket is not reported as a missing object (the SDK maps by regex)")
                .doesNotContain("ais://" + b + "-nx/");
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
