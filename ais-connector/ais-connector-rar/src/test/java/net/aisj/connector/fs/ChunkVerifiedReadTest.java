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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.ChecksumMismatchException;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-chunk checksums: written by every commit path and carried by copies; a large object is verified one chunk at a
 * time before the chunk is sent, a bad chunk read from the other copy (whole and ranged reads), the transfer cut only
 * when no copy has the chunk right.
 */
class ChunkVerifiedReadTest {

    static final int CS = ChunkSums.CHUNK;
    /** Three full chunks and a short last one. */
    static final int LARGE = 3 * CS + 12_345;

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

    List<Mountpath> ranked(ObjectId id) {
        return MountpathHrw.ranked(List.of(fx.mountpath(0), fx.mountpath(1)), id);
    }

    ObjectMeta meta(Mountpath mp, ObjectId id) throws Exception {
        return mp.meta().read(Fqn.objectPath(mp.root(), id));
    }

    long badCopies() throws StorageException {
        return fx.engine.volume().mountpaths().stream()
                .mapToLong(MountpathInfo::badCopies)
                .sum();
    }

    static long[] expectedSums(byte[] data) {
        int n = (data.length + CS - 1) / CS;
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = ChunkSums.of(data, i * CS, Math.min(CS, data.length - i * CS));
        }
        return h;
    }

    ObjectId mirrored(String name, byte[] data) throws Exception {
        ObjectId a = id(name);
        fx.engine.put(a, new ByteArrayInputStream(data), FAST.withCopies(2, true));
        return a;
    }

    byte[] read(ObjectId id, long off, long len) throws Exception {
        try (ObjectReader r = fx.engine.open(id, true)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.transferTo(out, off, len);
            return out.toByteArray();
        }
    }

    @Test
    void sumsAreWrittenAtPutAndCarriedByTheCopies() throws Exception {
        byte[] data = random(1, LARGE);
        ObjectId a = mirrored("sums", data);
        for (Mountpath mp : ranked(a)) {
            ObjectMeta m = meta(mp, a);
            assertThat(m.sums()).isNotNull();
            assertThat(m.sums().chunkSize()).isEqualTo(CS);
            assertThat(m.sums().hashes()).containsExactly(expectedSums(data));
        }
        // small objects are verified whole: no list; a bucket without checksum keeps none
        ObjectId small = id("small");
        fx.engine.put(small, new ByteArrayInputStream(random(2, CS)), FAST);
        assertThat(meta(ranked(small).get(0), small).sums()).isNull();
        ObjectId none = id("none");
        fx.engine.put(
                none,
                new ByteArrayInputStream(random(3, LARGE)),
                new PutOptions(ChecksumType.NONE, null, -1, Map.of(), true, false));
        assertThat(meta(ranked(none).get(0), none).sums()).isNull();
    }

    @Test
    void sumsAreWrittenByAppendFlushAndMultipartComplete() throws Exception {
        byte[] data = random(4, LARGE);
        ObjectId app = id("appended");
        String h = fx.engine.append(app, null, new ByteArrayInputStream(data, 0, CS + 7));
        fx.engine.append(app, h, new ByteArrayInputStream(data, CS + 7, LARGE - CS - 7));
        fx.engine.flushAppend(app, h, FAST);
        assertThat(meta(ranked(app).get(0), app).sums().hashes()).containsExactly(expectedSums(data));

        ObjectId mpu = id("multipart");
        String up = fx.engine.createUpload(mpu, Map.of());
        int cut = CS / 2 + 3; // parts that do not align with the chunks
        fx.engine.putPart(mpu, up, 1, new ByteArrayInputStream(data, 0, cut), cut);
        fx.engine.putPart(mpu, up, 2, new ByteArrayInputStream(data, cut, LARGE - cut), LARGE - cut);
        fx.engine.completeUpload(mpu, up, List.of(1, 2), FAST);
        assertThat(meta(ranked(mpu).get(0), mpu).sums().hashes()).containsExactly(expectedSums(data));
        assertThat(read(mpu, 0, -1)).isEqualTo(data);
        assertThat(read(mpu, cut - 10, CS)).isEqualTo(Arrays.copyOfRange(data, cut - 10, cut - 10 + CS));
    }

    @Test
    void aFlippedByteInOneCopyIsServedRightFromTheOtherAndHealed() throws Exception {
        long[] ats = {0, CS + CS / 2, LARGE - 1}; // first, middle, last chunk
        for (long at : ats) {
            byte[] data = random(at, LARGE);
            ObjectId a = mirrored("flip-" + at, data);
            Mountpath bad = ranked(a).get(0); // the copy a read starts on (no reader open: HRW order)
            VerifiedReadTest.flip(bad, a, at);
            assertThat(read(a, 0, -1)).isEqualTo(data);
            assertThat(fx.engine.awaitCopies(Duration.ofSeconds(20))).isTrue();
            assertThat(Files.readAllBytes(Fqn.objectPath(bad.root(), a))).isEqualTo(data);
            assertThat(read(a, 0, -1)).isEqualTo(data);
        }
        assertThat(badCopies()).isEqualTo(ats.length);
    }

    /** Flips the byte at {@code at} in every copy (each read then starts on a bad copy). */
    void flipBoth(ObjectId a, long at) throws Exception {
        for (Mountpath mp : ranked(a)) {
            VerifiedReadTest.flip(mp, a, at);
        }
    }

    @Test
    void aRangeOverABadChunkIsServedRightFromTheOtherCopy() throws Exception {
        long at = 2L * CS + 100;
        long[][] ranges = {{CS - 1000, 2 * CS}, {at - 5, 10}, {at, LARGE - at}};
        for (long[] range : ranges) {
            byte[] data = random(range[0], LARGE);
            ObjectId a = mirrored("range-" + range[0], data);
            VerifiedReadTest.flip(ranked(a).get(0), a, at);
            int off = (int) range[0];
            int len = (int) range[1];
            assertThat(read(a, off, len)).isEqualTo(Arrays.copyOfRange(data, off, off + len));
        }
        assertThat(badCopies()).isEqualTo(ranges.length);
    }

    @Test
    void eachChunkIsServedFromWhicheverCopyHasItRight() throws Exception {
        byte[] data = random(5, LARGE);
        ObjectId a = mirrored("both-elsewhere", data);
        VerifiedReadTest.flip(ranked(a).get(0), a, 2L * CS + 100);
        VerifiedReadTest.flip(ranked(a).get(1), a, LARGE - 1); // the other copy is bad at a later chunk
        // the read starts on the first copy, switches to the other at chunk 3, back to the first at chunk 4
        assertThat(read(a, 0, -1)).isEqualTo(data);
        assertThat(badCopies()).isEqualTo(2);
    }

    @Test
    void whenEveryCopyHasTheChunkWrongTheTransferIsCutBeforeIt() throws Exception {
        byte[] data = random(6, LARGE);
        ObjectId a = mirrored("both", data);
        long at = CS + 77;
        flipBoth(a, at);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectReader r = fx.engine.open(a, true)) {
            assertThat(r.cutsOnMismatch(0, -1)).isTrue();
            assertThatThrownBy(() -> r.transferTo(out, 0, -1)).isInstanceOf(ChecksumMismatchException.class);
        }
        // never a wrong byte: exactly the good chunks before the bad one
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(data, CS));
        ByteArrayOutputStream ranged = new ByteArrayOutputStream();
        try (ObjectReader r = fx.engine.open(a, false)) {
            r.transferTo(ranged, 0, 1); // unverified reads still open (a bucket with verification off)
        }
        assertThat(badCopies()).isEqualTo(2);
    }

    @Test
    void aRangeOutsideTheBadChunkIsServedFromTheSameCopy() throws Exception {
        byte[] data = random(8, LARGE);
        ObjectId a = mirrored("outside", data);
        flipBoth(a, LARGE - 1);
        assertThat(read(a, 10, 2 * CS)).isEqualTo(Arrays.copyOfRange(data, 10, 10 + 2 * CS));
        assertThat(badCopies()).isZero(); // the bad chunk was not read
        assertThatThrownBy(() -> read(a, LARGE - 5, 5)).isInstanceOf(ChecksumMismatchException.class);
    }
}
