package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.BCK;
import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static net.aisj.connector.fs.EngineFixture.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectNames;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PutGetTest {

    @TempDir
    Path dir;

    EngineFixture fx;

    @BeforeEach
    void open() throws StorageException {
        fx = EngineFixture.open(dir.resolve("mp1"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    static String xxhash(byte[] b) {
        StreamingXXHash64 h = XXHashFactory.fastestJavaInstance().newStreamingHash64(0);
        h.update(b, 0, b.length);
        return String.format("%016x", h.getValue());
    }

    Path workDir() {
        return dir.resolve("mp1").resolve(Fqn.WORK);
    }

    Path objectsDir() {
        return Fqn.objectsDir(dir.resolve("mp1"), BCK);
    }

    @Test
    void putThenGetWholeAndRanges() throws Exception {
        byte[] content = random(1, 1_000_003);
        ObjectStat st = fx.engine.put(id("dir/obj.bin"), new ByteArrayInputStream(content), PutOptions.defaults());
        assertThat(st.size()).isEqualTo(content.length);
        assertThat(st.checksum()).isEqualTo(new Checksum(ChecksumType.XXHASH2, xxhash(content)));
        assertThat(st.version()).isEqualTo("1");
        assertThat(st.name()).isEqualTo("dir/obj.bin");
        assertThat(st.mountpath()).isEqualTo(dir.resolve("mp1").toString());
        assertThat(fx.get("dir/obj.bin")).isEqualTo(content);
        try (ObjectReader r = fx.engine.open(id("dir/obj.bin"), true)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(r.transferTo(out, 10, 300_000)).isEqualTo(300_000);
            assertThat(out.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(content, 10, 300_010));
            out.reset();
            assertThat(r.transferTo(out, content.length - 5, 100)).isEqualTo(5);
            assertThat(out.toByteArray())
                    .isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 5, content.length));
            out.reset();
            assertThat(r.transferTo(out, content.length, 10)).isZero();
            assertThatThrownBy(() -> r.transferTo(new ByteArrayOutputStream(), content.length + 1, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(EngineFixture.filesUnder(workDir())).isEmpty();
    }

    @Test
    void aGivenModificationTimeIsKeptOtherwiseTheCommitTime() throws Exception {
        long before = System.currentTimeMillis();
        fx.engine.put(id("moved"), new ByteArrayInputStream(random(5, 10)), FAST.withMtime(1_234_567L));
        assertThat(fx.engine.stat(id("moved")).orElseThrow().mtimeMillis()).isEqualTo(1_234_567L);
        fx.engine.put(id("fresh"), new ByteArrayInputStream(random(6, 10)), FAST);
        assertThat(fx.engine.stat(id("fresh")).orElseThrow().mtimeMillis()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void emptyObject() throws Exception {
        ObjectStat st = fx.put("empty", new byte[0]);
        assertThat(st.size()).isZero();
        assertThat(st.checksum().value()).isEqualTo(xxhash(new byte[0]));
        assertThat(fx.get("empty")).isEmpty();
    }

    @Test
    void checksumTypesMatchTheirReferences() throws Exception {
        byte[] c = random(2, 70_000);
        PutOptions o = FAST;
        assertThat(fx.engine
                        .put(id("md5"), new ByteArrayInputStream(c), typed(ChecksumType.MD5))
                        .checksum()
                        .value())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("MD5").digest(c)));
        assertThat(fx.engine
                        .put(id("sha"), new ByteArrayInputStream(c), typed(ChecksumType.SHA256))
                        .checksum()
                        .value())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(c)));
        assertThat(fx.engine
                        .put(id("sha5"), new ByteArrayInputStream(c), typed(ChecksumType.SHA512))
                        .checksum()
                        .value())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-512").digest(c)));
        CRC32C crc = new CRC32C();
        crc.update(c);
        assertThat(fx.engine
                        .put(id("crc"), new ByteArrayInputStream(c), typed(ChecksumType.CRC32C))
                        .checksum()
                        .value())
                .isEqualTo(String.format("%08x", crc.getValue()));
        assertThat(fx.engine
                        .put(id("none"), new ByteArrayInputStream(c), typed(ChecksumType.NONE))
                        .checksum())
                .isEqualTo(Checksum.NONE);
        assertThat(fx.engine
                        .put(id("xx"), new ByteArrayInputStream(c), o)
                        .checksum()
                        .value())
                .isEqualTo(xxhash(c));
    }

    static PutOptions typed(ChecksumType t) {
        return new PutOptions(t, null, -1, Map.of(), true, false);
    }

    @Test
    void truncatedStreamLeavesNothing() throws Exception {
        byte[] c = random(3, 50);
        assertThatThrownBy(() -> fx.engine.put(id("t/x"), new ByteArrayInputStream(c), FAST.withExpected(null, 100)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("truncated: got 50 of 100 bytes")
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.INCOMPLETE_BODY));
        assertThatThrownBy(() -> fx.engine.put(id("t/x"), new ByteArrayInputStream(c), FAST.withExpected(null, 10)))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.INCOMPLETE_BODY));
        assertThat(EngineFixture.filesUnder(workDir())).isEmpty();
        assertThat(EngineFixture.filesUnder(objectsDir())).isEmpty();
        assertThat(fx.engine.stat(id("t/x"))).isEmpty();
    }

    @Test
    void checksumMismatchLeavesNothingAndKeepsThePreviousObject() throws Exception {
        fx.put("m", "old");
        byte[] c = random(4, 1000);
        Checksum wrong = new Checksum(ChecksumType.XXHASH, "0000000000000000");
        assertThatThrownBy(() -> fx.engine.put(id("m"), new ByteArrayInputStream(c), FAST.withExpected(wrong, -1)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("checksum mismatch: expected")
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.BAD_CHECKSUM));
        assertThat(EngineFixture.filesUnder(workDir())).isEmpty();
        assertThat(new String(fx.get("m"))).isEqualTo("old");
        // a right one of another type (md5 against an xxhash bucket) is accepted
        Checksum md5 = new Checksum(
                ChecksumType.MD5,
                HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(c)));
        ObjectStat st = fx.engine.put(id("m"), new ByteArrayInputStream(c), FAST.withExpected(md5, c.length));
        assertThat(st.checksum().type()).isEqualTo(ChecksumType.XXHASH2);
        assertThat(fx.get("m")).isEqualTo(c);
    }

    @Test
    void vanishingClientLeavesNothing() throws IOException {
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 100_000) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> fx.engine.put(id("gone"), broken, FAST))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.IO));
        assertThat(EngineFixture.filesUnder(workDir())).isEmpty();
        assertThat(EngineFixture.filesUnder(Fqn.bucketDir(dir.resolve("mp1"), BCK)))
                .isEmpty();
    }

    @Test
    void versionsCountUpAndStayEmptyWithoutVersioning() throws Exception {
        assertThat(fx.put("v", "1").version()).isEqualTo("1");
        assertThat(fx.put("v", "2").version()).isEqualTo("2");
        assertThat(fx.put("v", "3").version()).isEqualTo("3");
        assertThat(fx.engine.stat(id("v")).orElseThrow().version()).isEqualTo("3");
        PutOptions noVer = new PutOptions(ChecksumType.XXHASH2, null, -1, Map.of(), false, false);
        assertThat(fx.engine
                        .put(id("nv"), new ByteArrayInputStream(new byte[1]), noVer)
                        .version())
                .isEmpty();
        // an object moved between targets keeps its version
        assertThat(fx.engine
                        .put(id("v"), new ByteArrayInputStream(new byte[1]), FAST.withVersion("17"))
                        .version())
                .isEqualTo("17");
        assertThat(fx.put("v", "4").version()).isEqualTo("18");
    }

    @Test
    void concurrentPutsOfOneNameLeaveOneWholeObject() throws Exception {
        int n = 8;
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            contents.add(random(100 + i, 300_000 + i * 1000));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ObjectStat>> fs = new ArrayList<>();
            for (byte[] c : contents) {
                Callable<ObjectStat> call = () -> {
                    go.await();
                    return fx.engine.put(id("hot"), new ByteArrayInputStream(c), FAST);
                };
                fs.add(pool.submit(call));
            }
            go.countDown();
            Set<String> versions = new java.util.HashSet<>();
            for (Future<ObjectStat> f : fs) {
                versions.add(f.get().version());
            }
            assertThat(versions).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8");
        } finally {
            pool.shutdownNow();
        }
        byte[] got = fx.get("hot");
        assertThat(contents).anySatisfy(c -> assertThat(got).isEqualTo(c));
        ObjectStat st = fx.engine.stat(id("hot")).orElseThrow();
        assertThat(st.checksum().value()).isEqualTo(xxhash(got));
        assertThat(st.size()).isEqualTo(got.length);
        assertThat(st.version()).isEqualTo("8");
        assertThat(EngineFixture.filesUnder(workDir())).isEmpty();
    }

    @Test
    void openReaderKeepsItsContentAcrossOverwriteAndDelete() throws Exception {
        fx.put("k", "first");
        try (ObjectReader r = fx.engine.open(id("k"), false)) {
            fx.put("k", "second, longer");
            assertThat(fx.engine.delete(id("k"))).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.transferTo(out, 0, -1);
            assertThat(out.toString()).isEqualTo("first");
            assertThat(r.stat().version()).isEqualTo("1");
        }
    }

    @Test
    void corruptedContentIsNeverServedWhenValidating() throws Exception {
        fx.put("c", random(5, 10_000));
        Path file = Fqn.objectPath(dir.resolve("mp1"), id("c"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 500);
        }
        assertThatThrownBy(() -> fx.engine.open(id("c"), true))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.CORRUPTED));
        fx.engine.open(id("c"), false).close();
    }

    @Test
    void corruptedMetadataIsReportedAsCorrupted() throws Exception {
        fx.put("lom", "x");
        Path file = Fqn.objectPath(dir.resolve("mp1"), id("lom"));
        byte[] lom = MetaStore.readXattr(file);
        lom[lom.length - 1] ^= 1;
        MetaStore.writeXattr(file, lom);
        assertThatThrownBy(() -> fx.engine.stat(id("lom")))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.CORRUPTED));
        assertThatThrownBy(() -> fx.engine.open(id("lom"), false))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.CORRUPTED));
    }

    @Test
    void getUpdatesAtimeAndStatDoesNot() throws Exception {
        fx.put("a", "x");
        Path file = Fqn.objectPath(dir.resolve("mp1"), id("a"));
        Files.getFileAttributeView(file, java.nio.file.attribute.BasicFileAttributeView.class)
                .setTimes(null, java.nio.file.attribute.FileTime.fromMillis(1_000_000L), null);
        assertThat(fx.engine.stat(id("a")).orElseThrow().atimeNanos()).isEqualTo(1_000_000L * 1_000_000L);
        long before = System.currentTimeMillis();
        try (ObjectReader r = fx.engine.open(id("a"), false)) {
            assertThat(r.stat().atimeNanos() / 1_000_000).isGreaterThanOrEqualTo(before - 1000);
        }
        assertThat(fx.engine.stat(id("a")).orElseThrow().atimeNanos() / 1_000_000)
                .isGreaterThanOrEqualTo(before - 1000);
    }

    @Test
    void missingObjectsAndBadNames() {
        assertThatThrownBy(() -> fx.engine.open(id("nope"), false))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("ais://bck/nope");
        assertThatThrownBy(() -> fx.engine.put(id("../x"), new ByteArrayInputStream(new byte[1]), FAST))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.INVALID_NAME));
        assertThatThrownBy(() -> fx.engine.stat(id("/abs")))
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(Reason.INVALID_NAME));
    }

    @Test
    void everyHostileButValidNameRoundTrips() throws Exception {
        List<String> ok = new ArrayList<>();
        for (String n : NameCodecTest.HOSTILE) {
            if (ObjectNames.problem(n) == null) {
                ok.add(n);
                fx.put(n, n);
            }
        }
        for (String n : ok) {
            assertThat(new String(fx.get(n), java.nio.charset.StandardCharsets.UTF_8))
                    .as(n)
                    .isEqualTo(n);
        }
        List<String> listed = new ArrayList<>();
        fx.engine
                .list(BCK, new ListRequest("", "", 1000, false, true))
                .entries()
                .forEach(e -> listed.add(e.name()));
        assertThat(listed)
                .containsExactlyElementsOf(
                        ok.stream().sorted(Utf8Order.INSTANCE).toList());
        for (Path p : EngineFixture.filesUnder(dir.resolve("mp1"))) {
            assertThat(p.normalize().startsWith(dir.resolve("mp1"))).isTrue();
        }
    }
}
