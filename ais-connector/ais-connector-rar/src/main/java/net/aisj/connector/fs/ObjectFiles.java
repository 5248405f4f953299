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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
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
    record Located(Mountpath mp, Path file) {}

    private final Volume volume;
    private final NameLocks locks;
    private final EngineConfig cfg;
    private final ChunkStore chunks = new ChunkStore();
    /** Where reads report bad copies; null until the engine starts its queue. */
    private volatile CopyQueue healer;
    /** Copies that failed their checksum on a read (kept out of later reads until repaired). */
    private final BadCopies badCopies = new BadCopies();

    ObjectFiles(Volume volume, NameLocks locks, EngineConfig cfg) {
        this.volume = volume;
        this.locks = locks;
        this.cfg = cfg;
    }

    ChunkStore chunks() {
        return chunks;
    }

    void healer(CopyQueue q) {
        healer = q;
        badCopies.healer(q);
    }

    BadCopies badCopies() {
        return badCopies;
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

    /** The object's file: on its HRW mountpath if there, else on any other (usable or not); null when absent. */
    Located locate(ObjectId id) throws StorageException {
        for (Mountpath mp : MountpathHrw.ranked(volume.all(), id)) {
            Path p = Fqn.objectPath(mp.root(), id);
            if (Files.isRegularFile(p)) {
                return new Located(mp, p);
            }
        }
        return null;
    }

    /**
     * Every file of the name on any mountpath (usable or not), in HRW order, with its metadata. A file whose LOM is
     * unreadable or whose size does not match its LOM appears with broken metadata (size -1), so that it is
     * never taken for a good copy. Files of other names (hashed-component collisions) are left out.
     */
    Map<Mountpath, ObjectMeta> findAll(ObjectId id) throws StorageException {
        Map<Mountpath, ObjectMeta> out = new java.util.LinkedHashMap<>();
        for (Mountpath mp : MountpathHrw.ranked(volume.all(), id)) {
            Path p = Fqn.objectPath(mp.root(), id);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                ObjectMeta m = readMeta(new Located(mp, p), id);
                if (m == null) {
                    continue;
                }
                out.put(mp, Files.size(p) == m.headSize() ? m : broken(id));
            } catch (StorageException | IOException e) {
                out.put(mp, broken(id));
            }
        }
        return out;
    }

    private static ObjectMeta broken(ObjectId id) {
        return new ObjectMeta(id.name(), -1, Checksum.NONE, "", -1, null, null);
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
        return new ObjectStat(
                m.name(),
                m.size(),
                m.checksum(),
                m.version(),
                atime.to(TimeUnit.NANOSECONDS),
                m.mtimeMillis(),
                m.custom(),
                mp.path(),
                copies);
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
     * Opens the object from one of its copies: the least-loaded good one when it has several. Under the read lock
     * it opens the file, reads its LOM and sets its atime; then (without the lock), with {@code validate}, makes the
     * reader verify its reads ({@link ObjectFileReader#verify}: a small object is checked now). A copy that fails
     * (unreadable or corrupt LOM, size or checksum mismatch, quarantined, I/O error) is skipped for the next one
     * and handed to the heal queue; the first failure is thrown when no copy is good.
     */
    ObjectFileReader openReader(ObjectId id, boolean validate, boolean touch) throws StorageException {
        Map<Mountpath, ObjectMeta> bad = new java.util.LinkedHashMap<>();
        StorageException first = null;
        int copiesWanted = 1;
        while (true) {
            try {
                ObjectFileReader r = openCopy(id, validate, touch, bad.keySet(), false);
                copiesWanted = Math.max(copiesWanted, r.stat().copies().size());
                CopyQueue q = healer;
                for (Map.Entry<Mountpath, ObjectMeta> e : bad.entrySet()) {
                    if (q != null) {
                        q.heal(id, e.getKey(), e.getValue(), copiesWanted);
                    }
                }
                return r;
            } catch (BadCopy e) {
                bad.put(e.mp, e.meta);
                if (e.meta != null) {
                    copiesWanted = Math.max(copiesWanted, e.meta.copies().size());
                }
                if (first == null) {
                    first = e.failure;
                }
                FileOps.LOG.warning("bad copy on " + e.mp + ": " + e.failure.getMessage());
            } catch (StorageException e) {
                if (first != null && e.reason() == Reason.NOT_FOUND) {
                    throw first;
                }
                throw e;
            }
        }
    }

    /** A copy that could not be served; {@code meta} is null when its LOM was unreadable. */
    private static final class BadCopy extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Mountpath mp;
        final transient ObjectMeta meta;
        final StorageException failure;

        BadCopy(Mountpath mp, ObjectMeta meta, StorageException failure) {
            super(failure.getMessage(), null, false, false);
            this.mp = mp;
            this.meta = meta;
            this.failure = failure;
        }
    }

    @SuppressWarnings("try") // the lock is held for the block, not referenced
    private ObjectFileReader openCopy(
            ObjectId id, boolean validate, boolean touch, java.util.Set<Mountpath> skip, boolean quarantinedToo)
            throws StorageException, BadCopy {
        FileChannel ch = null;
        ObjectFileReader reader = null;
        Located loc = null;
        ObjectMeta m = null;
        ObjectStat stat;
        try {
            try (NameLocks.Held h = locks.lockRead(id.uname())) {
                Picked p = pick(id, skip);
                if (p == null) {
                    throw notFound(id);
                }
                loc = p.loc();
                ch = FileChannel.open(loc.file(), StandardOpenOption.READ);
                m = p.meta() != null ? p.meta() : readMeta(loc, id);
                if (m == null) {
                    throw notFound(id);
                }
                if (m.headSize() != ch.size()) {
                    throw new StorageException(
                            Reason.CORRUPTED,
                            "object size " + ch.size() + " does not match its metadata (" + m.headSize() + ") ("
                                    + id.cname() + ")");
                }
                if (validate && !quarantinedToo && badCopies.isQuarantined(loc.mp(), id, loc.file())) {
                    throw new StorageException(
                            Reason.CORRUPTED,
                            "the copy on " + loc.mp() + " is quarantined: it failed its checksum (" + id.cname() + ")");
                }
                FileTime atime = FileTime.fromMillis(System.currentTimeMillis());
                if (touch) {
                    Files.getFileAttributeView(loc.file(), BasicFileAttributeView.class)
                            .setTimes(null, atime, null);
                } else {
                    atime = Files.readAttributes(loc.file(), BasicFileAttributes.class)
                            .lastAccessTime();
                }
                stat = toStat(loc.mp(), m, atime);
                Path dir = null;
                if (m.chunks() != null) {
                    dir = ChunkStore.dir(loc.mp(), id.bucket(), m.chunks().token());
                    chunks.acquire(dir);
                }
                reader = new ObjectFileReader(
                        ch, stat, cfg.bufferSize(), dir, m.chunks(), dir == null ? null : chunks, loc.mp());
                reader.file(loc.file());
                ch = null;
            }
            if (validate) {
                ObjectMeta ref = m;
                reader.verify(
                        badCopies.watch(id, loc.mp(), loc.file(), m),
                        m.sums(),
                        tried -> openOther(id, ref, touch, tried));
            }
            ObjectFileReader r = reader;
            reader = null;
            return r;
        } catch (NoSuchFileException e) {
            throw notFound(id);
        } catch (IOException e) {
            StorageException se = io("cannot open", id, e);
            if (loc != null) {
                throw new BadCopy(loc.mp(), m, se);
            }
            throw se;
        } catch (StorageException e) {
            if (loc != null && e.reason() == Reason.CORRUPTED) {
                throw new BadCopy(loc.mp(), m, e);
            }
            throw e;
        } finally {
            closeQuietly(ch);
            closeQuietly(reader);
        }
    }

    /**
     * A verifying reader of another copy of the content {@code ref} describes, on none of the mountpaths in
     * {@code tried} (which gains the copies found unusable); null when none is left or the object changed meanwhile.
     * A quarantined copy is opened too: its chunks are verified one by one, and one bad at another chunk may have
     * this one right.
     */
    private ObjectFileReader openOther(ObjectId id, ObjectMeta ref, boolean touch, java.util.Set<Mountpath> tried) {
        while (true) {
            try {
                ObjectFileReader r = openCopy(id, true, touch, tried, true);
                if (r.stat().size() == ref.size()
                        && r.stat().checksum().equals(ref.checksum())
                        && java.util.Objects.equals(r.sums(), ref.sums())) {
                    return r;
                }
                closeQuietly(r); // replaced meanwhile: this transfer's content is not there
                return null;
            } catch (BadCopy e) {
                tried.add(e.mp);
                FileOps.LOG.warning("bad copy on " + e.mp + ": " + e.failure.getMessage());
            } catch (StorageException e) {
                return null;
            }
        }
    }

    /** The copy to read and, when already read under the same lock, its metadata (else null). */
    private record Picked(Located loc, ObjectMeta meta) {}

    /**
     * The copy to read, the caller holding the read lock: the first file in HRW order not in {@code skip}; when its
     * LOM lists several copies, the one of them with the fewest open readers (HRW order breaks ties).
     */
    private Picked pick(ObjectId id, java.util.Set<Mountpath> skip) throws StorageException {
        List<Mountpath> ranked = MountpathHrw.ranked(volume.all(), id);
        Located first = null;
        for (Mountpath mp : ranked) {
            Path p = Fqn.objectPath(mp.root(), id);
            if (!skip.contains(mp) && Files.isRegularFile(p)) {
                first = new Located(mp, p);
                break;
            }
        }
        if (first == null) {
            return null;
        }
        ObjectMeta m = readMetaLenient(first, id);
        if (m == null || m.copies().size() < 2) {
            return new Picked(first, m);
        }
        Located best = first;
        int found = 1;
        for (Mountpath mp : ranked) {
            if (mp == first.mp() || skip.contains(mp) || !m.copies().contains(mp.path())) {
                continue;
            }
            Path p = Fqn.objectPath(mp.root(), id);
            if (Files.isRegularFile(p)) {
                found++;
                if (mp.readers() < best.mp().readers()) {
                    best = new Located(mp, p);
                }
            }
        }
        if (found + skip.size() < m.copies().size()) {
            requestCopies(id, m.copies().size()); // a listed copy is gone: bring it back
        }
        return new Picked(best, best == first ? m : null);
    }

    /**
     * Commits a finished temp file as the object's content: sets the version ({@code opts.version()} when given,
     * else old + 1 with versioning, else "") and the modification time ({@code opts.mtimeMillis()} when given, else
     * now),
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
            ObjectMeta m = meta.withVersion(
                            version, opts.mtimeMillis() > 0 ? opts.mtimeMillis() : System.currentTimeMillis())
                    .withCopies(List.of(mp.path()));
            mp.meta().commit(temp, dst, m);
            if (opts.fsync()) {
                FileOps.fsyncDir(FileOps.parent(dst));
            }
            if (prev != null && old.mp() == mp) {
                chunks.retire(mp, id.bucket(), prev.chunks());
            }
            removeOthers(id, mp);
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
                        return m != null
                                && m.chunks() != null
                                && m.chunks().token().equals(token);
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

    /** Removes the name's files on every mountpath but {@code keep} (stale copies, a misplaced object). */
    void removeOthers(ObjectId id, Mountpath keep) throws IOException, StorageException {
        for (Mountpath other : volume.all()) {
            if (other != keep) {
                Path p = Fqn.objectPath(other.root(), id);
                if (Files.isRegularFile(p)) {
                    removeFile(other, id, p);
                }
            }
        }
    }

    /** Queues the object to get {@code n} copies (nothing for n < 2). */
    void requestCopies(ObjectId id, int n) {
        CopyQueue q = healer;
        if (n > 1 && q != null) {
            q.submit(id, n);
        }
    }

    /** After a commit: the copies the options ask for, now or queued. */
    void afterCommit(ObjectId id, PutOptions opts) throws StorageException {
        if (opts.copies() < 2) {
            return;
        }
        CopyQueue q = healer;
        if (opts.syncCopies() || q == null) {
            new Copies(this).place(id, opts.copies());
        } else {
            q.submit(id, opts.copies());
        }
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
