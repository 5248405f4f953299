package net.aisj.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.aisj.cluster.IntraClient;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.service.ec.EcHooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The object service's own rules, outside the container: the bucket and the name are checked before storage is
 * touched, the bucket's props become the write's options, erasure coding is told about every committed change (and
 * only then), storage failures keep their meaning, deletes are remembered for rebalance, and requests for objects
 * another target owns are redirected there. Storage is a map of objects behind the connector's API; the bucket
 * service and the EC hooks are subclasses that answer and record.
 */
class ObjectServiceTest {

    static final BucketId B = BucketId.ais("b");
    static final BucketId MIRRORED = BucketId.ais("mirrored");
    /** A bucket that turned verified reads off ({@code checksum.validate_warm_get=false}; on by default). */
    static final BucketId UNVERIFIED = BucketId.ais("unverified");

    static NodeInfo target(String id, int port) {
        return new NodeInfo(id, false, true, "127.0.0.1", port, "http://127.0.0.1:" + port, 0, "");
    }

    static ClusterMap map(NodeInfo... nodes) {
        Map<String, NodeInfo> byId = new LinkedHashMap<>();
        for (NodeInfo n : nodes) {
            byId.put(n.id(), n);
        }
        return new ClusterMap("u", 4, byId, "", 0);
    }

    static BucketProps mirrored() {
        BucketProps d = BucketProps.defaults(1, 2);
        return new BucketProps(
                d.provider(),
                new BucketProps.Checksum("md5", true, true, false, false),
                new BucketProps.Versioning(false, false, false),
                new BucketProps.Mirror(true, 3, 128, true),
                d.ec(),
                new BucketProps.WritePolicy("delayed", ""),
                d.lru(),
                d.access(),
                d.created(),
                d.bid());
    }

    /** Objects in memory behind the connector's API; records the calls and can fail the next one. */
    static final class Disk implements InvocationHandler {
        final Map<ObjectId, byte[]> content = new HashMap<>();
        final Map<ObjectId, ObjectStat> stats = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<Object[]> args = new ArrayList<>();
        /** The event journal's records (not counted as calls). */
        final List<byte[]> journal = new ArrayList<>();

        StorageException failNext;

