package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.fs.ObjectMetaCodec.CorruptMetaException;

/**
 * The object layer shared by every operation: where an object is (its HRW mountpath first, then any other in case
 * it is misplaced), its metadata, its stat, opening it for reading, and the commit step of a PUT transaction.
 *
 * <p>Locking contract: {@link #commitLocked} and {@link #locate} callers that mutate hold the name's write lock;
 * {@link #openReader} takes the read lock itself while it opens the file and reads its LOM. Thread-safe.
 */
final class ObjectFiles {

    /** An object file found on a mountpath. */
    record Located(Mountpath mp, Path file) {
    }

    private final Volume volume;
    private final NameLocks locks;
    private final EngineConfig cfg;
    private final ChunkStore chunks = new ChunkStore();

    ObjectFiles(Volume volume, NameLocks locks, EngineConfig cfg) {
        this.volume = volume;
        this.locks = locks;
        this.cfg = cfg;
    }

    ChunkStore chunks() {
        return chunks;
    }

    Volume volume() {
        return volume;
    }

    NameLocks locks() {
        return locks;
    }

    EngineConfig cfg() {
        return cfg;
    }

    /** The object's HRW mountpath among the usable ones. */
    Mountpath owner(ObjectId id) throws StorageException {
        Mountpath mp = MountpathHrw.select(volume.usable(), id);
        if (mp == null) {
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath (" + id.cname() + ")");
        }
        return mp;
    }

    /** The object's file: on its HRW mountpath if there, else on any other usable one; null when absent. */
    Located locate(ObjectId id) throws StorageException {
        for (Mountpath mp : MountpathHrw.ranked(volume.usable(), id)) {
            Path p = Fqn.objectPath(mp.root(), id);
            if (Files.isRegularFile(p)) {
                return new Located(mp, p);
            }
        }
        return null;
    }

    /**
     * The object's metadata; null when the file vanished or belongs to another name (hashed-component collision).
     *
     * @throws StorageException CORRUPTED when the LOM is missing or damaged
     */
    ObjectMeta readMeta(Located loc, ObjectId id) throws StorageException {
        ObjectMeta m;
        try {
            m = loc.mp().meta().read(loc.file());
        } catch (NoSuchFileException e) {
            return null;
        } catch (CorruptMetaException e) {
            throw new StorageException(Reason.CORRUPTED, e.getMessage() + " (" + id.cname() + ")");
        } catch (IOException e) {
            throw io("cannot read metadata", id, e);
        }
        if (m == null) {
            throw new StorageException(Reason.CORRUPTED, "object has no metadata (" + id.cname() + ")");
        }
        return m.name().equals(id.name()) ? m : null;
    }

