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
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.ChecksumMismatchException;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verified reads: a small bad copy is refused before its first byte, a large one without chunk sums (written before
 * they existed: {@link #asWrittenBefore}) cut before its last chunk; the bad copy is counted once, quarantined and
 * healed from a good one; ranges of such objects queue a verification; type none is served. Large objects with chunk
 * sums: {@link ChunkVerifiedReadTest}.
 */
class VerifiedReadTest {

    static final int LARGE = ObjectFileReader.VERIFY_BEFORE_SEND_MAX + 700_001;

    @TempDir
    Path dir;

    EngineFixture fx;

    @BeforeEach
    void open() throws Exception {
        fx = EngineFixture.open(dir.resolve("a"), dir.resolve("b"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    Mountpath main(ObjectId id) {
        return MountpathHrw.ranked(List.of(fx.mountpath(0), fx.mountpath(1)), id)
                .get(0);
    }

    /** Flips one byte of the copy on {@code mp} in place (the LOM is untouched). */
    static void flip(Mountpath mp, ObjectId id, long at) throws Exception {
        Path f = Fqn.objectPath(mp.root(), id);
        try (var ch = java.nio.channels.FileChannel.open(
                f, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, at);
            b.flip();
            b.put(0, (byte) (b.get(0) ^ 0x10));
            ch.write(b, at);
        }
    }

    /** Drops the chunk sums from every copy's LOM: the object as this engine wrote it before they existed. */
    void asWrittenBefore(ObjectId id) throws Exception {
        for (int i = 0; i < 2; i++) {
            Mountpath mp = fx.mountpath(i);
            Path f = Fqn.objectPath(mp.root(), id);
            if (Files.isRegularFile(f)) {
                ObjectMeta m = mp.meta().read(f);
                assertThat(m.sums()).isNotNull();
                mp.meta().update(f, m.withSums(null));
            }
        }
    }

    long badCopies() throws StorageException {
        return fx.engine.volume().mountpaths().stream()
                .mapToLong(MountpathInfo::badCopies)
                .sum();
    }

    @Test
    void aSmallBadCopyIsRefusedBeforeItsFirstByteAndStaysQuarantined() throws Exception {
        ObjectId a = id("small");
        byte[] data = random(1, 10_240);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST);
        flip(main(a), a, 0);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> fx.engine.open(a, true))
                    .isInstanceOfSatisfying(
                            StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPTED));
        }
        assertThat(badCopies()).isEqualTo(1);
        // reads without verification (the bucket turned it off) serve the copy as it is
        fx.engine.open(a, false).close();
        // a new content at the same path is served again
        fx.engine.put(a, new ByteArrayInputStream(data), FAST);
        assertThat(read(a, 0, -1)).isEqualTo(data);
    }

    @Test
    void aLargeBadCopyIsCutBeforeItsLastChunkThenRefusedAtOpen() throws Exception {
        for (long at : new long[] {0, LARGE / 2, LARGE - 1}) {
            ObjectId a = id("large-" + at);
            byte[] data = random(at, LARGE);
            fx.engine.put(a, new ByteArrayInputStream(data), FAST);
            asWrittenBefore(a);
            flip(main(a), a, at);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectReader r = fx.engine.open(a, true)) {
                assertThatThrownBy(() -> r.transferTo(out, 0, -1)).isInstanceOf(ChecksumMismatchException.class);
            }
            assertThat(out.size()).isLessThan(LARGE).isGreaterThan(0);
            assertThatThrownBy(() -> fx.engine.open(a, true))
                    .isInstanceOfSatisfying(
                            StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPTED));
        }
        assertThat(badCopies()).isEqualTo(3);
    }

    @Test
    void aLargeBadMirrorCopyIsHealedFromTheGoodOne() throws Exception {
        ObjectId a = id("mirrored");
        byte[] data = random(7, LARGE);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(2, true));
        asWrittenBefore(a);
        Mountpath bad = main(a);
        flip(bad, a, LARGE / 3);
        try (ObjectReader r = fx.engine.open(a, true)) {
            assertThatThrownBy(() -> r.transferTo(new ByteArrayOutputStream(), 0, -1))
                    .isInstanceOf(ChecksumMismatchException.class);
        }
        assertThat(fx.engine.awaitCopies(Duration.ofSeconds(20))).isTrue();
        assertThat(Files.readAllBytes(Fqn.objectPath(bad.root(), a))).isEqualTo(data);
        assertThat(read(a, 0, -1)).isEqualTo(data);
        assertThat(badCopies()).isEqualTo(1);
    }

    @Test
    void anUnverifiedRangeQueuesTheVerificationOfItsCopy() throws Exception {
        ObjectId a = id("ranged");
        byte[] data = random(9, LARGE);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST);
        asWrittenBefore(a);
        flip(main(a), a, LARGE - 10);
        // the range does not hold the flipped byte: served, and the copy is verified in the background
        assertThat(read(a, 100, 1000)).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 1100));
        assertThat(fx.engine.awaitCopies(Duration.ofSeconds(20))).isTrue();
        assertThat(badCopies()).isEqualTo(1);
        assertThatThrownBy(() -> fx.engine.open(a, true))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPTED));
    }

    @Test
    void aRangeOfASmallObjectIsServedFromItsVerifiedWhole() throws Exception {
        ObjectId a = id("small-range");
        byte[] data = random(11, 300_000);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(2, true));
        assertThat(read(a, 1000, 5000)).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 6000));
        flip(main(a), a, 299_999);
        // the other copy serves the range; the bad one is healed
        assertThat(read(a, 1000, 5000)).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 6000));
        assertThat(fx.engine.awaitCopies(Duration.ofSeconds(20))).isTrue();
        assertThat(Files.readAllBytes(Fqn.objectPath(main(a).root(), a))).isEqualTo(data);
    }

    @Test
    void anObjectWithoutChecksumIsServedAsItIs() throws Exception {
        ObjectId a = id("none");
        byte[] data = random(13, 5000);
        fx.engine.put(
                a, new ByteArrayInputStream(data), new PutOptions(ChecksumType.NONE, null, -1, Map.of(), true, false));
        flip(main(a), a, 10);
        data[10] ^= 0x10;
        assertThat(read(a, 0, -1)).isEqualTo(data);
        assertThat(badCopies()).isZero();
    }

    @Test
    void theHealthCheckDisablesAMountpathThatKeepsReturningBadCopies() throws Exception {
        Mountpath target = fx.mountpath(0);
        int n = 0;
        for (int i = 0; n < StorageEngine.BAD_COPIES_LIMIT; i++) {
            ObjectId a = id("hc/" + i);
            fx.engine.put(a, new ByteArrayInputStream(random(i, 100)), FAST);
            if (main(a).path().equals(target.path())) {
                flip(target, a, 50);
                assertThatThrownBy(() -> fx.engine.open(a, true)).isInstanceOf(StorageException.class);
                n++;
            }
        }
        assertThat(fx.engine.checkMountpaths()).containsExactly(target.path());
    }

    byte[] read(ObjectId id, long off, long len) throws Exception {
        try (ObjectReader r = fx.engine.open(id, true)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.transferTo(out, off, len);
            return out.toByteArray();
        }
    }
}
