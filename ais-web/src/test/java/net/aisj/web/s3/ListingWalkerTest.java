package net.aisj.web.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectPage;
import net.aisj.core.PageMerge;
import org.junit.jupiter.api.Test;

class ListingWalkerTest {

    /** A sorted in-memory bucket behaving like the native listing (recursive only). */
    static final class Bucket implements ListingWalker.PageSource {
        final TreeSet<String> names = new TreeSet<>(PageMerge.UTF8);
        final AtomicInteger calls = new AtomicInteger();

        Bucket(String... n) {
            names.addAll(List.of(n));
        }

        @Override
        public ObjectPage page(String prefix, String after, int size, boolean noRecursion) {
            calls.incrementAndGet();
            List<ListEntry> out = new ArrayList<>();
            for (String n : after.isEmpty() ? names : names.tailSet(after, false)) {
                if (!n.startsWith(prefix)) {
                    if (PageMerge.UTF8.compare(n, prefix) > 0) {
                        break;
                    }
                    continue;
                }
                if (out.size() == size) {
                    return new ObjectPage(out, out.get(out.size() - 1).name());
                }
                out.add(new ListEntry(n, false, null));
            }
            return new ObjectPage(out, "");
        }
    }

    static List<String> keys(ListingWalker.Result r) {
        return r.keys().stream().map(ListEntry::name).toList();
    }

    @Test
    void slashDelimiter() {
        Bucket b = new Bucket("a", "b/1", "b/2", "b/c/3", "c/4", "d");
        var r = ListingWalker.walk(b, "", "/", "", 1000);
        assertThat(keys(r)).containsExactly("a", "d");
        assertThat(r.prefixes()).containsExactly("b/", "c/");
        assertThat(r.truncated()).isFalse();
        var sub = ListingWalker.walk(b, "b/", "/", "", 1000);
        assertThat(keys(sub)).containsExactly("b/1", "b/2");
        assertThat(sub.prefixes()).containsExactly("b/c/");
    }

    @Test
    void anyDelimiterString() {
        Bucket b = new Bucket("x--1", "x--2", "xy", "y--z--w", "z");
        var r = ListingWalker.walk(b, "", "--", "", 1000);
        assertThat(keys(r)).containsExactly("xy", "z");
        assertThat(r.prefixes()).containsExactly("x--", "y--");
        var p = ListingWalker.walk(b, "y--", "--", "", 1000);
        assertThat(p.prefixes()).containsExactly("y--z--");
    }

    @Test
    void pagingNeverRepeatsAPrefix() {
        List<String> names = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            for (int i = 0; i < 50; i++) {
                names.add("dir" + d + "/f" + i);
            }
            names.add("file" + d);
        }
        Bucket b = new Bucket(names.toArray(String[]::new));
        List<String> seen = new ArrayList<>();
        String marker = "";
        int pages = 0;
        while (true) {
            var r = ListingWalker.walk(b, "", "/", marker, 2);
            seen.addAll(r.prefixes());
            seen.addAll(keys(r));
            pages++;
            if (!r.truncated()) {
                break;
            }
            marker = r.last();
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "dir0/", "dir1/", "dir2/", "dir3/", "dir4/", "file0", "file1", "file2", "file3", "file4");
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void skipsAPrefixSubtreeWithoutReadingIt() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add(String.format("big/%05d", i));
        }
        names.add("tail");
        Bucket b = new Bucket(names.toArray(String[]::new));
        var r = ListingWalker.walk(b, "", "/", "", 1000);
        assertThat(r.prefixes()).containsExactly("big/");
        assertThat(keys(r)).containsExactly("tail");
        assertThat(b.calls.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void maxKeysAndTruncation() {
        Bucket b = new Bucket("a", "b", "c");
        var r = ListingWalker.walk(b, "", null, "", 2);
        assertThat(keys(r)).containsExactly("a", "b");
        assertThat(r.truncated()).isTrue();
        assertThat(r.last()).isEqualTo("b");
        var rest = ListingWalker.walk(b, "", null, r.last(), 2);
        assertThat(keys(rest)).containsExactly("c");
        assertThat(rest.truncated()).isFalse();
        var exact = ListingWalker.walk(b, "", null, "", 3);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void utf8OrderAndSupplementaryCharactersUnderAPrefix() {
        Bucket b = new Bucket("p/\uD83D\uDE00", "p/\uFFFD", "p/a", "q");
        var r = ListingWalker.walk(b, "", "/", "", 1000);
        assertThat(r.prefixes()).containsExactly("p/");
        assertThat(keys(r)).containsExactly("q");
    }
}