    ObjectStat toStat(Mountpath mp, Path file, ObjectMeta m) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return toStat(mp, m, a.lastAccessTime());
    }

    static ObjectStat toStat(Mountpath mp, ObjectMeta m, FileTime atime) {
        List<String> copies = m.copies().isEmpty() ? List.of(mp.path()) : m.copies();
        if (!copies.isEmpty() && !copies.get(0).equals(mp.path())) {
            List<String> c = new ArrayList<>(copies);
            c.remove(mp.path());
            c.add(0, mp.path());
            copies = c;
        }
        return new ObjectStat(m.name(), m.size(), m.checksum(), m.version(), atime.to(TimeUnit.NANOSECONDS),
                m.mtimeMillis(), m.custom(), mp.path(), copies);
    }

    /** Reads stat under the read lock; empty when absent. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    Optional<ObjectStat> stat(ObjectId id) throws StorageException {
        try (NameLocks.Held h = locks.lockRead(id.uname())) {
            Located loc = locate(id);
            ObjectMeta m = loc == null ? null : readMeta(loc, id);
            if (m == null) {
                return Optional.empty();
            }
            return Optional.of(toStat(loc.mp(), loc.file(), m));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw io("cannot stat", id, e);
        }
    }

    /**
     * Opens the object: under the read lock, opens the file, reads its LOM and sets its atime; then (without the
     * lock) optionally verifies the checksum over the open file.
     */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    ObjectFileReader openReader(ObjectId id, boolean validate, boolean touch) throws StorageException {
        FileChannel ch = null;
        ObjectFileReader reader = null;
        ObjectStat stat;
        try {
            try (NameLocks.Held h = locks.lockRead(id.uname())) {
                Located loc = locate(id);
                if (loc == null) {
                    throw notFound(id);
                }
                ch = FileChannel.open(loc.file(), StandardOpenOption.READ);
                ObjectMeta m = readMeta(loc, id);
                if (m == null) {
                    throw notFound(id);
                }
                if (m.headSize() != ch.size()) {
                    throw new StorageException(Reason.CORRUPTED, "object size " + ch.size()
                            + " does not match its metadata (" + m.headSize() + ") (" + id.cname() + ")");
                }
                FileTime atime = FileTime.fromMillis(System.currentTimeMillis());
                if (touch) {
                    Files.getFileAttributeView(loc.file(), BasicFileAttributeView.class).setTimes(null, atime, null);
                } else {
                    atime = Files.readAttributes(loc.file(), BasicFileAttributes.class).lastAccessTime();
                }
                stat = toStat(loc.mp(), m, atime);
                if (m.chunks() == null) {
                    reader = new ObjectFileReader(ch, stat, cfg.bufferSize());
                } else {
                    Path dir = ChunkStore.dir(loc.mp(), id.bucket(), m.chunks().token());
                    chunks.acquire(dir);
                    reader = new ObjectFileReader(ch, stat, cfg.bufferSize(), dir, m.chunks(), chunks);
                }
                ch = null;
            }
            if (validate && stat.checksum().type() != ChecksumType.NONE) {
                Checksum actual = reader.checksum(stat.checksum().type());
                if (!actual.matches(stat.checksum())) {
                    throw new StorageException(Reason.CORRUPTED, "checksum mismatch: stored "
                            + stat.checksum().value() + ", computed " + actual.value() + " (" + id.cname() + ")");
                }
            }
            ObjectFileReader r = reader;
            reader = null;
            return r;
        } catch (NoSuchFileException e) {
            throw notFound(id);
        } catch (IOException e) {
            throw io("cannot open", id, e);
        } finally {
            closeQuietly(ch);
            closeQuietly(reader);
        }
    }

    /**
     * Commits a finished temp file as the object's content: sets the version ({@code opts.version()} when given,
     * else old + 1 with versioning, else ""),
     * attaches the LOM and renames into place on {@code mp}; removes a stale copy of the name on another
     * mountpath. The caller holds the name's write lock.
     */
    ObjectStat commitLocked(Mountpath mp, ObjectId id, Path temp, ObjectMeta meta, PutOptions opts)
            throws StorageException {
        Path dst = Fqn.objectPath(mp.root(), id);
        try {
            Located old = locate(id);
            ObjectMeta prev = old == null ? null : readMetaLenient(old, id);
            String version = "";
            if (opts.version() != null) {
                version = opts.version();
            } else if (opts.versioning()) {
                version = nextVersion(prev == null ? "" : prev.version());
            }
            ObjectMeta m = meta.withVersion(version, System.currentTimeMillis()).withCopies(List.of(mp.path()));
            mp.meta().commit(temp, dst, m);
            if (opts.fsync()) {
                FileOps.fsyncDir(dst.getParent());
            }
            if (old != null && old.mp() != mp) {
                removeFile(old.mp(), id, old.file());
            } else if (prev != null) {
                chunks.retire(mp, id.bucket(), prev.chunks());
            }
            return toStat(mp, dst, m);
        } catch (IOException e) {
            throw io("cannot commit", id, e);
        }
    }

    /**
     * Removes the chunk directories on {@code mp} that no object refers to and that are older than
     * {@code minAgeMillis} (left by a crash between making them and committing). Returns how many.
     */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    int sweepChunks(Mountpath mp, long minAgeMillis) {
        int removed = 0;
        try {
            for (BucketId b : Fqn.bucketDirs(mp.root()).keySet()) {
                removed += chunks.sweep(mp, b, minAgeMillis, (id, token) -> {
                    try (NameLocks.Held h = locks.lockRead(id.uname())) {
                        Path p = Fqn.objectPath(mp.root(), id);
                        ObjectMeta m = Files.isRegularFile(p) ? readMetaLenient(new Located(mp, p), id) : null;
                        return m != null && m.chunks() != null && m.chunks().token().equals(token);
                    } catch (StorageException e) {
                        return false;
                    }
                });
            }
        } catch (IOException e) {
            FileOps.LOG.warning("cannot sweep chunks on " + mp + ": " + e.getMessage());
        }
        return removed;
    }

    /**
     * Removes an object file, its side file and its chunks (once no reader uses them), then prunes empty parents
     * below {@code %ob}. The caller holds the name's write lock.
     */
    void removeFile(Mountpath mp, ObjectId id, Path file) throws IOException {
        ObjectMeta m = readMetaLenient(new Located(mp, file), id);
        Files.deleteIfExists(file);
        if (m != null) {
            chunks.retire(mp, id.bucket(), m.chunks());
        }
        mp.meta().deleteSide(file);
        FileOps.pruneEmptyDirs(file.getParent(), Fqn.objectsDir(mp.root(), id.bucket()));
    }

    private ObjectMeta readMetaLenient(Located loc, ObjectId id) {
        try {
            return readMeta(loc, id);
        } catch (StorageException e) {
            return null;
        }
    }

    static String nextVersion(String prev) {
        try {
            long v = Long.parseLong(prev);
            return Long.toString(v < 0 ? 1 : v + 1);
        } catch (NumberFormatException e) {
            return "1";
        }
    }

    static StorageException notFound(ObjectId id) {
        return new StorageException(Reason.NOT_FOUND, id.cname() + " does not exist");
    }

    static StorageException io(String what, ObjectId id, IOException e) {
        return new StorageException(Reason.IO, what + " " + id.cname() + ": " + e, e);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing to do
            }
        }
    }
}
