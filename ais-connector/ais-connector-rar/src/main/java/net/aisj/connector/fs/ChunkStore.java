package net.aisj.connector.fs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;

/**
 * The chunk files of chunked objects: {@code <bucket dir>/%ch/<token>/} on the object's mountpath holds the chunks
 * as {@code 00001, 00002, ...} and an {@code object} file naming the object (for the sweep). A chunk directory is
 * made complete before the LOM that refers to it is committed, and is retired after the LOM stops referring to it.
 *
 * <p>Readers are counted in this process: retiring a directory that an open reader still uses only marks it, and
 * the last reader to close deletes it, so a GET racing an overwrite or a delete streams the old content whole. A
 * directory left behind by a crash is removed by {@link #sweep}. Thread-safe.
 */
final class ChunkStore {

    static final String DIR = "%ch";
    private static final String BACKREF = "object";

    private final Map<Path, Integer> readers = new HashMap<>();
    private final Set<Path> retired = new HashSet<>();

    static Path dir(Mountpath mp, BucketId bucket, String token) {
        return Fqn.bucketDir(mp.root(), bucket).resolve(DIR).resolve(token);
    }

    static Path chunk(Path dir, int index) {
        return dir.resolve(String.format("%05d", index + 1));
    }

    /**
     * Makes a new chunk directory on {@code mp} holding {@code sources} in order, as hard links where the file system
     * allows (no data is copied), else as copies. The sources stay where they are.
     */
    ChunkList create(Mountpath mp, ObjectId id, List<Path> sources) throws IOException {
        String token = FileOps.randomHex() + FileOps.randomHex();
        Path dir = dir(mp, id.bucket(), token);
        Files.createDirectories(dir);
        List<Long> sizes = new ArrayList<>(sources.size());
        try {
            writeBackref(dir, id.name());
            for (int i = 0; i < sources.size(); i++) {
                Path dst = chunk(dir, i);
                FileOps.linkOrCopy(sources.get(i), dst);
                sizes.add(Files.size(dst));
            }
            FileOps.fsyncDir(dir);
        } catch (IOException | RuntimeException e) {
            FileOps.deleteTree(dir);
            throw e;
        }
        return new ChunkList(token, sizes);
    }

    /** Records that the chunks now belong to {@code name} (a rename); the caller holds both names' write locks. */
    void rename(Mountpath mp, BucketId bucket, ChunkList chunks, String name) throws IOException {
        writeBackref(dir(mp, bucket, chunks.token()), name);
    }

    /** A reader starts using the directory. */
    synchronized void acquire(Path dir) {
        readers.merge(dir, 1, Integer::sum);
    }

    /** A reader is done with the directory; deletes it if it was retired meanwhile and this was the last reader. */
    void release(Path dir) {
        synchronized (this) {
            Integer n = readers.get(dir);
            if (n == null) {
                return;
            }
            if (n > 1) {
                readers.put(dir, n - 1);
                return;
            }
            readers.remove(dir);
            if (!retired.remove(dir)) {
                return;
            }
        }
        deleteQuietly(dir);
    }

    /** The LOM no longer refers to the directory: delete it now, or when its last reader closes. */
    void retire(Mountpath mp, BucketId bucket, ChunkList chunks) {
        if (chunks == null) {
            return;
        }
        Path dir = dir(mp, bucket, chunks.token());
        synchronized (this) {
            if (readers.containsKey(dir)) {
                retired.add(dir);
                return;
            }
        }
        deleteQuietly(dir);
    }

    /**
     * Removes the chunk directories of {@code bucket} on {@code mp} that are older than {@code minAgeMillis}, not in
     * use, and not referred to by their object's current LOM ({@code referenced} answers that). Returns how many.
     */
    int sweep(Mountpath mp, BucketId bucket, long minAgeMillis, Referenced referenced) {
        Path root = Fqn.bucketDir(mp.root(), bucket).resolve(DIR);
        long cutoff = System.currentTimeMillis() - minAgeMillis;
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path dir : ds) {
                String token = FileOps.name(dir);
                if (!ChunkList.TOKEN.matcher(token).matches()
                        || Files.getLastModifiedTime(dir).toMillis() >= cutoff) {
                    continue;
                }
                synchronized (this) {
                    if (readers.containsKey(dir)) {
                        continue;
                    }
                }
                String name = readBackref(dir);
                if (name == null || !referenced.test(new ObjectId(bucket, name), token)) {
                    deleteQuietly(dir);
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            FileOps.LOG.warning("cannot sweep chunks of " + bucket.cname() + " on " + mp + ": " + e.getMessage());
        }
        return removed;
    }

    /** Whether the current LOM of an object refers to a chunk token. */
    @FunctionalInterface
    interface Referenced {
        boolean test(ObjectId id, String token);
    }

    private static void writeBackref(Path dir, String name) throws IOException {
        Path tmp = dir.resolve(BACKREF + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(name);
        }
        FileOps.moveIntoPlace(tmp, dir.resolve(BACKREF));
    }

    private static String readBackref(Path dir) {
        try {
            return Files.readString(dir.resolve(BACKREF), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileOps.deleteTree(dir);
        } catch (IOException e) {
            FileOps.LOG.warning("cannot delete chunk directory " + dir + ": " + e.getMessage());
        }
    }
}
