package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plain object calls are served by the node's direct data path, in front of JAX-RS; the same call with an
 * {@code Origin} header (from an origin the node does not allow, so no CORS header is added) is served by JAX-RS.
 * Both must answer alike: status, headers (but the access time, which every read moves) and body.
 */
class DirectPathIT {

    static final Map<String, String> VIA_JAXRS = Map.of("Origin", "http://not-a-console.example:1");
    static AisClient ais;
    static String b;
    static byte[] data;

    @BeforeAll
    static void setUp() {
        ais = SharedNode.client();
        b = ItEnv.bucketName("direct");
        ais.createBucket(b).expect(200);
        data = PseudoRandomInputStream.bytes(7, 300_000);
        ais.put(b, "d/obj.bin", data, Map.of("Ais-Checksum-Type", "md5", "Ais-Checksum-Value", md5(data)))
                .expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    @Test
    void getWholeRangeAndUnsatisfiableAnswerAlike() {
        for (Map<String, String> h : List.of(
                Map.<String, String>of(),
                Map.of("Range", "bytes=1000-1999"),
                Map.of("Range", "bytes=-10"),
                Map.of("Range", "bytes=400000-"),
                Map.of("Range", "bytes=zz"))) {
            Resp direct = ais.get(b, "d/obj.bin", h);
            Map<String, String> both = new HashMap<>(h);
            both.putAll(VIA_JAXRS);
            Resp jaxrs = ais.get(b, "d/obj.bin", both);
            assertAlike(direct, jaxrs);
        }
        assertThat(ais.get(b, "d/obj.bin").body()).isEqualTo(data);
    }

    @Test
    void headAndMissingAnswerAlike() {
        assertAlike(ais.head(b, "d/obj.bin").expect(200), head("d/obj.bin", VIA_JAXRS));
        assertAlike(ais.get(b, "d/missing").expect(404), ais.get(b, "d/missing", VIA_JAXRS));
        assertAlike(ais.head(b, "d/missing").expect(404), head("d/missing", VIA_JAXRS));
        String nob = AisClient.objPath(ItEnv.bucketName("nosuch"), "x");
        assertAlike(ais.send("GET", nob).expect(404), ais.send("GET", nob, VIA_JAXRS, null, AisClient.DEFAULT_TIMEOUT));
    }

    @Test
    void putAnswersAlikeAndBadInputGetsTheSameErrors() {
        byte[] small = PseudoRandomInputStream.bytes(11, 5000);
        Resp direct = ais.put(b, "d/p1", small).expect(200);
        Resp jaxrs = ais.put(b, "d/p2", small, VIA_JAXRS).expect(200);
        assertThat(direct.header("Ais-Checksum-Value"))
                .isEqualTo(jaxrs.header("Ais-Checksum-Value"))
                .isNotEmpty();
        assertThat(ais.get(b, "d/p1").body()).isEqualTo(small);
        // a wrong client checksum: 400 and nothing stored, on both paths
        Map<String, String> wrong = Map.of("Ais-Checksum-Type", "md5", "Ais-Checksum-Value", md5(data));
        Resp d = ais.put(b, "d/bad1", small, wrong).expect(400);
        Map<String, String> wrongViaJaxrs = new HashMap<>(wrong);
        wrongViaJaxrs.putAll(VIA_JAXRS);
        Resp j = ais.put(b, "d/bad2", small, wrongViaJaxrs).expect(400);
        assertThat(d.json().getString("message").replace("bad1", "bad2"))
                .isEqualTo(j.json().getString("message"));
        ais.head(b, "d/bad1").expect(404);
        ais.head(b, "d/bad2").expect(404);
        // path tricks in the name
        String trick = AisClient.bckPath(b).replace("/buckets/", "/objects/") + "/x%2F..%2F..%2Fetc";
        Resp td = ais.send("PUT", trick, Map.of(), BodyPublishers.ofByteArray(small), AisClient.DEFAULT_TIMEOUT);
        Resp tj = ais.send("PUT", trick, VIA_JAXRS, BodyPublishers.ofByteArray(small), AisClient.DEFAULT_TIMEOUT);
        assertThat(td.status()).isEqualTo(400);
        assertAlike(td, tj);
    }

    private static Resp head(String o, Map<String, String> h) {
        return ais.send("HEAD", AisClient.objPath(b, o), h, null, AisClient.DEFAULT_TIMEOUT);
    }

    private static void assertAlike(Resp direct, Resp jaxrs) {
        assertThat(direct.status()).as("status: %s vs %s", direct, jaxrs).isEqualTo(jaxrs.status());
        assertThat(comparable(direct)).as("headers: %s vs %s", direct, jaxrs).isEqualTo(comparable(jaxrs));
        assertThat(direct.body()).as("body: %s vs %s", direct, jaxrs).isEqualTo(jaxrs.body());
    }

    private static Map<String, List<String>> comparable(Resp r) {
        Map<String, List<String>> m = new TreeMap<>();
        r.allHeaders().forEach((k, v) -> {
            String n = k == null ? "" : k.toLowerCase(Locale.ROOT);
            if (!n.equals("ais-atime") && !n.equals("connection") && !n.equals(":status")) {
                m.put(n, v);
            }
        });
        return m;
    }

    private static String md5(byte[] b) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
