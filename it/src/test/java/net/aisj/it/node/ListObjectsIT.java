package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Lso;
import net.aisj.it.support.Msgpack;
import net.aisj.it.support.Names;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import net.aisj.it.support.Xxh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** List objects over 1000 objects: paging (msgpack and JSON), start_after, prefix, flags, concurrent changes. */
class ListObjectsIT {

    record Obj(long size, String xxh) {}

    static final int COUNT = 1000;
    static AisClient ais;
    static String b;
    /** name -> object, sorted the AIS way (UTF-8 bytes). */
    static final TreeMap<String, Obj> objects = new TreeMap<>(Names.UTF8_ORDER);

    static List<String> expected;

    @BeforeAll
    static void setUp() throws Exception {
        ais = SharedNode.client();
        b = ItEnv.bucketName("lso");
        ais.createBucket(b).expect(200);
        Random rnd = new Random(20240611L);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < COUNT) {
            names.add(randomName(rnd, names.size()));
        }
        Map<String, Obj> done = new ConcurrentHashMap<>();
        List<String> all = new ArrayList<>(names);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                final int idx = i;
                fs.add(pool.submit(() -> {
                    String n = all.get(idx);
                    int size = idx % 50 == 0 ? 0 : 1 + (int) (Math.abs(n.hashCode() * 31L) % 3000);
                    byte[] d = PseudoRandomInputStream.bytes(idx + 1, size);
                    ais.put(b, n, d).expect(200);
                    done.put(n, new Obj(size, Xxh.hex(d)));
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        objects.putAll(done);
        expected = List.copyOf(objects.keySet());
        assertThat(expected).hasSize(COUNT);
    }

    static String randomName(Random rnd, int i) {
        String hex = Long.toHexString(rnd.nextLong() & 0xFFFFFFFFFL);
        int d = rnd.nextInt(5);
        int s = rnd.nextInt(3);
        return switch (i % 10) {
            case 0, 1, 2 -> "dir" + d + "/obj-" + hex;
            case 3, 4 -> "dir" + d + "/sub" + s + "/obj-" + hex;
            case 5 -> "dir" + d + "/sub" + s + "/deep/obj-" + hex;
            case 6 -> "flat-" + hex;
            case 7 -> "ü-dir/" + hex + "-ñ";
            case 8 -> "日本/ファイル-" + hex;
            default -> "Mixed_Case." + hex + ".bin";
        };
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    private static void assertEntriesMatch(List<Lso.Entry> entries, boolean withProps) {
        List<String> names = entries.stream().map(Lso.Entry::name).toList();
        assertThat(new HashSet<>(names)).as("no duplicates").hasSize(names.size());
        assertThat(names).containsExactlyElementsOf(expected);
        if (withProps) {
            for (Lso.Entry e : entries) {
                Obj o = objects.get(e.name());
                assertThat(e.sizeOrZero()).as("size of %s", e.name()).isEqualTo(o.size());
                assertThat(e.checksum()).as("checksum of %s", e.name()).isEqualTo(o.xxh());
                assertThat(e.version()).as("version of %s", e.name()).isEqualTo("1");
                assertThat(e.atime()).as("atime of %s", e.name()).isNotBlank();
                assertThat(e.isDir()).as("%s is no dir", e.name()).isFalse();
            }
        }
    }

    @Test
    void msgpackPagesOf100() {
        List<Lso.Page> pages = ais.listAll(b, new Lso.Msg().pageSize(100), true, 50);
        assertThat(pages.size()).as("pages").isGreaterThanOrEqualTo(10);
        List<Lso.Entry> all = new ArrayList<>();
        for (Lso.Page p : pages) {
            assertThat(p.entries().size()).as("page size").isLessThanOrEqualTo(100);
            assertThat(p.resp().header("Content-Type")).as("%s", p.resp()).contains("msgpack");
            all.addAll(p.entries());
        }
        for (int i = 0; i < pages.size() - 1; i++) {
            assertThat(pages.get(i).token()).as("token of page %d", i).isNotEmpty();
            assertThat(pages.get(i).entries())
                    .as("page %d is not the last, so it is not empty", i)
                    .isNotEmpty();
        }
        assertEntriesMatch(all, true);

        // wire types as AIS encodes them (msgp): "s" is an integer, names and checksums are strings
        @SuppressWarnings("unchecked")
        Map<String, Object> raw =
                (Map<String, Object>) Msgpack.decode(pages.get(0).resp().body());
        for (Object o : (List<Object>) raw.get("Entries")) {
            Map<String, Object> e = (Map<String, Object>) o;
            assertThat(e.get("n")).as("msgpack entry name %s", e).isInstanceOf(String.class);
            assertThat(e.get("cs")).as("msgpack entry checksum %s", e).isInstanceOf(String.class);
            if (e.containsKey("s")) {
                assertThat(e.get("s")).as("msgpack entry size %s", e).isInstanceOf(Long.class);
            }
        }
    }

    @Test
    void jsonPagesOf100() {
        List<Lso.Page> pages = ais.listAll(b, new Lso.Msg().pageSize(100), false, 50);
        assertThat(pages.size()).isGreaterThanOrEqualTo(10);
        // AIS's JSON: "size" is a decimal string (Go `json:"size,string"`)
        for (JsonObject e : JsonUtil.objects(pages.get(0).resp().json(), "entries")) {
            if (e.containsKey("size")) {
                assertThat(e.get("size").getValueType()).as("JSON entry %s", e).isEqualTo(JsonValue.ValueType.STRING);
            }
        }
        List<Lso.Entry> all = new ArrayList<>();
        pages.forEach(p -> {
            assertThat(p.entries().size()).isLessThanOrEqualTo(100);
            all.addAll(p.entries());
        });
        assertEntriesMatch(all, true);
    }

    @Test
    void onePageOf10000() {
        Lso.Page p = ais.listPage(b, new Lso.Msg().pageSize(10000), true);
        assertThat(p.token()).as("a single page is the last page").isEmpty();
        assertEntriesMatch(p.entries(), true);
    }

    @Test
    void pageSizeZeroIsTheServerMaximum() {
        assertEntriesMatch(ais.listEntries(b, new Lso.Msg().pageSize(0), true), true);
    }

    @Test
    void oddPageSizeDoesNotLoseEntries() {
        List<Lso.Entry> all = ais.listEntries(b, new Lso.Msg().pageSize(37).props("name,size"), true);
        assertEntriesMatch(all, false);
    }

    @Test
    void startAfter() {
        String after = expected.get(499);
        List<String> names = ais.listEntries(b, new Lso.Msg().pageSize(100).startAfter(after), true).stream()
                .map(Lso.Entry::name)
                .toList();
        assertThat(names).containsExactlyElementsOf(expected.subList(500, COUNT));

        // a start_after that is not itself an object
        String between = expected.get(699) + "-";
        List<String> names2 = ais.listEntries(b, new Lso.Msg().pageSize(1000).startAfter(between), true).stream()
                .map(Lso.Entry::name)
                .toList();
        List<String> tail = expected.stream()
                .filter(n -> Names.UTF8_ORDER.compare(n, between) > 0)
                .toList();
        assertThat(tail).hasSizeLessThan(COUNT - 699);
        assertThat(names2).containsExactlyElementsOf(tail);

        // after the last name: nothing
        Lso.Page last = ais.listPage(b, new Lso.Msg().pageSize(100).startAfter(expected.get(COUNT - 1)), true);
        assertThat(last.entries()).isEmpty();
        assertThat(last.token()).isEmpty();
    }

    @Test
    void prefix() {
        for (String prefix : List.of("dir3/", "dir3/sub1/", "日本/", "ü-dir/", "Mixed_Case.", "dir")) {
            List<String> want =
                    expected.stream().filter(n -> n.startsWith(prefix)).toList();
            assertThat(want).as("test data has names under %s", prefix).isNotEmpty();
            List<String> got = ais.listEntries(b, new Lso.Msg().pageSize(100).prefix(prefix), true).stream()
                    .map(Lso.Entry::name)
                    .toList();
            assertThat(got).as("prefix %s", prefix).containsExactlyElementsOf(want);
        }
        Lso.Page none = ais.listPage(b, new Lso.Msg().prefix("no-such-prefix/"), true);
        assertThat(none.entries()).isEmpty();
        assertThat(none.token()).isEmpty();
    }

    @Test
    void nameOnly() {
        List<Lso.Entry> all = ais.listEntries(b, new Lso.Msg().pageSize(100).flags(Lso.LS_NAME_ONLY), true);
        assertEntriesMatch(all, false);
        assertThat(all).allSatisfy(e -> {
            assertThat(e.checksum()).as("name-only listing of %s", e.name()).isNull();
            assertThat(e.version()).as("name-only listing of %s", e.name()).isNull();
        });
    }

    @Test
    void noRecursion() {
        for (String prefix : List.of("dir1/", "")) {
            Set<String> want = new HashSet<>();
            Set<String> dirs = new HashSet<>();
            for (String n : expected) {
                if (!n.startsWith(prefix)) {
                    continue;
                }
                String rest = n.substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    want.add(n);
                } else {
                    dirs.add(prefix + rest.substring(0, slash + 1));
                }
            }
            assertThat(dirs)
                    .as("test data has sub-directories under '%s'", prefix)
                    .isNotEmpty();
            List<String> sorted = new ArrayList<>(want);
            sorted.addAll(dirs);
            sorted.sort(Names.UTF8_ORDER);

            List<Lso.Entry> got = ais.listEntries(
                    b, new Lso.Msg().pageSize(100).prefix(prefix).flags(Lso.LS_NO_RECURSION), true);
            assertThat(got.stream().map(Lso.Entry::name).toList())
                    .as("non-recursive listing of '%s'", prefix)
                    .containsExactlyElementsOf(sorted);
            for (Lso.Entry e : got) {
                assertThat(e.isDir())
                        .as("IsDir flag of %s (flags %s)", e.name(), e.flags())
                        .isEqualTo(dirs.contains(e.name()));
            }
        }
    }

    @Test
    void continuationWhileObjectsComeAndGo() {
        String m = ItEnv.bucketName("lsomut");
        ais.createBucket(m).expect(200);
        try {
            Set<String> original = new LinkedHashSet<>();
            for (int i = 0; i < 3000; i += 10) {
                String n = String.format("m-%04d", i);
                ais.put(m, n, new byte[] {(byte) i}).expect(200);
                original.add(n);
            }
            Lso.Page first = ais.listPage(m, new Lso.Msg().pageSize(50), true);
            assertThat(first.token()).isNotEmpty();
            List<String> seen = new ArrayList<>(first.names());
            assertThat(seen).isNotEmpty();
            String lastSeen = seen.get(seen.size() - 1);

            List<String> addedAfter = List.of("m-0495", "m-1505", "m-2995", "m-9999").stream()
                    .filter(n -> n.compareTo(lastSeen) > 0)
                    .toList();
            List<String> deletedAfter = List.of("m-1000", "m-2000", "m-2990");
            assertThat(addedAfter).hasSize(4);
            for (String n : addedAfter) {
                ais.put(m, n, new byte[] {1}).expect(200);
            }
            ais.put(m, "m-0005", new byte[] {1}).expect(200); // before the position: already passed
            for (String n : deletedAfter) {
                ais.delete(m, n).expect(200);
            }
            ais.delete(m, "m-0100").expect(200); // already listed

            Lso.Msg next = new Lso.Msg().pageSize(50).token(first.token()).uuid(first.uuid());
            int pages = 1;
            while (true) {
                Lso.Page p = ais.listPage(m, next, true);
                seen.addAll(p.names());
                if (p.last()) {
                    break;
                }
                assertThat(++pages).as("pages").isLessThan(100);
                next = next.copy().token(p.token()).uuid(p.uuid());
            }
            for (int i = 1; i < seen.size(); i++) {
                assertThat(Names.UTF8_ORDER.compare(seen.get(i - 1), seen.get(i)))
                        .as("strictly ascending at %d: %s then %s", i, seen.get(i - 1), seen.get(i))
                        .isNegative();
            }
            Set<String> throughout = new LinkedHashSet<>(original);
            deletedAfter.forEach(throughout::remove);
            throughout.remove("m-0100");
            for (String n : throughout) {
                if (n.compareTo(lastSeen) > 0) {
                    assertThat(seen)
                            .as("existed throughout, after the position: %s", n)
                            .contains(n);
                }
            }
            assertThat(seen).as("added after the position").containsAll(addedAfter);
            assertThat(seen).as("deleted after the position").doesNotContainAnyElementsOf(deletedAfter);
            assertThat(seen).as("added before the position").doesNotContain("m-0005");
        } finally {
            ais.destroyQuietly(m);
        }
    }

    @Test
    void listingAnEmptyBucket() {
        String e = ItEnv.bucketName("lsoempty");
        ais.createBucket(e).expect(200);
        try {
            for (boolean msgpack : new boolean[] {true, false}) {
                Resp r = ais.listObjectsRaw(e, new Lso.Msg(), msgpack).expect(200);
                Lso.Page p = ais.listPage(e, new Lso.Msg(), msgpack);
                assertThat(p.entries()).as("%s", r).isEmpty();
                assertThat(p.token()).isEmpty();
            }
        } finally {
            ais.destroyQuietly(e);
        }
    }
}
