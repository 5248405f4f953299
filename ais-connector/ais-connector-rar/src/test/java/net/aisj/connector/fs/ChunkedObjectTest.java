package net.aisj.connector.fs;

import static net.aisj.connector.fs.EngineFixture.BCK;
import static net.aisj.connector.fs.EngineFixture.FAST;
import static net.aisj.connector.fs.EngineFixture.id;
import static net.aisj.connector.fs.EngineFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completed multipart uploads stored as chunked objects: no data copied, every operation sees one object. */
class ChunkedObjectTest {

    @TempDir
    Path dir;

    EngineFixture fx;
    Path root;

    @BeforeEach
    void open() throws Exception {
        root = dir.resolve("mp1");
        fx = EngineFixture.open(root);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Uploads the parts and completes; returns the concatenation. */
    byte[] upload(String name, int... sizes) throws Exception {
        ObjectId id = id(name);
        String up = fx.engine.createUpload(id, Map.of());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] p = random(name.hashCode() + i, sizes[i]);
            fx.engine.putPart(id, up, i + 1, new ByteArrayInputStream(p), p.length);
            all.writeBytes(p);
            numbers.add(i + 1);
        }
        fx.engine.completeUpload(id, up, numbers, FAST);
        return all.toByteArray();
    }

    Path chunkRoot() {
        return Fqn.bucketDir(root.toAbsolutePath().normalize(), BCK).resolve(ChunkStore.DIR);
    }

    List<Path> chunkDirs() throws Exception {
        if (!Files.isDirectory(chunkRoot())) {
            return List.of();
        }
        try (var s = Files.list(chunkRoot())) {
            return s.toList();
        }
    }

    @Test
    void completionLinksThePartsInsteadOfCopyingThem() throws Exception {
        ObjectId id = id("big");
        String up = fx.engine.createUpload(id, Map.of());
        List<Object> inodes = new ArrayList<>();
        Path uploadDir = Fqn.bucketDir(root.toAbsolutePath().normalize(), BCK)
                .resolve(MultipartStore.DIR)
                .resolve(up);
        for (int i = 1; i <= 3; i++) {
            byte[] p = random(i, 100_000 * i);
            fx.engine.putPart(id, up, i, new ByteArrayInputStream(p), p.length);
        }
        try (var s = Files.list(uploadDir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList()) {
                inodes.add(Files.getAttribute(p, "unix:ino"));
            }
        }
        fx.engine.completeUpload(id, up, List.of(1, 2, 3), FAST);

        Path head = Fqn.objectPath(root.toAbsolutePath().normalize(), id);
        assertThat(Files.getAttribute(head, "unix:ino")).isEqualTo(inodes.get(0));
        assertThat(chunkDirs()).hasSize(1);
        Path chunks = chunkDirs().get(0);
        assertThat(Files.getAttribute(ChunkStore.chunk(chunks, 0), "unix:ino")).isEqualTo(inodes.get(1));
        assertThat(Files.getAttribute(ChunkStore.chunk(chunks, 1), "unix:ino")).isEqualTo(inodes.get(2));
        assertThat(Files.exists(uploadDir)).isFalse();
        assertThat(fx.engine.stat(id).orElseThrow().size()).isEqualTo(600_000);
    }

    @Test
    void rangesAcrossChunkBoundariesAndValidation() throws Exception {
        byte[] all = upload("r", 1000, 0, 1000, 7, 1000);
        try (ObjectReader r = fx.engine.open(id("r"), true)) {
            for (long[] range : new long[][] {
                {0, -1},
                {990, 20},
                {999, 1010},
                {2000, 7},
                {2003, 10},
                {3006, 1},
                {3007, 500},
                {0, 3007},
                {500, 100_000}
            }) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long n = r.transferTo(out, range[0], range[1]);
                int from = (int) range[0];
                int to = range[1] < 0 ? all.length : (int) Math.min(all.length, range[0] + range[1]);
                assertThat(n).isEqualTo(to - from);
                assertThat(out.toByteArray())
                        .as("range %s", Arrays.toString(range))
                        .isEqualTo(Arrays.copyOfRange(all, from, to));
            }
            assertThat(r.stream().readAllBytes()).isEqualTo(all);
        }
    }

    @Test
    void anOpenReaderKeepsTheOldContentThroughOverwriteAndDelete() throws Exception {
        byte[] all = upload("o", 50_000, 50_000, 50_000);
        ObjectReader r = fx.engine.open(id("o"), false);
        fx.put("o", "new content");
        assertThat(chunkDirs()).hasSize(1);
        assertThat(r.stream().readAllBytes()).isEqualTo(all);
        r.close();
        assertThat(chunkDirs()).isEmpty();
        assertThat(fx.get("o")).asString().isEqualTo("new content");

        upload("d", 10, 20);
        assertThat(chunkDirs()).hasSize(1);
        assertThat(fx.engine.delete(id("d"))).isTrue();
        assertThat(chunkDirs()).isEmpty();
        assertThat(fx.engine.stat(id("d"))).isEmpty();
    }

    @Test
    void renameCopyAppendAndMetadataKeepTheContent() throws Exception {
        byte[] all = upload("a", 3000, 4000);
        fx.engine.setCustom(id("a"), Map.of("k", "v"), false);
        assertThat(fx.get("a")).isEqualTo(all);
        fx.engine.rename(id("a"), "b");
        assertThat(fx.engine.stat(id("a"))).isEmpty();
        assertThat(fx.get("b")).isEqualTo(all);
        assertThat(fx.engine.stat(id("b")).orElseThrow().custom()).containsEntry("k", "v");
        fx.engine.copy(id("b"), id("c"), FAST);
        assertThat(fx.get("c")).isEqualTo(all);

        String h = fx.engine.append(id("b"), null, new ByteArrayInputStream("tail".getBytes()));
        fx.engine.flushAppend(id("b"), h, FAST);
        byte[] expected = Arrays.copyOf(all, all.length + 4);
        System.arraycopy("tail".getBytes(), 0, expected, all.length, 4);
        assertThat(fx.get("b")).isEqualTo(expected);
        assertThat(chunkDirs()).isEmpty();
    }

    @Test
    void sweepRemovesOnlyUnreferencedOldChunkDirectories() throws Exception {
        byte[] all = upload("kept", 100, 100);
        Path kept = chunkDirs().get(0);
        Mountpath mp = fx.mountpath(0);
        Path src = Files.write(dir.resolve("src"), new byte[] {1, 2, 3});
        ObjectFiles files = new ObjectFiles(null, new NameLocks(), EngineConfig.fromSystemProperties());
        ChunkList orphan = files.chunks().create(mp, id("never-committed"), List.of(src));
        Path orphanDir = ChunkStore.dir(mp, BCK, orphan.token());
        assertThat(files.sweepChunks(mp, Duration.ofHours(1).toMillis())).isZero();
        Files.setLastModifiedTime(orphanDir, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        Files.setLastModifiedTime(kept, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        assertThat(files.sweepChunks(mp, Duration.ofHours(1).toMillis())).isEqualTo(1);
        assertThat(chunkDirs()).containsExactly(kept);
        assertThat(fx.get("kept")).isEqualTo(all);
    }

    @Test
    void idleUploadsExpire() throws Exception {
        ObjectId id = id("idle");
        String up = fx.engine.createUpload(id, Map.of());
        fx.engine.putPart(id, up, 1, new ByteArrayInputStream(new byte[] {1}), 1);
        String fresh = fx.engine.createUpload(id("fresh"), Map.of());
        Path upDir = Fqn.bucketDir(root.toAbsolutePath().normalize(), BCK)
                .resolve(MultipartStore.DIR)
                .resolve(up);
        Files.setLastModifiedTime(upDir, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
        MultipartStore store =
                new MultipartStore(new ObjectFiles(null, new NameLocks(), EngineConfig.fromSystemProperties()));
        assertThat(store.expire(fx.mountpath(0), 5_000)).isEqualTo(1);
        assertThat(fx.engine.listUploads(BCK)).extracting(u -> u.uploadId()).containsExactly(fresh);
    }
}
