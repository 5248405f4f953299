package net.aisj.xact.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactSnapshot;
import org.junit.jupiter.api.Test;

/**
 * One target's rebalance: what it sends where, when it deletes its copy, retries, errors, abort and the finish
 * callback. The node is a map of local objects (listed two at a time, so the walk pages).
 */
class RebalanceXactionTest {

    static final BucketId B1 = BucketId.ais("b1");
    static final BucketId B2 = BucketId.ais("b2");

    static NodeInfo target(String id) {
        return new NodeInfo(id, false, true, "127.0.0.1", 8080, "http://127.0.0.1:8080", 0, "");
    }

    static ClusterMap map(long version, NodeInfo... nodes) {
        Map<String, NodeInfo> byId = new LinkedHashMap<>();
        for (NodeInfo n : nodes) {
            byId.put(n.id(), n);
        }
        return new ClusterMap("u", version, byId, "", 0);
    }

    static ObjectStat stat(String name, long size) {
        return new ObjectStat(
                name,
                size,
                new Checksum(ChecksumType.XXHASH2, "c-" + name),
                "1",
                0,
                0,
                Map.of(),
                "/mp",
                List.of("/mp"));
    }

    record Sent(String owner, ObjectId id, String xactId) {}

    /** Target t1 with local objects; sends succeed unless told to fail some times per name. */
    static class FakeNode implements RebalanceXaction.Node {
        final Map<BucketId, TreeMap<String, ObjectStat>> objects = new LinkedHashMap<>();
        final List<Sent> sent = new ArrayList<>();
        final List<ObjectId> deleted = new ArrayList<>();
        final Map<ObjectId, Integer> failuresLeft = new HashMap<>();
        Runnable onSend = () -> {};

        FakeNode(int perBucket) {
            for (BucketId b : List.of(B1, B2)) {
                TreeMap<String, ObjectStat> m = new TreeMap<>();
                for (int i = 0; i < perBucket; i++) {
                    String n = "obj-" + i;
                    m.put(n, stat(n, 10 + i));
                }
                objects.put(b, m);
            }
        }

        @Override
        public String selfId() {
            return "t1";
        }

        @Override
        public List<BucketId> buckets() {
            return List.copyOf(objects.keySet());
        }

        @Override
        public ObjectPage localList(BucketId bucket, ListRequest request) {
            List<ListEntry> page = new ArrayList<>();
            String next = "";
            for (Map.Entry<String, ObjectStat> e :
                    objects.get(bucket).tailMap(request.startAfter(), false).entrySet()) {
                if (page.size() == 2) {
                    next = page.get(1).name();
                    break;
                }
                page.add(new ListEntry(e.getKey(), false, e.getValue()));
            }
            return new ObjectPage(page, next);
        }

        @Override
        public Optional<ObjectStat> localStat(ObjectId id) {
            return Optional.ofNullable(objects.get(id.bucket()).get(id.name()));
        }

        @Override
        public void send(NodeInfo owner, ObjectId id, ObjectStat stat, String xactId) {
            onSend.run();
            int left = failuresLeft.getOrDefault(id, 0);
            if (left > 0) {
                failuresLeft.put(id, left - 1);
                throw new IllegalStateException("owner busy");
            }
            sent.add(new Sent(owner.id(), id, xactId));
        }

        @Override
        public void deleteIfUnchanged(ObjectId id, ObjectStat expected) {
            assertThat(objects.get(id.bucket()).get(id.name())).isEqualTo(expected);
            deleted.add(id);
        }

        final Map<ObjectId, Long> deleteRecords = new LinkedHashMap<>();
        final List<String> recordsSent = new ArrayList<>();

        @Override
        public Map<ObjectId, Long> deleteRecords() {
            return deleteRecords;
        }

        @Override
        public void sendDeleteRecord(NodeInfo owner, ObjectId id, long atMillis) {
            recordsSent.add(owner.id() + " " + id.cname() + " @" + atMillis + " after " + sent.size() + " objects");
        }

        /** The objects of both buckets that {@code map} places on another target. */
        List<ObjectId> misplaced(ClusterMap map) {
            List<ObjectId> out = new ArrayList<>();
            objects.forEach((b, m) -> m.keySet().forEach(n -> {
                ObjectId id = new ObjectId(b, n);
                if (!TargetPlacement.owner(map, id.uname()).id().equals("t1")) {
                    out.add(id);
                }
            }));
            return out;
        }
    }

    @Test
    void sendsEveryObjectAnotherTargetNowOwnsToThatOwnerThenDeletesItsCopy() {
        FakeNode node = new FakeNode(20);
        ClusterMap map =
                map(12, target("t1"), target("t2"), target("t3"), target("t4").withFlags(NodeInfo.MAINT));
        List<RebalanceXaction> finished = new ArrayList<>();
        RebalanceXaction x = new RebalanceXaction(map, node, finished::add);
        assertThat(x.id()).isEqualTo("g12").isEqualTo(RebalanceXaction.id(map));
        assertThat(x.kind()).isEqualTo(XactKind.REBALANCE);
        assertThat(x.clusterMap()).isSameAs(map);

        x.run();

        List<ObjectId> expected = node.misplaced(map);
        assertThat(expected).isNotEmpty().hasSizeLessThan(40); // t1 keeps some
        assertThat(node.sent).extracting(Sent::id).containsExactlyElementsOf(expected);
        assertThat(node.sent).allSatisfy(s -> {
            assertThat(s.owner())
                    .isEqualTo(TargetPlacement.owner(map, s.id().uname()).id())
                    .isNotEqualTo("t4");
            assertThat(s.xactId()).isEqualTo("g12");
        });
        assertThat(node.deleted).containsExactlyElementsOf(expected);
        XactSnapshot s = x.snapshot();
        assertThat(s.running()).isFalse();
        assertThat(s.err()).isEmpty();
        assertThat(s.locObjs()).isEqualTo(40);
        assertThat(s.locBytes()).isEqualTo(2 * (10 + 29) * 20 / 2);
        assertThat(s.outObjs()).isEqualTo(expected.size());
        assertThat(s.outBytes())
                .isEqualTo(expected.stream()
                        .mapToLong(id ->
                                node.objects.get(id.bucket()).get(id.name()).size())
                        .sum());
        assertThat(finished).containsExactly(x);
    }