        StorageConnection connection() {
            return (StorageConnection)
                    Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StorageConnection.class}, this);
        }

        ObjectStat store(ObjectId id, byte[] bytes, String version) {
            ObjectStat st = new ObjectStat(
                    id.name(),
                    bytes.length,
                    new Checksum(ChecksumType.XXHASH2, "h" + java.util.Arrays.hashCode(bytes)),
                    version,
                    0,
                    0,
                    Map.of(),
                    "/mp",
                    List.of("/mp"));
            content.put(id, bytes);
            stats.put(id, st);
            return st;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] a) throws Throwable {
            if (m.getName().equals("close")) {
                return null;
            }
            if (m.getName().equals("appendEvent")) {
                journal.add((byte[]) a[0]);
                return (long) journal.size();
            }
            calls.add(m.getName());
            args.add(a);
            if (failNext != null) {
                StorageException e = failNext;
                failNext = null;
                throw e;
            }
            ObjectId id = (ObjectId) a[0];
            switch (m.getName()) {
                case "put":
                    return store(id, ((InputStream) a[1]).readAllBytes(), "1");
                case "stat":
                    return Optional.ofNullable(stats.get(id));
                case "open":
                    if (!stats.containsKey(id)) {
                        throw new StorageException(StorageException.Reason.NOT_FOUND, id.cname() + " not found");
                    }
                    return reader(stats.get(id), content.get(id));
                case "delete":
                    content.remove(id);
                    return stats.remove(id) != null;
                case "rename":
                    ObjectId to = new ObjectId(id.bucket(), (String) a[1]);
                    stats.remove(id);
                    return store(to, content.remove(id), "1");
                case "copy":
                    return store((ObjectId) a[1], content.get(id), "1");
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        }

        static ObjectReader reader(ObjectStat st, byte[] bytes) {
            return new BytesReader(st, bytes);
        }
    }

    /** Two buckets: {@code b} with AIS's defaults and {@code mirrored} with three synchronous copies. */
    static final class Buckets extends BucketService {
        @Override
        public BucketProps props(BucketId id) {
            if (id.equals(B)) {
                return BucketProps.defaults(1, 1);
            }
            if (id.equals(MIRRORED)) {
                return mirrored();
            }
            if (id.equals(UNVERIFIED)) {
                BucketProps d = BucketProps.defaults(1, 3);
                return new BucketProps(
                        d.provider(),
                        new BucketProps.Checksum(d.checksum().type(), true, false, false, false),
                        d.versioning(),
                        d.mirror(),
                        d.ec(),
                        d.writePolicy(),
                        d.lru(),
                        d.access(),
                        d.created(),
                        d.bid());
            }
            throw AisException.notFound("bucket " + id.cname() + " does not exist");
        }
    }

    /** Records what erasure coding is told; {@code holdsSlices} and {@code restorable} decide its answers. */
    static final class Ec extends EcHooks {
        final List<String> told = new ArrayList<>();
        boolean holdsSlices;
        ObjectReader restorable;

        @Override
        public void afterPut(ObjectId id, BucketProps p) {
            told.add("afterPut " + id.cname() + " copies=" + p.mirror().effectiveCopies());
        }

        @Override
        public boolean deleted(ObjectId id, BucketProps p) {
            told.add("deleted " + id.cname());
            return holdsSlices;
        }

        @Override
        public void renamed(ObjectId from, ObjectId to, BucketProps p) {
            told.add("renamed " + from.cname() + " -> " + to.cname());
        }

        @Override
        public Optional<ObjectReader> openCorrupt(ObjectId id, BucketProps p, StorageException why) {
            told.add("openCorrupt " + id.cname() + ": " + why.getMessage());
            return Optional.ofNullable(restorable);
        }
    }

    static final class Receiver extends ObjectReceiver {
        final List<ObjectId> deletes = new ArrayList<>();

        @Override
        void deleted(ObjectId id, long nowMillis) {
            deletes.add(id);
        }
    }

    static final class FixedMap implements VersionedStore<ClusterMap> {
        ClusterMap map;

        @Override
        public ClusterMap current() {
            return map;
        }

        @Override
        public ClusterMap update(UnaryOperator<ClusterMap> change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void offer(ClusterMap candidate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addListener(Consumer<ClusterMap> listener) {
            throw new UnsupportedOperationException();
        }
    }

    final Disk disk = new Disk();
    final Ec ec = new Ec();
    final Receiver receiver = new Receiver();
    final FixedMap smap = new FixedMap();
    final NodeInfo self = target("t1", 1);
    ObjectService svc;

    @BeforeEach
    void wire() {
        StorageConnection shared = disk.connection();
        StorageConnectionFactory cf = (StorageConnectionFactory) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StorageConnectionFactory.class}, (p, m, a) -> {
                    if (m.getName().equals("getSharedConnection") || m.getName().equals("getConnection")) {
                        return shared;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        smap.map = map(self);
        LocalNode local = new LocalNode();
        local.publish(new LocalNode.Published(cf, smap, null, null, new IntraClient("secret"), "secret", self));
        svc = new ObjectService();
        svc.local = local;
        svc.buckets = new Buckets();
        svc.ec = ec;
        svc.receiver = receiver;
        svc.window = new Window();
        svc.copies = new LatestCopy();
        svc.copies.local = local;
        svc.copies.receiver = receiver;
        svc.events = new net.aisj.service.events.ObjectEvents(local);
    }

    /** No rebalance under way unless a test says so. */
    static final class Window extends RebalanceWindow {
        boolean open;

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static void assertKind(Throwable e, AisException.Kind kind) {
        assertThat(e).isInstanceOf(AisException.class);
        assertThat(((AisException) e).kind()).isEqualTo(kind);
    }

    @Test
    void writesAndDeletesAreJournaledAsObjectEventsRefusedOnesAreNot() {
        ObjectId id = new ObjectId(B, "ev/a");
        svc.put(id, bytes("abc"), 3, null, Map.of());
        svc.delete(id);
        assertThatThrownBy(() -> svc.delete(id)); // absent: nothing deleted, no event
        disk.failNext = new StorageException(StorageException.Reason.IO, "disk failed");
        assertThatThrownBy(() -> svc.put(new ObjectId(B, "ev/b"), bytes("x"), 1, null, Map.of()));
        List<net.aisj.core.events.ObjectEvent> events = disk.journal.stream()
                .map(net.aisj.core.events.ObjectEvent::decode)
                .toList();
        assertThat(events)
                .extracting(e -> e.kind() + " " + e.name() + " " + e.size())
                .containsExactly("CREATED ev/a 3", "DELETED ev/a 0");
    }

    @Test
    void aPutStoresWithTheBucketsRulesThenTellsErasureCoding() {
        ObjectId id = new ObjectId(MIRRORED, "dir/a.bin");
        Checksum expected = new Checksum(ChecksumType.MD5, "0cc175b9c0f1b6a831c399e269772661");
        ObjectStat st = svc.put(id, bytes("a"), 1, expected, Map.of("k", "v"));
        assertThat(st.size()).isEqualTo(1);
        assertThat(disk.content.get(id)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        PutOptions o = (PutOptions) disk.args.get(0)[2];
        assertThat(o.checksumType()).isEqualTo(ChecksumType.MD5);
        assertThat(o.expected()).isEqualTo(expected);
        assertThat(o.contentLength()).isEqualTo(1);
        assertThat(o.custom()).containsExactly(Map.entry("k", "v"));
        assertThat(o.versioning()).isFalse();
        assertThat(o.fsync()).isFalse(); // write policy "delayed"
        assertThat(o.copies()).isEqualTo(3);
        assertThat(o.syncCopies()).isTrue();
        assertThat(o.md5Etag()).isFalse();
        assertThat(ec.told).containsExactly("afterPut ais://mirrored/dir/a.bin copies=3");

        svc.putWithEtag(new ObjectId(B, "s3"), bytes("xyz"), 3, Map.of());
        PutOptions s3 = (PutOptions) disk.args.get(1)[2];
        assertThat(s3.md5Etag()).isTrue();
        assertThat(s3.expected()).isNull();
        assertThat(s3.checksumType()).isEqualTo(ChecksumType.XXHASH2);
        assertThat(s3.versioning()).isTrue();
        assertThat(s3.fsync()).isTrue();
        assertThat(s3.copies()).isEqualTo(1);
    }

    @Test
    void theBucketAndTheNameAreCheckedBeforeStorageIsTouched() {
        assertThatThrownBy(() -> svc.put(new ObjectId(BucketId.ais("nope"), "a"), bytes("a"), 1, null, Map.of()))
                .satisfies(e -> assertKind(e, AisException.Kind.NOT_FOUND))
                .hasMessageContaining("ais://nope");
        assertThatThrownBy(() -> svc.put(new ObjectId(B, "../escape"), bytes("a"), 1, null, Map.of()))
                .satisfies(e -> assertKind(e, AisException.Kind.BAD_REQUEST))
                .hasMessageEndingWith(": ais://b/../escape");
        assertThatThrownBy(() -> svc.delete(new ObjectId(B, "nul\0here")))
                .satisfies(e -> assertKind(e, AisException.Kind.BAD_REQUEST))
                .hasMessage("object name contains NUL: ais://b/nul?here");
        String longName = "x".repeat(79) + "\0" + "y".repeat(40);
        assertThatThrownBy(() -> svc.head(new ObjectId(B, longName)))
                .satisfies(e -> assertKind(e, AisException.Kind.BAD_REQUEST))
                .hasMessageEndingWith("ais://b/" + "x".repeat(79) + "?...");
        assertThatThrownBy(() -> svc.rename(new ObjectId(B, "a"), ""))
                .satisfies(e -> assertKind(e, AisException.Kind.BAD_REQUEST))
                .hasMessageContaining("missing the new name");
        assertThatThrownBy(() -> svc.rename(new ObjectId(B, "a"), "/abs"))
                .satisfies(e -> assertKind(e, AisException.Kind.BAD_REQUEST));
        assertThatThrownBy(() -> svc.flush(new ObjectId(B, "a"), "", null))
                .satisfies(e -> assertKind(e, AisException.Kind.BAD_REQUEST))
                .hasMessageContaining("append handle");
        assertThatThrownBy(() -> svc.copy(new ObjectId(B, "a"), new ObjectId(BucketId.ais("nope"), "a")))
                .satisfies(e -> assertKind(e, AisException.Kind.NOT_FOUND));
        assertThat(disk.calls).isEmpty();
        assertThat(ec.told).isEmpty();
        assertThat(receiver.deletes).isEmpty();
    }

    @Test
    void storageFailuresKeepTheirMeaningAndNothingIsProtected() {
        disk.failNext = new StorageException(StorageException.Reason.NO_SPACE, "no space left on /mp");
        assertThatThrownBy(() -> svc.put(new ObjectId(B, "a"), bytes("a"), 1, null, Map.of()))
                .satisfies(e -> assertKind(e, AisException.Kind.INSUFFICIENT_STORAGE))
                .hasMessage("no space left on /mp");
        disk.failNext = new StorageException(StorageException.Reason.BAD_CHECKSUM, "checksum mismatch");
        assertThatThrownBy(() -> svc.put(new ObjectId(B, "a"), bytes("a"), 1, null, Map.of()))
                .satisfies(e -> assertKind(e, AisException.Kind.BAD_REQUEST));
        disk.failNext = new StorageException(StorageException.Reason.UNAVAILABLE, "mountpath disabled");
        assertThatThrownBy(() -> svc.copy(new ObjectId(B, "a"), new ObjectId(B, "b")))
                .satisfies(e -> assertKind(e, AisException.Kind.UNAVAILABLE));
        assertThat(ec.told).isEmpty();
    }

    @Test
    void aReadValidatesWhenAskedOrWhenTheBucketSaysSo() throws IOException {
        ObjectId plain = new ObjectId(UNVERIFIED, "p");
        ObjectId checked = new ObjectId(B, "c");
        disk.store(plain, "plain".getBytes(StandardCharsets.UTF_8), "1");
        disk.store(checked, "checked".getBytes(StandardCharsets.UTF_8), "1");
        try (ObjectReader r = svc.open(plain, false)) {
            assertThat(r.stream().readAllBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("plain");
        }
        svc.open(plain, true).close();
        svc.open(checked, false).close(); // validate_warm_get is on by default
        assertThat(disk.args).extracting(a -> a[1]).containsExactly(false, true, true);
    }

    @Test
    void aCorruptCopyIsRestoredByErasureCodingOrReportedAsAnInternalError() throws IOException {
        ObjectId id = new ObjectId(B, "bad");
        disk.failNext = new StorageException(StorageException.Reason.CORRUPTED, "ais://b/bad: bad checksum");
        assertThatThrownBy(() -> svc.open(id, false))
                .satisfies(e -> assertKind(e, AisException.Kind.INTERNAL))
                .hasMessage("ais://b/bad: bad checksum");
        assertThat(ec.told).containsExactly("openCorrupt ais://b/bad: ais://b/bad: bad checksum");

        ObjectStat st = new ObjectStat("bad", 4, Checksum.NONE, "2", 0, 0, Map.of(), "/mp", List.of("/mp"));
        ec.restorable = Disk.reader(st, "good".getBytes(StandardCharsets.UTF_8));
        disk.failNext = new StorageException(StorageException.Reason.CORRUPTED, "ais://b/bad: bad checksum");
        try (ObjectReader r = svc.open(id, false)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.transferTo(out, 0, 4);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("good");
        }
    }

    @Test
    void aDeleteIsRememberedForRebalanceEvenWhenTheObjectIsNotHere() {
        ObjectId here = new ObjectId(B, "here");
        disk.store(here, new byte[] {1}, "1");
        svc.delete(here);
        assertThat(disk.stats).doesNotContainKey(here);
        assertThat(receiver.deletes).containsExactly(here);

        ObjectId absent = new ObjectId(B, "absent");
        assertThatThrownBy(() -> svc.delete(absent))
                .satisfies(e -> assertKind(e, AisException.Kind.NOT_FOUND))
                .hasMessage("object ais://b/absent does not exist");
        assertThat(receiver.deletes).containsExactly(here, absent);

        // only its slices were left (the object itself is gone from here): the delete succeeds
        ec.holdsSlices = true;
        svc.delete(new ObjectId(B, "slices-only"));
        assertThat(ec.told)
                .containsExactly("deleted ais://b/here", "deleted ais://b/absent", "deleted ais://b/slices-only");
    }

    @Test
    void renameAndCopyTellErasureCodingAboutTheNewName() {
        ObjectId a = new ObjectId(B, "a");
        disk.store(a, "x".getBytes(StandardCharsets.UTF_8), "1");
        svc.rename(a, "a");
        assertThat(ec.told).isEmpty(); // same name: nothing moved
        svc.rename(a, "b");
        assertThat(ec.told).containsExactly("renamed ais://b/a -> ais://b/b");
        svc.copy(new ObjectId(B, "b"), new ObjectId(MIRRORED, "b"));
        PutOptions o = (PutOptions) disk.args.get(disk.args.size() - 1)[2];
        assertThat(o.copies()).isEqualTo(3); // the destination bucket's rules
        assertThat(ec.told).endsWith("afterPut ais://mirrored/b copies=3");
    }

    @Test
    void aRebalanceDeletesTheLocalCopyOnlyIfItIsStillTheOneSent() {
        ObjectId id = new ObjectId(B, "o");
        ObjectStat sent = disk.store(id, "v1".getBytes(StandardCharsets.UTF_8), "1");
        ObjectStat otherVersion =
                new ObjectStat("o", sent.size(), sent.checksum(), "2", 0, 0, Map.of(), "/mp", List.of());
        ObjectStat otherChecksum = new ObjectStat(
                "o", sent.size(), new Checksum(ChecksumType.XXHASH2, "other"), "1", 0, 0, Map.of(), "/mp", List.of());
        ObjectStat otherSize = new ObjectStat("o", 99, sent.checksum(), "1", 0, 0, Map.of(), "/mp", List.of());
        assertThat(svc.localDeleteIfUnchanged(id, otherVersion)).isFalse();
        assertThat(svc.localDeleteIfUnchanged(id, otherChecksum)).isFalse();
        assertThat(svc.localDeleteIfUnchanged(id, otherSize)).isFalse();
        assertThat(disk.stats).containsKey(id);
        assertThat(svc.localDeleteIfUnchanged(id, sent)).isTrue();
        assertThat(disk.stats).doesNotContainKey(id);
        assertThat(svc.localDeleteIfUnchanged(id, sent)).isFalse();
    }

    @Test
    void requestsForAnObjectAnotherTargetOwnsAreRedirectedToIt() {
        ObjectId id = new ObjectId(B, "redirect-me");
        assertThat(svc.redirect(id)).isEmpty(); // the only target

        smap.map = map(self, target("t2", 2), target("t3", 3));
        int toSelf = 0;
        int away = 0;
        for (int i = 0; i < 60; i++) {
            ObjectId o = new ObjectId(B, "o-" + i);
            NodeInfo owner = TargetPlacement.owner(smap.map, o.uname());
            Optional<NodeInfo> r = svc.redirect(o);
            if (owner.id().equals("t1")) {
                toSelf++;
                assertThat(r).isEmpty();
            } else {
                away++;
                assertThat(r).contains(owner);
            }
        }
        assertThat(toSelf).isPositive();
        assertThat(away).isPositive();

        smap.map = map(self.withFlags(NodeInfo.MAINT), target("t2", 2).withFlags(NodeInfo.MAINT));
        assertThatThrownBy(() -> svc.redirect(id)).satisfies(e -> assertKind(e, AisException.Kind.UNAVAILABLE));
    }

    @Test
    void anObjectCommittedHereForAnotherOwnerStaysWhenTheOwnerCannotBeReached() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        smap.map = map(self, target("t2", closed));
        ObjectId mine = null;
        ObjectId theirs = null;
        for (int i = 0; mine == null || theirs == null; i++) {
            ObjectId o = new ObjectId(B, "mpu-" + i);
            if (TargetPlacement.owner(smap.map, o.uname()).id().equals("t1")) {
                mine = o;
            } else {
                theirs = o;
            }
        }
        disk.store(mine, new byte[] {1}, "1");
        disk.store(theirs, new byte[] {2}, "1");
        assertThat(svc.handOver(mine)).isEmpty();
        assertThat(svc.handOver(theirs)).isEmpty();
        assertThat(disk.stats).containsKeys(mine, theirs);
        assertThat(disk.calls).containsExactly("open"); // read to be sent, not deleted
    }

    @Test
    void optionsFollowTheBucketProps() {
        PutOptions d = ObjectService.options(BucketProps.defaults(1, 1));
        assertThat(d.checksumType()).isEqualTo(ChecksumType.XXHASH2);
        assertThat(d.versioning()).isTrue();
        assertThat(d.fsync()).isTrue();
        assertThat(d.copies()).isEqualTo(1);
        PutOptions m = ObjectService.options(mirrored());
        assertThat(m.checksumType()).isEqualTo(ChecksumType.MD5);
        assertThat(m.versioning()).isFalse();
        assertThat(m.fsync()).isFalse();
        assertThat(m.copies()).isEqualTo(3);
        assertThat(m.syncCopies()).isTrue();
    }
}
