package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.BCK;
import static net.aisj.connector.fs.EngineFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.hrw.Hrw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountpathsTest {

    @TempDir
    Path dir;

    @Test
    void objectsSpreadByHrwAndListingsMerge() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b/../b2");
        try (EngineFixture fx = EngineFixture.open(a, b)) {
            List<Mountpath> mps = List.of(fx.mountpath(0), fx.mountpath(1));
            assertThat(mps.get(1).path()).isEqualTo(dir.resolve("b2").toString());
            List<String> names = new ArrayList<>();
            int[] count = new int[2];
            for (int i = 0; i < 200; i++) {
                String n = "s/" + i;
                names.add(n);
                fx.put(n, "v" + i);
                Mountpath owner = Hrw.best(mps, Hrw.digest(id(n).uname()), m -> Hrw.digest(m.path()));
                int o = owner.path().equals(mps.get(0).path()) ? 0 : 1;
                count[o]++;
                assertThat(Fqn.objectPath(mps.get(o).root(), id(n))).exists();
                assertThat(Fqn.objectPath(mps.get(1 - o).root(), id(n))).doesNotExist();
                assertThat(fx.engine.stat(id(n)).orElseThrow().mountpath()).isEqualTo(owner.path());
            }
            assertThat(count[0]).isBetween(60, 140);
            assertThat(count[1]).isBetween(60, 140);
            names.sort(ListingTest.BYTES);
            List<String> listed = new ArrayList<>();
            String token = "";
            do {
                var p = fx.engine.list(BCK, new ListRequest("", token, 17, false, false));
                p.entries().forEach(e -> listed.add(e.name()));
                token = p.nextToken();
            } while (!token.isEmpty());
            assertThat(listed).containsExactlyElementsOf(names);
            NodeVolume v = fx.engine.volume();
            assertThat(v.mountpaths())
                    .extracting(MountpathInfo::path)
                    .containsExactly(a.toString(), dir.resolve("b2").toString());
            assertThat(v.mountpaths()).allSatisfy(m -> {
                assertThat(m.enabled()).isTrue();
                assertThat(m.xattrs()).isTrue();
                assertThat(m.totalBytes()).isPositive();
            });
        }
    }

    @Test
    void misplacedCopiesAreListedOnceFoundAndDeleted() throws Exception {
        try (EngineFixture fx = EngineFixture.open(dir.resolve("a"), dir.resolve("b"))) {
            List<Mountpath> mps = List.of(fx.mountpath(0), fx.mountpath(1));
            fx.put("m", "main");
            ObjectId id = id("m");
            Mountpath owner = MountpathHrw.select(mps, id);
            Mountpath other = owner.path().equals(mps.get(0).path()) ? mps.get(1) : mps.get(0);
            Path src = Fqn.objectPath(owner.root(), id);
            Path stray = Fqn.objectPath(other.root(), id);
            Files.createDirectories(stray.getParent());
            Files.copy(src, stray);
            MetaStore.writeXattr(stray, MetaStore.readXattr(src));
            List<ListEntry> entries = fx.engine
                    .list(BCK, new ListRequest("", "", 10, false, false))
                    .entries();
            assertThat(entries)
                    .singleElement()
                    .satisfies(e -> assertThat(e.stat().mountpath()).isEqualTo(owner.path()));
            // only the misplaced copy left: still found
            Files.delete(src);
            assertThat(fx.engine.stat(id).orElseThrow().mountpath()).isEqualTo(other.path());
            assertThat(new String(fx.get("m"))).isEqualTo("main");
            // a new PUT lands on the owner and drops the stray copy
            fx.put("m", "new");
            assertThat(src).exists();
            assertThat(stray).doesNotExist();
            Files.copy(src, stray);
            assertThat(fx.engine.delete(id)).isTrue();
            assertThat(src).doesNotExist();
            assertThat(stray).doesNotExist();
            assertThat(fx.engine.delete(id)).isFalse();
        }
    }

    @Test
    void nodeIdIsGeneratedOnceAndKeptOnEveryMountpath() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String id;
        try (EngineFixture fx = EngineFixture.open(a, b)) {
            id = fx.engine.volume().nodeId();
            assertThat(id).matches("[A-Za-z][A-Za-z0-9]{7}");
        }
        assertThat(VolumeRecord.read(a)).isEqualTo(new VolumeRecord(id, List.of(a.toString(), b.toString())));
        assertThat(VolumeRecord.read(b).nodeId()).isEqualTo(id);
        try (EngineFixture fx = EngineFixture.open(a, b)) {
            assertThat(fx.engine.volume().nodeId()).isEqualTo(id);
        }
        try (EngineFixture fx = new EngineFixture(EngineConfig.fromSystemProperties(), id, a, b)) {
            assertThat(fx.engine.volume().nodeId()).isEqualTo(id);
        }
        // a new mountpath joins the node
        Path c = dir.resolve("c");
        try (EngineFixture fx = EngineFixture.open(a, c)) {
            assertThat(fx.engine.volume().nodeId()).isEqualTo(id);
        }
        assertThat(VolumeRecord.read(c).nodeId()).isEqualTo(id);
    }

    @Test
    void mountpathChangesByRequestSurviveARestart() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        Path d = dir.resolve("d");
        try (EngineFixture fx = EngineFixture.open(a, b, c)) {
            fx.engine.attachMountpath(d.toString());
            fx.engine.detachMountpath(b.toString());
            fx.engine.enableMountpath(c.toString(), false);
            for (int i = 0; i < 40; i++) {
                fx.put("r/" + i, "v" + i);
            }
        }
        VolumeRecord rec = VolumeRecord.read(a);
        assertThat(rec.mountpaths()).containsExactly(a.toString(), c.toString(), d.toString());
        assertThat(rec.configured()).containsExactly(a.toString(), b.toString(), c.toString());
        assertThat(rec.disabled()).containsExactly(c.toString());
        assertThat(VolumeRecord.read(d)).isEqualTo(rec);
        // the same configuration again: d is back, b stays out, c stays disabled, every object is there
        try (EngineFixture fx = EngineFixture.open(a, b, c)) {
            assertThat(fx.engine.volume().mountpaths())
                    .extracting(MountpathInfo::path)
                    .containsExactly(a.toString(), c.toString(), d.toString());
            assertThat(fx.engine.volume().mountpaths())
                    .extracting(MountpathInfo::enabled)
                    .containsExactly(true, false, true);
            for (int i = 0; i < 40; i++) {
                assertThat(fx.engine.stat(id("r/" + i))).as("r/" + i).isPresent();
            }
            fx.engine.enableMountpath(c.toString(), true);
        }
        assertThat(VolumeRecord.read(a).disabled()).isEmpty();
        assertThat(VolumeRecord.read(a).version()).isGreaterThan(rec.version());
        // a newly configured mountpath joins; one dropped from the configuration goes
        Path e = dir.resolve("e");
        try (EngineFixture fx = EngineFixture.open(a, e)) {
            assertThat(fx.engine.volume().mountpaths())
                    .extracting(MountpathInfo::path)
                    .containsExactly(a.toString(), e.toString(), d.toString());
            assertThat(fx.engine.volume().mountpaths())
                    .extracting(MountpathInfo::enabled)
                    .containsOnly(true);
        }
    }

    @Test
    void configuredNodeIdConflictingWithTheDiskIsRefused() throws Exception {
        Path a = dir.resolve("a");
        try (EngineFixture fx = new EngineFixture(EngineConfig.fromSystemProperties(), "t1", a)) {
            assertThat(fx.engine.volume().nodeId()).isEqualTo("t1");
        }
        StorageEngine e = new StorageEngine(EngineConfig.fromSystemProperties(), new TestBackground());
        assertThatThrownBy(() -> e.open("t2", List.of(a.toString())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("t1")
                .hasMessageContaining("t2")
                .satisfies(x -> assertThat(((StorageException) x).reason()).isEqualTo(Reason.BAD_REQUEST));
        assertThat(e.healthy()).isFalse();
        // two disks of different nodes
        Path b = dir.resolve("b");
        new VolumeRecord("other", List.of(b.toString())).write(Files.createDirectories(b));
        assertThatThrownBy(() -> e.open(null, List.of(a.toString(), b.toString())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("t1")
                .hasMessageContaining("other");
    }

    @Test
    void openIsIdempotentAndRefusesChanges() throws Exception {
        Path a = dir.resolve("a");
        try (EngineFixture fx = EngineFixture.open(a)) {
            assertThat(fx.engine.healthy()).isTrue();
            NodeVolume v = fx.engine.open(null, List.of(a.toString() + "/"));
            assertThat(v.mountpaths()).hasSize(1);
            assertThatThrownBy(
                            () -> fx.engine.open(null, List.of(dir.resolve("z").toString())))
                    .satisfies(x -> assertThat(((StorageException) x).reason()).isEqualTo(Reason.BAD_REQUEST));
            fx.shutdown();
            assertThat(fx.engine.healthy()).isFalse();
            assertThatThrownBy(() -> fx.put("x", "y"))
                    .satisfies(x -> assertThat(((StorageException) x).reason()).isEqualTo(Reason.UNAVAILABLE));
        }
    }

    @Test
    void unusableMountpathsAreSkippedAndNoneIsUnavailable() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path a = dir.resolve("a");
        try (EngineFixture fx = EngineFixture.open(a, file)) {
            assertThat(fx.engine.healthy()).isTrue();
            assertThat(fx.engine.volume().mountpaths())
                    .extracting(MountpathInfo::enabled)
                    .containsExactly(true, false);
            fx.put("x", "y");
        }
        StorageEngine e = new StorageEngine(EngineConfig.fromSystemProperties(), new TestBackground());
        assertThatThrownBy(() -> e.open(null, List.of(file.toString())))
                .satisfies(x -> assertThat(((StorageException) x).reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThatThrownBy(() ->
                        e.open(null, List.of(a.toString(), a.resolve("inner").toString())))
                .satisfies(x -> assertThat(((StorageException) x).reason()).isEqualTo(Reason.BAD_REQUEST));
        assertThatThrownBy(() -> e.open(null, List.of()))
                .satisfies(x -> assertThat(((StorageException) x).reason()).isEqualTo(Reason.BAD_REQUEST));
    }

    @Test
    void bucketsAreCreatedAndDestroyedOnEveryMountpath() throws Exception {
        try (EngineFixture fx = EngineFixture.open(dir.resolve("a"), dir.resolve("b"))) {
            fx.engine.createBucket(BCK);
            assertThat(Fqn.objectsDir(dir.resolve("a"), BCK)).isDirectory();
            assertThat(Fqn.objectsDir(dir.resolve("b"), BCK)).isDirectory();
            for (int i = 0; i < 20; i++) {
                fx.put("o" + i, "x");
            }
            fx.engine.destroyBucket(BCK);
            assertThat(Fqn.bucketDir(dir.resolve("a"), BCK)).doesNotExist();
            assertThat(Fqn.bucketDir(dir.resolve("b"), BCK)).doesNotExist();
            assertThat(fx.engine
                            .list(BCK, new ListRequest("", "", 10, false, true))
                            .entries())
                    .isEmpty();
            assertThat(fx.engine.stat(id("o1"))).isEmpty();
            fx.engine.destroyBucket(BCK);
            fx.engine.createBucket(BCK);
            fx.put("o1", "again");
            assertThat(fx.engine.stat(id("o1")).orElseThrow().version()).isEqualTo("1");
            var nsBucket = new BucketId("ais", "@remote#ns", "bck");
            fx.engine.put(
                    new ObjectId(nsBucket, "o1"),
                    new java.io.ByteArrayInputStream(new byte[3]),
                    EngineFixture.FAST.withCustom(Map.of()));
            assertThat(fx.engine
                            .stat(new ObjectId(nsBucket, "o1"))
                            .orElseThrow()
                            .size())
                    .isEqualTo(3);
            assertThat(fx.engine.stat(id("o1")).orElseThrow().size()).isEqualTo(5);
        }
    }
}
