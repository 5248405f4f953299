package net.aisj.connector.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectNames;
import net.aisj.connector.api.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameCodecTest {

    @TempDir
    Path mp;

    static final String LONG = "x".repeat(300);

    static final List<String> HOSTILE = List.of(
            "../x",
            "a/../../b",
            "/abs",
            "..",
            "a/..",
            "../",
            "x/../../../etc",
            "%",
            "%25",
            "%2E",
            "%00",
            ".",
            "./x",
            "x/.",
            "a/./b",
            "...",
            "a/.../b",
            "a//b",
            "a/",
            "a/b/",
            "%d",
            "x%d",
            "%m",
            "x%m",
            "%h0123456789abcdef",
            "x%h0123456789abcdef%d",
            LONG,
            LONG + "/" + LONG + "/y",
            "ü/日本/😀",
            "\uE000/\uD83D\uDE00",
            "a\\b",
            "a\\..\\..\\b",
            " ",
            "~",
            "$HOME");

    @Test
    void hostileNamesNeverEscapeTheBucket() throws StorageException {
        Path ob = Fqn.objectsDir(mp, BucketId.ais("b"));
        for (String name : HOSTILE) {
            ObjectId id = new ObjectId(BucketId.ais("b"), name);
            if (ObjectNames.problem(name) != null) {
                assertThatThrownBy(() -> Fqn.checkedObjectPath(mp, id))
                        .isInstanceOf(StorageException.class)
                        .satisfies(e -> assertThat(((StorageException) e).reason())
                                .isEqualTo(StorageException.Reason.INVALID_NAME));
                continue;
            }
            Path p = Fqn.checkedObjectPath(mp, id);
            assertThat(p.normalize()).as(name).isEqualTo(p);
            assertThat(p.startsWith(ob)).as(name).isTrue();
            assertThat(p).as(name).isNotEqualTo(ob);
            for (Path c : ob.relativize(p)) {
                String s = c.toString();
                assertThat(s).as(name).isNotIn(".", "..", "");
                assertThat(s.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(240);
            }
        }
    }

    @Test
    void rejectedNamesAreTheTraversalOnes() {
        assertThat(ObjectNames.problem("../x")).isNotNull();
        assertThat(ObjectNames.problem("a/../../b")).isNotNull();
        assertThat(ObjectNames.problem("/abs")).isNotNull();
        assertThat(ObjectNames.problem("...")).isNull();
    }

    @Test
    void fileAndDirectoryOfOneNameCoexist() {
        assertThat(NameCodec.components("a/b")).containsExactly("a%d", "b");
        assertThat(NameCodec.components("a/b/")).containsExactly("a%d", "b%d", "%00");
        assertThat(NameCodec.components("a/b/c")).containsExactly("a%d", "b%d", "c");
        assertThat(NameCodec.components("a//b")).containsExactly("a%d", "%00%d", "b");
        assertThat(NameCodec.components("x%d")).containsExactly("x%25d");
        assertThat(NameCodec.components("x%m")).containsExactly("x%25m");
        assertThat(NameCodec.components("./.")).containsExactly("%2E%d", "%2E");
    }

    @Test
    void markersAreUnambiguous() {
        for (String seg : List.of("x%d", "%d", "x%m", "%m", "a%h00", "%", "%2E", "%00", "d", "m")) {
            String f = NameCodec.fileComponent(seg);
            assertThat(NameCodec.isDirComponent(f)).as(seg).isFalse();
            assertThat(NameCodec.isSideComponent(f)).as(seg).isFalse();
            assertThat(NameCodec.isHashed(f)).as(seg).isFalse();
            assertThat(NameCodec.isDirComponent(NameCodec.dirComponent(seg))).isTrue();
        }
    }

    @Test
    void segmentsRoundTrip() {
        Random r = new Random(7);
        String alphabet = "ab.%/0é日😀\uE000 d m h";
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(8);
            for (int j = 0; j < n; j++) {
                int k = r.nextInt(alphabet.length());
                if (Character.isSurrogate(alphabet.charAt(k))) {
                    k = alphabet.indexOf('😀');
                    sb.append(alphabet, k, k + 2);
                } else {
                    sb.append(alphabet.charAt(k));
                }
            }
            String seg = sb.toString().replace("/", "");
            assertThat(NameCodec.decode(NameCodec.fileComponent(seg))).isEqualTo(seg);
            assertThat(NameCodec.decode(NameCodec.dirComponent(seg))).isEqualTo(seg);
        }
    }

    @Test
    void longSegmentsAreHashedAndStayShort() {
        for (String seg : List.of(
                "x".repeat(241),
                "%".repeat(100),
                "é".repeat(200),
                "😀".repeat(100),
                "a" + "%".repeat(300),
                "ab" + "😀".repeat(100))) {
            String f = NameCodec.fileComponent(seg);
            String d = NameCodec.dirComponent(seg);
            assertThat(NameCodec.isHashed(f)).as(seg).isTrue();
            assertThat(NameCodec.decode(f)).isNull();
            assertThat(NameCodec.utf8Length(f)).isLessThanOrEqualTo(NameCodec.MAX_COMPONENT);
            assertThat(NameCodec.utf8Length(d)).isLessThanOrEqualTo(NameCodec.MAX_COMPONENT);
            String prefix = f.substring(0, f.indexOf(NameCodec.HASH_MARK));
            // cut neither inside a %XX escape nor inside a surrogate pair
            assertThat(NameCodec.escape(seg)).startsWith(prefix);
            assertThat(prefix.isEmpty() || !Character.isHighSurrogate(prefix.charAt(prefix.length() - 1)))
                    .isTrue();
            int lastPct = prefix.lastIndexOf('%');
            assertThat(lastPct < 0 || lastPct <= prefix.length() - 3).as(prefix).isTrue();
            assertThat(new String(prefix.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .isEqualTo(prefix);
        }
        // distinct long segments with one prefix map to distinct components
        assertThat(NameCodec.fileComponent("x".repeat(300) + "a"))
                .isNotEqualTo(NameCodec.fileComponent("x".repeat(300) + "b"));
        // just below the limit: not hashed
        assertThat(NameCodec.fileComponent("y".repeat(240))).isEqualTo("y".repeat(240));
        assertThat(NameCodec.isHashed(NameCodec.dirComponent("y".repeat(239)))).isTrue();
    }

    @Test
    void maximumLengthNamesMap() throws StorageException {
        String name = "a/" + "b".repeat(1000) + "/c";
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        Path p = Fqn.checkedObjectPath(mp, new ObjectId(BucketId.ais("b"), name));
        assertThat(p.getFileName().toString()).isEqualTo("c");
    }

    @Test
    void pathologicalNamesThatWouldExceedPathMaxAreRefused() {
        String name = "a" + "/".repeat(1000) + "b";
        assertThatThrownBy(() -> Fqn.checkedObjectPath(mp, new ObjectId(BucketId.ais("b"), name)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void bucketsAndNamespacesAreValidated() throws StorageException {
        assertThatThrownBy(() -> Fqn.checkBucket(new BucketId("ais", "", "%ob")))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> Fqn.checkBucket(new BucketId("a/b", "", "x"))).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> Fqn.checkBucket(new BucketId("ais", "../x", "x")))
                .isInstanceOf(StorageException.class);
        Fqn.checkBucket(new BucketId("ais", "@uuid#prod", "b"));
        assertThat(Fqn.bucketDir(mp, new BucketId("ais", "@uuid#prod", "b")))
                .isEqualTo(mp.resolve("@ais").resolve("@uuid#prod").resolve("b"));
        assertThat(Fqn.bucketDir(mp, BucketId.ais("b")))
                .isEqualTo(mp.resolve("@ais").resolve("b"));
    }

    @Test
    void utf8OrderIsByteOrder() {
        Random r = new Random(3);
        String alphabet = "a/\u00e9\uE000\uFFFF";
        for (int i = 0; i < 20000; i++) {
            String a = randomString(r, alphabet);
            String b = randomString(r, alphabet);
            int expected = Integer.signum(java.util.Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(Utf8Order.cmp(a, b))).as(a + " vs " + b).isEqualTo(expected);
        }
    }

    private static String randomString(Random r, String alphabet) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(5);
        for (int j = 0; j < n; j++) {
            if (r.nextInt(6) == 0) {
                sb.append("\uD83D\uDE00");
            } else {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }
}
