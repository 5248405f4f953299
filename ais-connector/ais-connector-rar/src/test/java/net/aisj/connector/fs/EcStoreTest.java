package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static net.aisj.connector.fs.EngineFixture.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.connector.api.ec.Spooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slice store (%ec, %mt) and coding through work files: encode, store, verify, decode, generations. */
class EcStoreTest {

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

    static EcMeta meta(ObjectStat st, long gen, int sliceId, String sliceSum) {
        return new EcMeta(
                st.name(),
                st.size(),
                gen,
                st.checksum(),
                st.version(),
                sliceSum,
                "main",
                Map.of("main", 0),
                2,
                1,
                sliceId,
                false,
                st.mtimeMillis(),
                Map.of("k", "v"));
    }

    byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void encodedSlicesAreStoredVerifiedAndRebuildTheObject() throws Exception {
        byte[] data = random(1, 300_001);
        fx.put("big/obj", data);
        ObjectId id = id("big/obj");
        ObjectStat[] st = new ObjectStat[1];
        List<Spooled> slices = fx.engine.ecEncode(id, 2, 1, st);
        assertThat(slices).hasSize(3).allSatisfy(s -> assertThat(s.size()).isEqualTo(150_001));
        assertThat(st[0].size()).isEqualTo(data.length);

        // a holder stores slice 2 (index 1) and serves it back with its metafile
        EcMeta m2 = meta(st[0], 7, 2, slices.get(1).checksum().value());
        assertThat(fx.engine.putSlice(
                        id, m2, fx.engine.openSpooled(slices.get(1).token())))
                .isTrue();
        try (EcSlice s = fx.engine.openSlice(id)) {
            assertThat(s.meta()).isEqualTo(m2);
            assertThat(read(s.content()))
                    .isEqualTo(read(fx.engine.openSpooled(slices.get(1).token())));
        }
        assertThat(fx.engine.listSlices(EngineFixture.BCK)).containsExactly(m2);

        // the object is rebuilt from slices 2 and 3 (data slice 1 missing)
        fx.engine.delete(id);
        String[] tokens = {null, slices.get(1).token(), slices.get(2).token()};
        ObjectStat back = fx.engine.ecDecode(id, m2, tokens, FAST);
        assertThat(back.checksum()).isEqualTo(st[0].checksum());
        assertThat(back.custom()).containsEntry("k", "v");
        assertThat(fx.get("big/obj")).isEqualTo(data);
        slices.forEach(s -> fx.engine.releaseSpooled(s.token()));
        assertThatThrownBy(() -> fx.engine.openSpooled(slices.get(0).token())).isInstanceOf(StorageException.class);
    }

    @Test
    void aSliceThatDoesNotMatchItsChecksumIsRefusedAndLeavesNothing() throws Exception {
        fx.put("o", random(2, 10_000));
        ObjectId id = id("o");
        ObjectStat[] st = new ObjectStat[1];
        List<Spooled> slices = fx.engine.ecEncode(id, 2, 1, st);
        EcMeta m = meta(st[0], 1, 1, slices.get(1).checksum().value()); // checksum of another slice
        assertThatThrownBy(() -> fx.engine.putSlice(
                        id, m, fx.engine.openSpooled(slices.get(0).token())))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CHECKSUM));
        assertThat(fx.engine.ecMeta(id)).isEmpty();
        assertThat(EngineFixture.filesUnder(dir.resolve("a").resolve("@ais/bck/%ec")))
                .isEmpty();
        assertThat(EngineFixture.filesUnder(dir.resolve("b").resolve("@ais/bck/%ec")))
                .isEmpty();
    }

    @Test
    void aReplicaIsVerifiedAgainstTheObjectChecksum() throws Exception {
        byte[] data = random(3, 5000);
        ObjectStat st = fx.put("small", data);
        ObjectId other = id("replica-of-small");
        EcMeta m = new EcMeta(
                "replica-of-small", st.size(), 1, st.checksum(), "1", "", "main", Map.of(), 2, 1, 0, true, 0, Map.of());
        assertThat(fx.engine.putSlice(other, m, new ByteArrayInputStream(data))).isTrue();
        byte[] bad = data.clone();
        bad[100] ^= 1;
        assertThatThrownBy(() -> fx.engine.putSlice(other, m, new ByteArrayInputStream(bad)))
                .isInstanceOf(StorageException.class);
        try (EcSlice s = fx.engine.openSlice(other)) {
            assertThat(read(s.content())).isEqualTo(data);
        }
    }

    @Test
    void newerGenerationsReplaceOlderOnesNeverTheOtherWayRound() throws Exception {
        ObjectStat st = fx.put("g", random(4, 100));
        ObjectId id = id("g");
        EcMeta older = new EcMeta("g", 100, 5, st.checksum(), "", "", "m", Map.of(), 2, 1, 0, true, 0, Map.of());
        EcMeta newer = new EcMeta("g", 100, 6, st.checksum(), "", "", "m", Map.of(), 2, 1, 0, true, 0, Map.of());
        byte[] data = fx.get("g");
        assertThat(fx.engine.putSlice(id, newer, new ByteArrayInputStream(data)))
                .isTrue();
        assertThat(fx.engine.putSlice(id, older, new ByteArrayInputStream(data)))
                .isFalse();
        assertThat(fx.engine.ecMeta(id)).contains(newer);
        assertThat(fx.engine.deleteEc(id, 5)).isFalse();
        assertThat(fx.engine.deleteEc(id, 6)).isTrue();
        assertThat(fx.engine.ecMeta(id)).isEmpty();
        assertThatThrownBy(() -> fx.engine.openSlice(id))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void theMainMetafileDropsASliceHeldForTheSameName() throws Exception {
        ObjectStat st = fx.put("m", random(5, 1000));
        ObjectId id = id("m");
        EcMeta replica = new EcMeta("m", 1000, 1, st.checksum(), "", "", "x", Map.of(), 2, 1, 0, true, 0, Map.of());
        fx.engine.putSlice(id, replica, new ByteArrayInputStream(fx.get("m")));
        EcMeta main =
                new EcMeta("m", 1000, 2, st.checksum(), "", "", "self", Map.of("self", 0), 2, 1, 0, true, 0, Map.of());
        fx.engine.putEcMeta(id, main);
        assertThat(fx.engine.ecMeta(id)).contains(main);
        assertThat(fx.engine.listSlices(EngineFixture.BCK)).isEmpty();
        assertThat(fx.get("m")).hasSize(1000);
    }

    @Test
    void aSliceOfTheWrongSizeOnDiskIsReportedCorrupt() throws Exception {
        ObjectStat st = fx.put("c", random(6, 4000));
        ObjectId id = id("c");
        List<Spooled> slices = fx.engine.ecEncode(id, 2, 1, new ObjectStat[1]);
        EcMeta m = meta(st, 1, 3, slices.get(2).checksum().value());
        fx.engine.putSlice(id, m, fx.engine.openSpooled(slices.get(2).token()));
        List<Path> files =
                new ArrayList<>(EngineFixture.filesUnder(dir.resolve("a").resolve("@ais/bck/%ec")));
        files.addAll(EngineFixture.filesUnder(dir.resolve("b").resolve("@ais/bck/%ec")));
        assertThat(files).hasSize(1);
        Files.write(files.get(0), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> fx.engine.openSlice(id))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPTED));
    }
}
