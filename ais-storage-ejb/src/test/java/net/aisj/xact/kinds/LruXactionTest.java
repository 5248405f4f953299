package net.aisj.xact.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import net.aisj.connector.api.BucketId;
import org.junit.jupiter.api.Test;

class LruXactionTest {

    private static final BucketId B = new BucketId("aws", "", "b");

    /** A node with two mountpaths of 1000 bytes and objects of 100 bytes; evicting frees the bytes. */
    private static final class FakeNode implements LruXaction.Node {
        final Map<String, Long> used = new HashMap<>();
        final List<LruXaction.Candidate> cached = new ArrayList<>();
        final List<String> evicted = new ArrayList<>();
        String touchedSinceListing;

        @Override
        public String selfId() {
            return "t1";
        }

        @Override
        public List<LruXaction.Usage> usage() {
            return used.entrySet().stream()
                    .map(e -> new LruXaction.Usage(e.getKey(), e.getValue(), 1000))
                    .toList();
        }

        @Override
        public void eachEvictable(Consumer<LruXaction.Candidate> each, BooleanSupplier stop) {
            List.copyOf(cached).forEach(each);
        }

        @Override
        public long evict(LruXaction.Candidate c) {
            if (c.name().equals(touchedSinceListing)) {
                return -1;
            }
            cached.remove(c);
            evicted.add(c.name());
            for (String mp : c.mountpaths()) {
                used.merge(mp, -c.size(), Long::sum);
            }
            return c.size();
        }

        void add(String name, long atime, String... mps) {
            cached.add(new LruXaction.Candidate(B, name, atime, 100, List.of(mps)));
        }
    }

    @Test
    void evictsOldestFirstDownToTheLowWatermarkOnlyWhereNeeded() {
        FakeNode n = new FakeNode();
        n.used.put("/mp1", 950L); // needs 200 to get to 75 %
        n.used.put("/mp2", 500L); // below: nothing goes from here
        n.add("new", 50, "/mp1");
        n.add("old", 10, "/mp1");
        n.add("mid", 30, "/mp1");
        n.add("oldest-on-mp2", 1, "/mp2");
        n.add("older", 20, "/mp1");
        LruXaction x = new LruXaction("x1", n, 75);
        x.run();
        assertThat(n.evicted).containsExactly("old", "older");
        assertThat(n.used.get("/mp1")).isEqualTo(750L);
        assertThat(n.used.get("/mp2")).isEqualTo(500L);
        assertThat(x.snapshot().locObjs()).isEqualTo(2);
        assertThat(x.snapshot().locBytes()).isEqualTo(200);
    }

    @Test
    void aCopyReadSinceTheListingIsKeptAndTheNextOneGoes() {
        FakeNode n = new FakeNode();
        n.used.put("/mp1", 800L);
        n.add("a", 1, "/mp1");
        n.add("b", 2, "/mp1");
        n.touchedSinceListing = "a";
        new LruXaction("x2", n, 75).run();
        assertThat(n.evicted).containsExactly("b");
    }

    @Test
    void nothingToDoBelowTheLowWatermarkAndStopsWhenNothingIsEvictable() {
        FakeNode n = new FakeNode();
        n.used.put("/mp1", 700L);
        n.add("a", 1, "/mp1");
        new LruXaction("x3", n, 75).run();
        assertThat(n.evicted).isEmpty();
        n.used.put("/mp1", 990L);
        n.cached.clear();
        LruXaction x = new LruXaction("x4", n, 75);
        x.run();
        assertThat(x.isRunning()).isFalse();
        assertThat(n.evicted).isEmpty();
    }

    @Test
    void toFreeIsTheBytesAboveTheWatermark() {
        assertThat(LruXaction.toFree(List.of(new LruXaction.Usage("/a", 900, 1000)), 75))
                .containsEntry("/a", 150L);
        assertThat(LruXaction.toFree(List.of(new LruXaction.Usage("/a", 750, 1000)), 75))
                .isEmpty();
    }
}
