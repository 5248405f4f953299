package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static net.aisj.connector.fs.EngineFixture.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N-way mirroring across three mountpaths: placement, reads from any good copy, healing, resilver moves. */
class CopiesTest {

    @TempDir
    Path dir;

    EngineFixture fx;

    @BeforeEach
    void open() throws Exception {
        fx = EngineFixture.open(dir.resolve("a"), dir.resolve("b"), dir.resolve("c"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    List<Mountpath> ranked(ObjectId id) {
        return MountpathHrw.ranked(List.of(fx.mountpath(0), fx.mountpath(1), fx.mountpath(2)), id);
    }

    Path file(Mountpath mp, ObjectId id) throws StorageException {
        return Fqn.objectPath(mp.root(), id);
    }

    /** The mountpaths holding a file of the name, in HRW order. */
    List<String> holders(ObjectId id) throws StorageException {
        List<String> out = new ArrayList<>();
        for (Mountpath mp : ranked(id)) {
            if (Files.isRegularFile(file(mp, id))) {
                out.add(mp.path());
            }
        }
        return out;
    }

    byte[] read(ObjectId id, boolean validate) throws Exception {
        try (ObjectReader r = fx.engine.open(id, validate)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.transferTo(out, 0, -1);
            return out.toByteArray();
        }
    }

    void awaitCopies() throws Exception {
        assertThat(fx.engine.awaitCopies(Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void syncAndAsyncCopiesGoToTheFirstMountpathsInHrwOrder() throws Exception {
        ObjectId a = id("sync");
        byte[] data = random(1, 100_000);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(2, true));
        List<String> want =
                ranked(a).subList(0, 2).stream().map(Mountpath::path).toList();
        assertThat(holders(a)).isEqualTo(want);
        assertThat(fx.engine.stat(a).orElseThrow().copies()).containsExactlyElementsOf(want);

        ObjectId b = id("async");
        fx.engine.put(b, new ByteArrayInputStream(data), FAST.withCopies(3, false));
        awaitCopies();
        assertThat(holders(b)).hasSize(3);
        assertThat(read(b, true)).isEqualTo(data);

        // fewer copies, then more again
        assertThat(fx.engine.placeCopies(b, 1)).isEqualTo(2);
        assertThat(holders(b)).containsExactly(ranked(b).get(0).path());
        assertThat(fx.engine.placeCopies(b, 1)).isZero();
        fx.engine.placeCopies(b, 2);
        assertThat(holders(b)).hasSize(2);
    }

    @Test
    void anOverwriteDropsTheOldCopiesAndRenameDeleteLeaveNoStaleOnes() throws Exception {
        ObjectId a = id("ow");
        fx.engine.put(a, new ByteArrayInputStream(random(1, 5000)), FAST.withCopies(3, true));
        byte[] second = random(2, 7000);
        fx.engine.put(a, new ByteArrayInputStream(second), FAST);
        assertThat(holders(a)).containsExactly(ranked(a).get(0).path());
        assertThat(read(a, true)).isEqualTo(second);

        fx.engine.placeCopies(a, 3);
        fx.engine.setCustom(a, Map.of("k", "v"), false);
        for (Mountpath mp : ranked(a)) {
            assertThat(mp.meta().read(file(mp, a)).custom()).containsEntry("k", "v");
        }
        fx.engine.rename(a, "moved");
        assertThat(holders(a)).isEmpty();
        awaitCopies();
        assertThat(holders(id("moved"))).hasSize(3);
        assertThat(read(id("moved"), true)).isEqualTo(second);
        assertThat(fx.engine.delete(id("moved"))).isTrue();
        assertThat(holders(id("moved"))).isEmpty();
    }

    @Test
    void aMissingOrBitFlippedCopyIsNeverServedAndIsHealed() throws Exception {
        ObjectId a = id("heal/1");
        byte[] data = random(3, 300_000);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(2, true));
        List<Mountpath> r = ranked(a);

        // flip a bit in the main copy: a validating read serves the other copy; the bad one is replaced
        Path main = file(r.get(0), a);
        byte[] onDisk = Files.readAllBytes(main);
        onDisk[12345] ^= 0x01;
        Files.write(main, onDisk);
        r.get(0).meta().update(main, r.get(1).meta().read(file(r.get(1), a))); // the LOM is intact
        assertThat(read(a, true)).isEqualTo(data);
        awaitCopies();
        assertThat(Files.readAllBytes(main)).isEqualTo(data);
        assertThat(holders(a)).containsExactly(r.get(0).path(), r.get(1).path());

        // remove the second copy's file: reads go on, the copy comes back
        Files.delete(file(r.get(1), a));
        assertThat(read(a, false)).isEqualTo(data);
        awaitCopies();
        assertThat(Files.readAllBytes(file(r.get(1), a))).isEqualTo(data);
        Files.delete(file(r.get(0), a));
        assertThat(read(a, false)).isEqualTo(data);
        awaitCopies();
        assertThat(Files.readAllBytes(file(r.get(0), a))).isEqualTo(data);

        // truncate one copy: its size no longer matches, it is skipped without validation
        Files.write(file(r.get(0), a), new byte[10]);
        assertThat(read(a, false)).isEqualTo(data);
        awaitCopies();
        assertThat(Files.readAllBytes(file(r.get(0), a))).isEqualTo(data);
    }

    @Test
    void everyCopyBadIsAnErrorAndNothingIsDeleted() throws Exception {
        ObjectId a = id("bad");
        byte[] data = random(4, 4096);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(2, true));
        for (Mountpath mp : ranked(a).subList(0, 2)) {
            Path p = file(mp, a);
            ObjectMeta m = mp.meta().read(p);
            byte[] b = Files.readAllBytes(p);
            b[0] ^= 0x10;
            Files.write(p, b);
            mp.meta().update(p, m);
        }
        assertThatThrownBy(() -> read(a, true))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPTED));
        assertThatThrownBy(() -> fx.engine.placeCopies(a, 3))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPTED));
        assertThat(holders(a)).hasSize(2);
    }

    @Test
    void disablingAMountpathMovesItsObjectsOnResilver() throws Exception {
        List<ObjectId> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectId id = id("mv/" + i);
            fx.put(id.name(), "content " + i);
            ids.add(id);
        }
        Mountpath gone = fx.mountpath(0);
        long gen = fx.engine.mountpathGeneration();
        fx.engine.enableMountpath(gone.path(), false);
        assertThat(fx.engine.mountpathGeneration()).isGreaterThan(gen);
        int moved = 0;
        for (ObjectId id : ids) {
            assertThat(fx.get(id.name())).asString().isEqualTo("content " + ids.indexOf(id)); // still readable
            moved += fx.engine.placeCopies(id, 1) > 0 ? 1 : 0;
            assertThat(Files.exists(file(gone, id))).isFalse();
            assertThat(fx.get(id.name())).asString().isEqualTo("content " + ids.indexOf(id));
        }
        assertThat(moved).isPositive();
        assertThat(fx.engine
                        .list(EngineFixture.BCK, new ListRequest("", "", 1000, false, true))
                        .entries())
                .hasSize(30);
        assertThatThrownBy(() -> {
                    fx.engine.enableMountpath(fx.mountpath(1).path(), false);
                    fx.engine.enableMountpath(fx.mountpath(2).path(), false);
                })
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.getMessage()).contains("last usable"));
    }

    @Test
    void attachAndDetachAtRunTime() throws Exception {
        Path extra = dir.resolve("d");
        var v = fx.engine.attachMountpath(extra.toString());
        assertThat(v.mountpaths()).hasSize(4);
        assertThat(Files.isDirectory(extra.resolve(Fqn.WORK))).isTrue();
        assertThatThrownBy(
                        () -> fx.engine.attachMountpath(extra.resolve("nested").toString()))
                .isInstanceOf(StorageException.class);
        fx.engine.detachMountpath(extra.toString());
        assertThat(fx.engine.volume().mountpaths()).hasSize(3);
    }

    @Test
    void scrubFindsSilentCorruptionInAnyCopyAndRepairsIt() throws Exception {
        ObjectId a = id("scrub");
        byte[] data = random(9, 50_000);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(3, true));
        assertThat(fx.engine.scrub(a)).isZero();
        Mountpath third = ranked(a).get(2);
        Path p = file(third, a);
        byte[] b = Files.readAllBytes(p);
        b[b.length - 1] ^= 0x20;
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(b), 0); // in place: same inode, LOM kept
        }
        assertThat(fx.engine.scrub(a)).isEqualTo(1);
        assertThat(Files.readAllBytes(p)).isEqualTo(data);
        assertThat(holders(a)).hasSize(3);
        assertThat(fx.engine.scrub(a)).isZero();
    }

    @Test
    void aResilverWalkTouchesOnlyTheObjectsOfTheDisabledMountpath() throws Exception {
        for (int i = 0; i < 150; i++) {
            fx.put("o" + i, random(i, 500 + 97 * i));
        }
        Mountpath gone = fx.mountpath(0);
        long onGone;
        try (var st = Files.list(Fqn.objectsDir(gone.root(), EngineFixture.BCK))) {
            onGone = st.count();
        }
        fx.engine.enableMountpath(gone.path(), false);
        var page = fx.engine.list(EngineFixture.BCK, new ListRequest("", "", 1000, false, false));
        assertThat(page.entries()).hasSize(150);
        int changed = 0;
        for (var e : page.entries()) {
            changed += fx.engine.placeCopies(id(e.name()), 1) > 0 ? 1 : 0;
        }
        assertThat(changed).isEqualTo((int) onGone);
        try (var st = Files.list(Fqn.objectsDir(gone.root(), EngineFixture.BCK))) {
            assertThat(st.count()).isZero();
        }
    }

    @Test
    void aCopyVerifiesItsSourceAndFallsBackToAGoodCopy() throws Exception {
        ObjectId a = id("src");
        byte[] data = random(11, 80_000);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(2, true));
        for (int i = 0; i < 2; i++) {
            Path p = file(ranked(a).get(i), a);
            byte[] b = Files.readAllBytes(p);
            b[100] ^= 0x01;
            try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(b), 0);
            }
            if (i == 0) {
                fx.engine.copy(a, id("dst"), FAST); // the first copy is bad: redone from the second
                assertThat(fx.get("dst")).isEqualTo(data);
                assertThat(fx.engine.awaitCopies(Duration.ofSeconds(20))).isTrue();
                assertThat(Files.readAllBytes(p)).isEqualTo(data); // healed
            }
        }
        // flip the first again: now both are bad, and nothing is committed
        Path first = file(ranked(a).get(0), a);
        byte[] b = Files.readAllBytes(first);
        b[200] ^= 0x01;
        try (var ch = java.nio.channels.FileChannel.open(first, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(b), 0);
        }
        assertThatThrownBy(() -> fx.engine.copy(a, id("dst2"), FAST))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPTED));
        assertThat(fx.engine.stat(id("dst2"))).isEmpty();
    }
}