    @Test
    void deleteRecordsOfNamesAnotherTargetOwnsGoToThatOwnerBeforeAnyObject() {
        FakeNode node = new FakeNode(2);
        ClusterMap map = map(7, target("t1"), target("t2"), target("t3"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectId id = new ObjectId(B1, "gone-" + i);
            node.deleteRecords.put(id, 1_000L + i);
            String owner = TargetPlacement.owner(map, id.uname()).id();
            if (!owner.equals("t1")) {
                expected.add(owner + " " + id.cname() + " @" + (1_000L + i) + " after 0 objects");
            }
        }
        assertThat(expected).isNotEmpty().hasSizeLessThan(20); // t1 owns some: those stay
        new RebalanceXaction(map, node, j -> {}).run();
        assertThat(node.recordsSent).containsExactlyElementsOf(expected);
    }

    @Test
    void aTargetGoingIntoMaintenanceSendsEverythingAway() {
        FakeNode node = new FakeNode(5);
        ClusterMap map = map(3, target("t1").withFlags(NodeInfo.MAINT), target("t2"));
        RebalanceXaction x = new RebalanceXaction(map, node, j -> {});
        x.run();
        assertThat(node.sent).hasSize(10).allSatisfy(s -> assertThat(s.owner()).isEqualTo("t2"));
        assertThat(node.deleted).hasSize(10);
    }

    @Test
    void aBusyOwnerIsRetriedAndAnObjectThatCannotMoveStaysWithAnError() {
        FakeNode node = new FakeNode(6);
        ClusterMap map = map(5, target("t1"), target("t2"));
        List<ObjectId> misplaced = node.misplaced(map);
        assertThat(misplaced).hasSizeGreaterThanOrEqualTo(2);
        ObjectId retried = misplaced.get(0);
        ObjectId stuck = misplaced.get(misplaced.size() - 1);
        node.failuresLeft.put(retried, RebalanceXaction.ATTEMPTS - 1);
        node.failuresLeft.put(stuck, RebalanceXaction.ATTEMPTS);
        List<ObjectId> movable =
                misplaced.stream().filter(id -> !id.equals(stuck)).toList();

        RebalanceXaction x = new RebalanceXaction(map, node, j -> {});
        x.run();

        assertThat(node.sent)
                .extracting(Sent::id)
                .containsExactlyElementsOf(movable)
                .contains(retried);
        assertThat(node.deleted).containsExactlyElementsOf(movable).doesNotContain(stuck);
        XactSnapshot s = x.snapshot();
        assertThat(s.err()).startsWith("cannot move " + stuck.cname() + " to t[t2]: owner busy");
        assertThat(s.outObjs()).isEqualTo(movable.size());
        assertThat(s.aborted()).isFalse();
    }

    @Test
    void anObjectGoneMeanwhileIsSkipped() {
        FakeNode node = new FakeNode(4);
        ClusterMap map = map(2, target("t1").withFlags(NodeInfo.DECOMM), target("t2"));
        RebalanceXaction x = new RebalanceXaction(map, node, j -> {});
        // listed, but deleted by a client before the job asks for its metadata
        FakeNode listedOnly = new FakeNode(4) {
            @Override
            public Optional<ObjectStat> localStat(ObjectId id) {
                return id.name().equals("obj-1") ? Optional.empty() : super.localStat(id);
            }
        };
        RebalanceXaction y = new RebalanceXaction(map, listedOnly, j -> {});
        x.run();
        y.run();
        assertThat(node.sent).hasSize(8);
        assertThat(listedOnly.sent).hasSize(6).noneMatch(s -> s.id().name().equals("obj-1"));
        assertThat(y.snapshot().locObjs()).isEqualTo(8);
        assertThat(y.snapshot().outObjs()).isEqualTo(6);
        assertThat(y.snapshot().err()).isEmpty();
    }

    @Test
    void anAbortStopsTheWalkAndTheJobStillFinishes() {
        FakeNode node = new FakeNode(20);
        ClusterMap map = map(9, target("t1").withFlags(NodeInfo.MAINT), target("t2"));
        List<RebalanceXaction> finished = new ArrayList<>();
        RebalanceXaction x = new RebalanceXaction(map, node, finished::add);
        node.onSend = () -> {
            if (node.sent.size() == 3) {
                x.abort("superseded by g10");
            }
        };
        x.run();
        assertThat(node.sent).hasSize(4); // the send under way completes; nothing after it starts
        assertThat(x.snapshot().aborted()).isTrue();
        assertThat(x.snapshot().abortErr()).isEqualTo("superseded by g10");
        assertThat(x.snapshot().running()).isFalse();
        assertThat(finished).containsExactly(x);

        FakeNode untouched = new FakeNode(3);
        RebalanceXaction early = new RebalanceXaction(map, untouched, j -> {});
        early.abort("stopping");
        early.run();
        assertThat(untouched.sent).isEmpty();
        assertThat(early.snapshot().locObjs()).isZero();
    }
}
