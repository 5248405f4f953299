package net.aisj.connector.fs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;

/** Opens engines over temp dirs and offers small helpers. Close it to release the background tasks. */
final class EngineFixture implements AutoCloseable {

    static final BucketId BCK = BucketId.ais("bck");
    static final PutOptions FAST = new PutOptions(ChecksumType.XXHASH2, null, -1, Map.of(), true, false);

    final TestBackground background = new TestBackground();
    final StorageEngine engine;
    final List<Path> mountpaths;

    EngineFixture(EngineConfig cfg, Path... mps) throws StorageException {
        this(cfg, null, mps);
    }

    EngineFixture(EngineConfig cfg, String nodeId, Path... mps) throws StorageException {
        this.mountpaths = List.of(mps);
        this.engine = new StorageEngine(cfg, background);
        List<String> paths = new ArrayList<>();
        for (Path p : mps) {
            paths.add(p.toString());
        }
        engine.open(nodeId, paths);
    }

    static EngineFixture open(Path... mps) throws StorageException {
        return new EngineFixture(EngineConfig.fromSystemProperties(), mps);
    }

    static ObjectId id(String name) {
        return new ObjectId(BCK, name);
    }

    ObjectStat put(String name, byte[] content) throws StorageException {
        return engine.put(id(name), new ByteArrayInputStream(content), FAST);
    }

    ObjectStat put(String name, String content) throws StorageException {
        return put(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    byte[] get(String name) throws StorageException, IOException {
        try (ObjectReader r = engine.open(id(name), false)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.transferTo(out, 0, -1);
            return out.toByteArray();
        }
    }

    Mountpath mountpath(int i) {
        return new Mountpath(mountpaths.get(i).toAbsolutePath().normalize(), true, true);
    }

    /** Every regular file below a directory (empty when it does not exist). */
    static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    void shutdown() {
        engine.shutdown(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        shutdown();
        background.close();
    }
}
