package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectPage;
import org.junit.jupiter.api.Test;

class PageMergeTest {

    /** A fake target: a sorted set of names answering pages after a token. */
    private static ObjectPage page(TreeSet<String> names, String after, int size) {
        List<ListEntry> out = new ArrayList<>();
        for (String n : after.isEmpty() ? names : names.tailSet(after, false)) {
            if (out.size() == size) {
                return new ObjectPage(out, out.get(out.size() - 1).name());
            }
            out.add(new ListEntry(n, false, null));
        }
        return new ObjectPage(out, "");
    }

    @Test
    void pagingOverThreeTargetsHasNoGapsNoDuplicates() {
        Random rnd = new Random(7);
        List<TreeSet<String>> targets =
                List.of(new TreeSet<>(PageMerge.UTF8), new TreeSet<>(PageMerge.UTF8), new TreeSet<>(PageMerge.UTF8));
        TreeSet<String> all = new TreeSet<>(PageMerge.UTF8);
        for (int i = 0; i < 2000; i++) {
            String name = "d" + rnd.nextInt(20) + "/ü" + Integer.toString(rnd.nextInt(1 << 20), 36);
            all.add(name);
            targets.get(rnd.nextInt(3)).add(name);
            if (i % 50 == 0) {
                targets.get((i / 50) % 3).add(name); // the same name on two targets (mid-move)
            }
        }
        for (int size : new int[] {1, 7, 100, 5000}) {
            List<String> listed = new ArrayList<>();
            String token = "";
            do {
                final String t = token;
                ObjectPage merged = PageMerge.merge(
                        targets.stream().map(s -> page(s, t, size)).toList(), size);
                assertThat(merged.entries().size()).isLessThanOrEqualTo(size);
                merged.entries().forEach(e -> listed.add(e.name()));
                token = merged.nextToken();
            } while (!token.isEmpty());
            assertThat(listed).as("page size " + size).containsExactlyElementsOf(all);
        }
    }

    @Test
    void emptyTargets() {
        ObjectPage p = PageMerge.merge(List.of(new ObjectPage(List.of(), ""), new ObjectPage(List.of(), "")), 10);
        assertThat(p.entries()).isEmpty();
        assertThat(p.nextToken()).isEmpty();
    }
}
