package net.aisj.connector.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * N-way mirroring on one node (AIS's target-local copies): an object with {@code n} copies has a file at the same
 * relative path on the first {@code n} usable mountpaths in its HRW order, each with the same LOM listing all of
 * them, the first being the HRW mountpath. {@link #place} makes that true from whatever is on disk: it copies from
 * a good copy (checksum verified while copying), moves a misplaced object to its HRW mountpath, drops copies that
 * are no longer wanted and repairs the lists. The same call serves put-copies, make-n-copies, healing after a bad
 * copy was found, and resilver after a mountpath change.
 *
 * <p>Concurrency: the data is copied from an open reader without any lock; the result is committed under the name's
 * write lock only if the object is still the one that was copied (same version, mtime and checksum), else the work
 * is dropped (the newer PUT brings its own copies). Thread-safe.
 */
final class Copies {

    private final ObjectFiles files;

    Copies(ObjectFiles files) {
        this.files = files;
    }

    /** What {@link #place} did. */
    record Result(int copied, int removed, boolean corruptFound, long size) {
        static final Result NONE = new Result(0, 0, false, 0);

        boolean changed() {
            return copied > 0 || removed > 0;
        }
    }

    /**
     * Makes the object's copies exactly the first {@code n} usable mountpaths in HRW order ({@code n} capped at
     * their number). A copy whose content does not match the LOM's checksum is never used as a source and is
     * replaced. NOT_FOUND when no mountpath has a readable copy.
     */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    Result place(ObjectId id, int n) throws StorageException {
        Fqn.checkName(id);
        List<Mountpath> usable = files.volume().usable();
        if (usable.isEmpty()) {
            throw new StorageException(Reason.UNAVAILABLE, "no usable mountpath (" + id.cname() + ")");
        }
        List<Mountpath> want = MountpathHrw.ranked(usable, id).subList(0, Math.max(1, Math.min(n, usable.size())));
        List<String> wantPaths = want.stream().map(Mountpath::path).toList();

        Map<Mountpath, ObjectMeta> have = files.findAll(id);
        if (have.isEmpty()) {
            throw ObjectFiles.notFound(id);
        }
        ObjectMeta ref = newest(have);
        if (have.keySet().equals(new java.util.HashSet<>(want)) && allMatch(have, ref, wantPaths)) {
            return Result.NONE;
        }
        // copy to every wanted mountpath that lacks a current copy, from a verified source
        Map<Mountpath, Path> temps = new LinkedHashMap<>();
        java.util.Set<Mountpath> bad = new java.util.HashSet<>();
        try {
            for (Mountpath mp : want) {
                ObjectMeta m = have.get(mp);
                if (m != null && same(m, ref)) {
                    continue;
                }
                Path tmp = null;
                for (Map.Entry<Mountpath, ObjectMeta> src : have.entrySet()) {
                    if (!same(src.getValue(), ref) || src.getKey() == mp || bad.contains(src.getKey())) {
                        continue;
                    }
                    tmp = FileOps.newWorkFile(mp.workDir(), "cp-");
                    try {
                        copyVerified(id, src.getKey(), src.getValue(), tmp);
                        break;
                    } catch (CorruptCopy e) {
                        bad.add(src.getKey());
                        FileOps.LOG.warning(e.getMessage());
                        Files.deleteIfExists(tmp);
                        tmp = null;
                    }
                }
                if (tmp == null) {
                    break; // no good source left: commit what we have
                }
                temps.put(mp, tmp);
            }
            long good = have.entrySet().stream()
                    .filter(e -> same(e.getValue(), ref) && !bad.contains(e.getKey()))
                    .count();
            if (good == 0 && temps.isEmpty()) {
                throw new StorageException(
                        Reason.CORRUPTED,
                        "every copy of " + id.cname() + " is corrupt (" + have.keySet() + "); left as is");
            }
            return commit(id, ref, want, temps, bad);
        } catch (IOException e) {
            throw ObjectFiles.io("cannot make copies of", id, e);
        } finally {
            for (Path t : temps.values()) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // swept later
                }
            }
        }
    }

    /**
     * Verifies every copy of the object against its checksum (the scrub): bad copies (content, size or LOM) are
     * removed and the object placed again with as many copies as its LOM lists (missing ones are made too).
     * Returns how many bad copies were found;
     * CORRUPTED when no copy is good (then nothing is removed).
     */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    int scrub(ObjectId id) throws StorageException {
        Map<Mountpath, ObjectMeta> have = files.findAll(id);
        if (have.isEmpty()) {
            throw ObjectFiles.notFound(id);
        }
        ObjectMeta ref = newest(have);
        List<Mountpath> bad = new ArrayList<>();
        for (Map.Entry<Mountpath, ObjectMeta> e : have.entrySet()) {
            ObjectMeta m = e.getValue();
            boolean stale = !same(m, ref);
            if (stale || !verifies(id, e.getKey(), m)) {
                bad.add(e.getKey());
                if (!stale) {
                    files.badCopies()
                            .found(
                                    id,
                                    e.getKey(),
                                    Fqn.objectPath(e.getKey().root(), id),
                                    "failed its verification (scrub)");
                }
            }
        }
        if (bad.isEmpty()) {
            if (have.size() < ref.copies().size()) {
                place(id, ref.copies().size()); // a listed copy is missing
            }
            return 0;
        }
        if (bad.size() == have.size()) {
            throw new StorageException(
                    Reason.CORRUPTED,
                    "every copy of " + id.cname() + " is corrupt (" + have.keySet() + "); left as is");
        }
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            Map<Mountpath, ObjectMeta> now = files.findAll(id);
            for (Mountpath mp : bad) {
                ObjectMeta m = now.get(mp);
                if (m != null && (m.size() < 0 || same(m, have.get(mp)))) {
                    files.removeFile(mp, id, Fqn.objectPath(mp.root(), id));
                }
            }
        } catch (java.io.IOException e) {
            throw ObjectFiles.io("cannot remove a bad copy of", id, e);
        }
        FileOps.LOG.warning("scrub: " + bad.size() + " bad cop" + (bad.size() == 1 ? "y" : "ies") + " of " + id.cname()
                + " on " + bad + " removed; restoring "
                + Math.max(1, ref.copies().size()));
        place(id, Math.max(1, ref.copies().size()));
        return bad.size();
    }

    /** Whether one copy's content matches its LOM (size and checksum). */
    private boolean verifies(ObjectId id, Mountpath mp, ObjectMeta m) {
        if (m.size() < 0) {
            return false;
        }
        try {
            copyVerified(id, mp, m, null);
            return true;
        } catch (CorruptCopy e) {
            return false;
        } catch (IOException | StorageException e) {
            FileOps.LOG.warning("scrub: cannot read the copy of " + id.cname() + " on " + mp + ": " + e.getMessage());
            return false;
        }
    }

    /** Under the write lock: still the same object? then rename the new copies in, drop the unwanted, fix the lists. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    private Result commit(
            ObjectId id, ObjectMeta ref, List<Mountpath> want, Map<Mountpath, Path> temps, java.util.Set<Mountpath> bad)
            throws IOException, StorageException {
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            Map<Mountpath, ObjectMeta> now = files.findAll(id);
            ObjectMeta cur = now.isEmpty() ? null : newest(now);
            if (cur == null || !same(cur, ref)) {
                return Result.NONE; // replaced or deleted meanwhile
            }
            // the copies that end up holding the object, in HRW order
            List<Mountpath> holders = new ArrayList<>();
            for (Mountpath mp : want) {
                ObjectMeta m = now.get(mp);
                if (temps.containsKey(mp) || m != null && same(m, cur) && !bad.contains(mp)) {
                    holders.add(mp);
                }
            }
            if (holders.isEmpty()) {
                return Result.NONE;
            }
            List<String> list = holders.stream().map(Mountpath::path).toList();
            int copied = 0;
            for (Mountpath mp : holders) {
                Path dst = Fqn.objectPath(mp.root(), id);
                Path tmp = temps.remove(mp);
                if (tmp != null) {
                    ObjectMeta old = now.get(mp);
                    mp.meta().commit(tmp, dst, cur.withCopies(list).withChunks(null));
                    if (old != null) {
                        files.chunks().retire(mp, id.bucket(), old.chunks());
                    }
                    copied++;
                } else {
                    mp.meta().update(dst, now.get(mp).withCopies(list));
                }
            }
            int removed = 0;
            for (Map.Entry<Mountpath, ObjectMeta> e : now.entrySet()) {
                if (!holders.contains(e.getKey())) {
                    files.removeFile(e.getKey(), id, Fqn.objectPath(e.getKey().root(), id));
                    removed++;
                }
            }
            return new Result(copied, removed, !bad.isEmpty(), ref.size());
        }
    }

    /**
     * Copies a copy's content (file then chunks) to {@code dst} (null: only reads), checksumming; CorruptCopy on
     * mismatch.
     */
    private void copyVerified(ObjectId id, Mountpath mp, ObjectMeta m, Path dst) throws IOException, StorageException {
        Path src = Fqn.objectPath(mp.root(), id);
        ChecksumType type = m.checksum().type();
        ChecksumHasher h = type == ChecksumType.NONE ? null : ChecksumHasher.of(type);
        long n = 0;
        try (FileChannel out = dst == null
                ? null
                : FileChannel.open(dst, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream os = out == null ? OutputStream.nullOutputStream() : Channels.newOutputStream(out);
            List<Path> parts = new ArrayList<>();
            parts.add(src);
            if (m.chunks() != null) {
                Path dir = ChunkStore.dir(mp, id.bucket(), m.chunks().token());
                for (int i = 0; i < m.chunks().sizes().size(); i++) {
                    parts.add(ChunkStore.chunk(dir, i));
                }
            }
            byte[] buf = new byte[files.cfg().bufferSize()];
            for (Path p : parts) {
                try (var in = Files.newInputStream(p)) {
                    for (int r; (r = in.read(buf)) >= 0; ) {
                        if (h != null) {
                            h.update(buf, 0, r);
                        }
                        os.write(buf, 0, r);
                        n += r;
                    }
                }
            }
            os.flush();
            if (out != null) {
                out.force(true);
            }
        }
        mp.countRead(n);
        if (n != m.size()) {
            throw new CorruptCopy(
                    "copy of " + id.cname() + " on " + mp + " has " + n + " bytes, its metadata says " + m.size());
        }
        if (h != null) {
            Checksum got = h.result();
            if (!got.matches(m.checksum())) {
                throw new CorruptCopy("copy of " + id.cname() + " on " + mp + " is corrupt: checksum " + got.value()
                        + ", stored " + m.checksum().value());
            }
        }
    }

    /** A source copy failed verification. */
    static final class CorruptCopy extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptCopy(String msg) {
            super(msg);
        }
    }

    /** The most recent content among the copies (a newer PUT that has not reached every copy yet wins). */
    private static ObjectMeta newest(Map<Mountpath, ObjectMeta> have) {
        ObjectMeta best = null;
        for (ObjectMeta m : have.values()) {
            if (best == null || m.mtimeMillis() > best.mtimeMillis()) {
                best = m;
            }
        }
        return best;
    }

    private static boolean allMatch(Map<Mountpath, ObjectMeta> have, ObjectMeta ref, List<String> wantPaths) {
        for (ObjectMeta m : have.values()) {
            if (!same(m, ref) || !m.copies().equals(wantPaths)) {
                return false;
            }
        }
        return true;
    }

    /** The same content and version (copies lists may differ). */
    static boolean same(ObjectMeta a, ObjectMeta b) {
        return a.size() == b.size()
                && a.mtimeMillis() == b.mtimeMillis()
                && a.version().equals(b.version())
                && a.checksum().equals(b.checksum());
    }
}
