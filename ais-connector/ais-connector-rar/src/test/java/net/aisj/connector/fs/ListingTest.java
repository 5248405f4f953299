package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.BCK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectNames;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingTest {

    /** Independent of Utf8Order: compares the UTF-8 bytes. */
    static final Comparator<String> BYTES =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    EngineFixture fx;

    @BeforeEach
    void open() throws StorageException {
        fx = EngineFixture.open(dir.resolve("mp1"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    List<String> names(ObjectPage p) {
        return p.entries().stream().map(ListEntry::name).toList();
    }

    /** All names, page by page. */
    List<String> listAll(String prefix, int pageSize, boolean noRecursion) throws StorageException {
        List<String> out = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ObjectPage p = fx.engine.list(BCK, new ListRequest(prefix, token, pageSize, noRecursion, true));
            assertThat(p.entries().size()).isLessThanOrEqualTo(pageSize);
            out.addAll(names(p));
            token = p.nextToken();
            assertThat(++pages).isLessThan(100_000);
        } while (!token.isEmpty());
        return out;
    }

    @Test
    void thousandNamesInPagesOfHundred() throws StorageException {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String n = i % 3 == 0 ? String.format("d%02d/x%04d", i % 17, i) : String.format("obj-%04d", i);
            all.add(n);
            fx.put(n, "c" + i);
        }
        all.sort(BYTES);
        List<String> got = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ObjectPage p = fx.engine.list(BCK, new ListRequest("", token, 100, false, false));
            pages++;
            got.addAll(names(p));
            for (ListEntry e : p.entries()) {
                assertThat(e.dir()).isFalse();
                assertThat(e.stat().name()).isEqualTo(e.name());
                assertThat(e.stat().version()).isEqualTo("1");
            }
            token = p.nextToken();
        } while (!token.isEmpty());
        assertThat(got).containsExactlyElementsOf(all);
        assertThat(pages).isBetween(10, 11);
    }

    @Test
    void randomNamesListInUtf8ByteOrder() throws StorageException {
        Random r = new Random(11);
        String[] pieces = {"a", "b", "/", ".", "%", "0", "é", "\uD83D\uDE00", "\uE000", "-", "b0", "%d", "%m"};
        Set<String> names = new LinkedHashSet<>(List.of(
                "a/b",
                "a/b/",
                "a/b/c",
                "a/b0",
                "a/b.c",
                "a",
                "a/",
                "a%",
                "%",
                "%/x",
                "ü",
                "\uE000",
                "\uD83D\uDE00",
                "a/" + "L".repeat(300),
                "a/" + "L".repeat(300) + "/z",
                "a/" + "L".repeat(299) + "M/y",
                "a//b",
                "a/.",
                "a/./x"));
        while (names.size() < 400) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            String s = sb.toString();
            if (ObjectNames.problem(s) == null) {
                names.add(s);
            }
        }
        for (String n : names) {
            fx.put(n, n);
        }
        List<String> expected = names.stream().sorted(BYTES).toList();
        assertThat(listAll("", 1000, false)).containsExactlyElementsOf(expected);
        assertThat(listAll("", 7, false)).containsExactlyElementsOf(expected);
        for (String prefix : List.of("a", "a/", "a/b", "%", "\uD83D", "zzz")) {
            assertThat(listAll(prefix, 13, false))
                    .as(prefix)
                    .containsExactlyElementsOf(
                            expected.stream().filter(n -> n.startsWith(prefix)).toList());
        }
        // resuming after any name gives exactly the names after it
        for (int i = 0; i < expected.size(); i += 37) {
            String after = expected.get(i);
            ObjectPage p = fx.engine.list(BCK, new ListRequest("", after, 10, false, true));
            assertThat(names(p)).containsExactlyElementsOf(expected.subList(i + 1, Math.min(expected.size(), i + 11)));
        }
    }

    @Test
    void pagesStayCorrectWhenObjectsComeAndGo() throws StorageException {
        TreeSet<String> present = new TreeSet<>(BYTES);
        for (int i = 0; i < 300; i++) {
            String n = String.format("k/%03d", i * 2);
            present.add(n);
            fx.put(n, "x");
        }
        List<String> got = new ArrayList<>();
        ObjectPage p = fx.engine.list(BCK, new ListRequest("", "", 50, false, true));
        got.addAll(names(p));
        String token = p.nextToken();
        assertThat(token).isEqualTo("k/098");
        // remove some names of the next page, add names before and after the token
        for (int i = 50; i < 60; i++) {
            String n = String.format("k/%03d", i * 2);
            fx.engine.delete(EngineFixture.id(n));
            present.remove(n);
        }
        fx.put("k/001", "before the token");
        fx.put("k/1001", "after the token");
        fx.put("k/5", "after the token");
        present.add("k/1001");
        present.add("k/5");
        while (!token.isEmpty()) {
            p = fx.engine.list(BCK, new ListRequest("", token, 50, false, true));
            got.addAll(names(p));
            token = p.nextToken();
        }
        assertThat(got).doesNotHaveDuplicates().doesNotContain("k/001", "k/100", "k/118");
        assertThat(got).containsAll(present).hasSize(present.size());
        assertThat(got).isSortedAccordingTo(BYTES);
    }

    @Test
    void noRecursionReportsDirectoriesOnce() throws StorageException {
        for (String n : List.of("a", "a/b", "a/b/c", "a/b/d/e", "a/c/d", "a/c/", "b/x", "b/y", "c", "c0/z")) {
            fx.put(n, n);
        }
        ObjectPage top = fx.engine.list(BCK, new ListRequest("", "", 100, true, false));
        assertThat(top.entries()).extracting(ListEntry::name).containsExactly("a", "a/", "b/", "c", "c0/");
        assertThat(top.entries()).extracting(ListEntry::dir).containsExactly(false, true, true, false, true);
        assertThat(top.entries().get(1).stat()).isNull();
        assertThat(top.entries().get(0).stat()).isNotNull();
        assertThat(top.nextToken()).isEmpty();
        assertThat(listAll("a/", 100, true)).containsExactly("a/b", "a/b/", "a/c/");
        assertThat(listAll("a/b", 100, true)).containsExactly("a/b", "a/b/");
        assertThat(listAll("a/b/", 100, true)).containsExactly("a/b/c", "a/b/d/");
        // page by page, one entry at a time, the same sequence
        assertThat(listAll("", 1, true)).containsExactly("a", "a/", "b/", "c", "c0/");
        assertThat(listAll("a/", 1, true)).containsExactly("a/b", "a/b/", "a/c/");
        // a token inside a reported directory skips the rest of it
        ObjectPage p = fx.engine.list(BCK, new ListRequest("", "a/b/c", 10, true, true));
        assertThat(names(p)).containsExactly("b/", "c", "c0/");
    }

    @Test
    void nameOnlyHasNoStatAndFullHasIt() throws StorageException {
        fx.put("x/" + "h".repeat(400), "hashed");
        ObjectPage nameOnly = fx.engine.list(BCK, new ListRequest("", "", 10, false, true));
        assertThat(nameOnly.entries()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("x/" + "h".repeat(400));
            assertThat(e.stat()).isNull();
        });
        ObjectPage full = fx.engine.list(BCK, new ListRequest("", "", 10, false, false));
        assertThat(full.entries().get(0).stat().size()).isEqualTo(6);
        assertThat(full.entries().get(0).stat().checksum().value()).hasSize(16);
    }

    @Test
    void unknownBucketListsEmpty() throws StorageException {
        ObjectPage p = fx.engine.list(BucketId.ais("nothing"), new ListRequest("", "", 10, false, false));
        assertThat(p.entries()).isEmpty();
        assertThat(p.nextToken()).isEmpty();
    }

    @Test
    void aPageReadsOnlyTheDirectoriesOnItsWay() throws Exception {
        for (int d = 0; d < 20; d++) {
            for (int f = 0; f < 20; f++) {
                fx.put(String.format("d%02d/f%02d", d, f), "x");
            }
        }
        Mountpath mp = fx.mountpath(0);
        MountpathWalker w =
                new MountpathWalker(mp, Fqn.objectsDir(mp.root(), BCK), new ListBound("", "d10/f15", false));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            got.add(w.next().name());
        }
        assertThat(got).startsWith("d10/f16").endsWith("d11/f05");
        assertThat(w.dirReads()).isEqualTo(3); // %ob, d10, d11
        MountpathWalker p = new MountpathWalker(mp, Fqn.objectsDir(mp.root(), BCK), new ListBound("d15/", "", false));
        int n = 0;
        while (p.next() != null) {
            n++;
        }
        assertThat(n).isEqualTo(20);
        assertThat(p.dirReads()).isEqualTo(2); // %ob, d15
    }

    @Test
    void walkerBoundSkipsSubtreesWithoutReadingThem() {
        ListBound b = new ListBound("", "m/n", false);
        assertThat(b.skipsDir("a/")).isTrue();
        assertThat(b.skipsDir("m/")).isFalse();
        assertThat(b.skipsDir("z/")).isFalse();
        ListBound p = new ListBound("q/r", "", false);
        assertThat(p.skipsDir("q/")).isFalse();
        assertThat(p.skipsDir("q/r/")).isFalse();
        assertThat(p.skipsDir("q/s/")).isTrue();
        ListBound nr = ListBound.of("", "a/b/c", true);
        assertThat(nr.skipsDir("a/")).isTrue();
        assertThat(nr.accepts("a/z")).isFalse();
        assertThat(nr.accepts("a0")).isTrue();
    }

    @Test
    void aLargeDirectoryIsListedFromTheCacheOnlyWhileUnchanged() throws Exception {
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String n = String.format("f-%05d", (i * 7919) % 1500);
            fx.put(n, "x");
            want.add(n);
        }
        want.sort(BYTES);
        Path ob = Fqn.objectsDir(fx.mountpath(0).root(), BCK);
        // an mtime well in the past makes the directory cacheable (see SortedDirCache: racy rule)
        java.nio.file.Files.setLastModifiedTime(
                ob, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(listAll("", 100, false)).containsExactlyElementsOf(want);
        assertThat(listAll("", 100, false)).containsExactlyElementsOf(want); // from the cache
        fx.put("f-01000x", "x"); // changes the directory's mtime: the cache entry is dropped
        fx.engine.delete(new ObjectId(BCK, "f-00003"));
        want.add("f-01000x");
        want.remove("f-00003");
        want.sort(BYTES);
        assertThat(listAll("", 100, false)).containsExactlyElementsOf(want);
        assertThat(listAll("f-0149", 3, false))
                .containsExactly(
                        "f-01490", "f-01491", "f-01492", "f-01493", "f-01494", "f-01495", "f-01496", "f-01497",
                        "f-01498", "f-01499");
    }

    @Test
    void theWalkStartsAtTheFirstEntryAfterTheBound() {
        List<SortedDirCache.Entry> es = List.of(
                new SortedDirCache.Entry("a", "a", false, null),
                new SortedDirCache.Entry("b/", "b%d", true, null),
                new SortedDirCache.Entry("c", "c", false, null),
                new SortedDirCache.Entry("d", "d", false, null));
        assertThat(MountpathWalker.firstWanted("", es, "")).isZero();
        assertThat(MountpathWalker.firstWanted("", es, "a")).isEqualTo(1);
        assertThat(MountpathWalker.firstWanted("", es, "b/x")).isEqualTo(1); // inside b/: the directory is kept
        assertThat(MountpathWalker.firstWanted("", es, "c")).isEqualTo(3);
        assertThat(MountpathWalker.firstWanted("", es, "z")).isEqualTo(4);
        assertThat(MountpathWalker.firstWanted("q/", es, "a")).isZero(); // the bound is not in this directory
    }
}
