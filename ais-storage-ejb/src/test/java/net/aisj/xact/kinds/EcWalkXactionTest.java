package net.aisj.xact.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactSnapshot;
import org.junit.jupiter.api.Test;

/** The EC job walk: orphans restored first, every local object protected (with retries), counters, errors. */
class EcWalkXactionTest {

    static final BucketId B = BucketId.ais("b");

    /** A node with local objects a..e (a page of 2 at a time), orphans x and y (y cannot be rebuilt). */
    static final class FakeNode implements EcWalkXaction.Node {
        final List<String> protectedNames = new ArrayList<>();
        final List<String> restored = new ArrayList<>();
        final Map<String, Integer> failuresLeft = new java.util.HashMap<>(Map.of("c", 2, "d", 5));

        @Override
        public String selfId() {
            return "t1";
        }

        @Override
        public List<BucketId> buckets() {
            return List.of(B);
        }

        @Override
        public ObjectPage localList(BucketId bucket, ListRequest request) {
            List<String> all = List.of("a", "b", "c", "d", "e");
            List<ListEntry> page = new ArrayList<>();
            String next = "";
            for (String n : all) {
                if (n.compareTo(request.startAfter()) > 0) {
                    if (page.size() == 2) {
                        next = page.get(1).name();
                        break;
                    }
                    page.add(new ListEntry(n, false, new ObjectStat(n, 10, null, "1", 0, 0, null, "/mp", null)));
                }
            }
            return new ObjectPage(page, next);
        }

        @Override
        public List<String> orphans(BucketId bucket) {
            return List.of("x", "y");
        }

        @Override
        public int protect(ObjectId id, boolean verify) {
            int left = failuresLeft.getOrDefault(id.name(), 0);
            if (left > 0) {
                failuresLeft.put(id.name(), left - 1);
                throw new IllegalStateException("holder busy");
            }
            protectedNames.add(id.name());
            return 3;
        }

        @Override
        public long restore(ObjectId id) {
            restored.add(id.name());
            return id.name().equals("x") ? 100 : -1;
        }
    }

    @Test
    void restoresOrphansThenProtectsEveryLocalObjectRetryingBriefFailures() {
        FakeNode n = new FakeNode();
        EcWalkXaction x = new EcWalkXaction("e7", XactKind.EC_RECOVER, n, "", false);
        x.run();
        XactSnapshot s = x.snapshot();
        assertThat(n.restored).containsExactly("x", "y");
        assertThat(n.protectedNames).containsExactly("a", "b", "c", "e");
        assertThat(s.inObjs()).isEqualTo(1);
        assertThat(s.inBytes()).isEqualTo(100);
        assertThat(s.locObjs()).isEqualTo(5);
        assertThat(s.outObjs()).isEqualTo(12);
        assertThat(s.err()).contains("ais://b/d").contains("holder busy");
        assertThat(s.running()).isFalse();
    }

    @Test
    void anAbortedJobStopsBeforeWalking() {
        FakeNode n = new FakeNode();
        EcWalkXaction x = new EcWalkXaction("e8", XactKind.EC_RECOVER, n, "", false);
        x.abort("superseded");
        x.run();
        assertThat(n.restored).isEmpty();
        assertThat(n.protectedNames).isEmpty();
        assertThat(x.snapshot().aborted()).isTrue();
    }
}
