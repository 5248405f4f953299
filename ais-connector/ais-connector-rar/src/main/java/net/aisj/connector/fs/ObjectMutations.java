package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.fs.ObjectFiles.Located;

/**
 * Delete, rename, copy and custom-metadata updates, each under the same lock discipline as a PUT commit (the name's
 * write lock; two names in stripe order for a rename). Thread-safe.
 */
final class ObjectMutations {

    private final ObjectFiles files;

    ObjectMutations(ObjectFiles files) {
        this.files = files;
    }

    /** Removes the object (and any misplaced copy) from every mountpath; false when there was none. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    boolean delete(ObjectId id) throws StorageException {
        Fqn.checkName(id);
        boolean deleted = false;
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            for (Mountpath mp : files.volume().all()) {
                Path p = Fqn.objectPath(mp.root(), id);
                if (Files.isRegularFile(p)) {
                    files.removeFile(mp, id, p);
                    deleted = true;
                }
            }
        } catch (IOException e) {
            throw ObjectFiles.io("cannot delete", id, e);
        }
        return deleted;
    }

    /**
     * Renames within the bucket, replacing any object of the new name; metadata (version, checksum, custom) moves
     * with the content. On the same mountpath this is one atomic rename; otherwise the content is copied to the
     * destination mountpath's work dir and committed there.
     */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    ObjectStat rename(ObjectId from, String newName) throws StorageException {
        Fqn.checkName(from);
        ObjectId to = new ObjectId(from.bucket(), newName);
        Fqn.checkName(to);
        try (NameLocks.Held h = files.locks().lockWrite(from.uname(), to.uname())) {
            Located src = files.locate(from);
            if (src == null) {
                throw ObjectFiles.notFound(from);
            }
            ObjectMeta m = files.readMeta(src, from);
            if (m == null) {
                throw ObjectFiles.notFound(from);
            }
            if (newName.equals(from.name())) {
                return files.toStat(src.mp(), src.file(), m);
            }
            Mountpath dstMp = files.owner(to);
            Path dst = Fqn.objectPath(dstMp.root(), to);
            ObjectMeta moved = m.withName(newName).withCopies(List.of(dstMp.path()));
            Located old = files.locate(to);
            ObjectMeta replaced = old == null ? null : files.readMeta(old, to);
            if (src.mp() == dstMp) {
                if (m.chunks() != null) {
                    files.chunks().rename(src.mp(), from.bucket(), m.chunks(), newName);
                }
                try {
                    dstMp.meta().commit(src.file(), dst, moved);
                } catch (IOException e) {
                    if (m.chunks() != null) {
                        files.chunks().rename(src.mp(), from.bucket(), m.chunks(), from.name());
                    }
                    restore(src, m);
                    throw e;
                }
                dstMp.meta().deleteSide(src.file());
                FileOps.pruneEmptyDirs(
                        src.file().getParent(), Fqn.objectsDir(src.mp().root(), from.bucket()));
            } else {
                moved = moved.withChunks(null);
                Path tmp = FileOps.newWorkFile(dstMp.workDir(), "mv-");
                try {
                    copyContent(from, src, m, tmp);
                    dstMp.meta().commit(tmp, dst, moved);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                files.removeFile(src.mp(), from, src.file());
            }
            if (old != null && old.mp() == dstMp && replaced != null) {
                files.chunks().retire(dstMp, to.bucket(), replaced.chunks());
            }
            files.removeOthers(to, dstMp);
            files.removeOthers(from, null);
            files.requestCopies(to, m.copies().size());
            return files.toStat(dstMp, dst, moved);
        } catch (IOException e) {
            throw ObjectFiles.io("cannot rename", from, e);
        }
    }

    /**
     * Streams the source's content (from its open file, so a concurrent overwrite of the source does not matter)
     * into a new PUT transaction of {@code to}, verifying the source's checksum on the way: a copy whose content
     * does not match is never committed; the copy is then redone from a verified copy of the source (the bad one
     * is healed), or fails CORRUPTED. Custom metadata: the source's, then {@code opts.custom()} merged in.
     */
    ObjectStat copy(ObjectId from, ObjectId to, PutOptions opts) throws StorageException {
        Fqn.checkName(from);
        Fqn.checkName(to);
        try {
            return copyOnce(from, to, opts, false);
        } catch (SourceMismatch e) {
            FileOps.LOG.warning("copy of " + from.cname() + ": " + e.getMessage() + "; retrying from a verified copy");
            try {
                return copyOnce(from, to, opts, true);
            } catch (SourceMismatch again) {
                throw new StorageException(Reason.CORRUPTED, again.getMessage());
            }
        }
    }

    /** The source failed its checksum while being copied. */
    private static final class SourceMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        SourceMismatch(String msg) {
            super(msg, null, false, false);
        }
    }

    private ObjectStat copyOnce(ObjectId from, ObjectId to, PutOptions opts, boolean validate)
            throws StorageException, SourceMismatch {
        try (ObjectFileReader r = files.openReader(from, validate, false)) {
            Map<String, String> custom = new LinkedHashMap<>(r.stat().custom());
            custom.putAll(opts.custom());
            Checksum src = r.stat().checksum();
            boolean verify = opts.expected() == null && src.type() != ChecksumType.NONE;
            PutOptions o = new PutOptions(
                            opts.checksumType(),
                            verify ? src : opts.expected(),
                            r.stat().size(),
                            custom,
                            opts.versioning(),
                            opts.fsync())
                    .withCopies(opts.copies(), opts.syncCopies());
            try {
                return PutTransaction.put(files, to, r.contentStream(), o, custom);
            } catch (StorageException e) {
                if (verify && e.reason() == Reason.BAD_CHECKSUM) {
                    throw new SourceMismatch("source " + from.cname() + " failed its checksum: " + e.getMessage());
                }
                throw e;
            }
        }
    }

    /** Merges (or replaces) the custom metadata, rewriting the LOM under the write lock. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    ObjectStat setCustom(ObjectId id, Map<String, String> custom, boolean replace) throws StorageException {
        Fqn.checkName(id);
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            Located loc = files.locate(id);
            if (loc == null) {
                throw ObjectFiles.notFound(id);
            }
            ObjectMeta m = files.readMeta(loc, id);
            if (m == null) {
                throw ObjectFiles.notFound(id);
            }
            Map<String, String> c = new LinkedHashMap<>(replace ? Map.of() : m.custom());
            c.putAll(custom == null ? Map.of() : custom);
            ObjectMeta updated = m.withCustom(c);
            loc.mp().meta().update(loc.file(), updated);
            for (Map.Entry<Mountpath, ObjectMeta> e : files.findAll(id).entrySet()) {
                if (e.getKey() != loc.mp() && Copies.same(e.getValue(), m)) {
                    e.getKey()
                            .meta()
                            .update(
                                    Fqn.objectPath(e.getKey().root(), id),
                                    e.getValue().withCustom(updated.custom()));
                }
            }
            return files.toStat(loc.mp(), loc.file(), updated);
        } catch (IOException e) {
            throw ObjectFiles.io("cannot update metadata of", id, e);
        }
    }

    private static void restore(Located src, ObjectMeta m) {
        try {
            if (Files.exists(src.file())) {
                src.mp().meta().update(src.file(), m);
            }
        } catch (IOException e) {
            FileOps.LOG.warning("cannot restore metadata of " + src.file() + ": " + e.getMessage());
        }
    }

    /** Copies an object's content (its file, then its chunks) into {@code dst}, in the kernel, and syncs it. */
    private static void copyContent(ObjectId id, Located src, ObjectMeta m, Path dst) throws IOException {
        try (FileChannel out = FileChannel.open(dst, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            append(src.file(), out);
            if (m.chunks() != null) {
                Path dir = ChunkStore.dir(src.mp(), id.bucket(), m.chunks().token());
                for (int i = 0; i < m.chunks().sizes().size(); i++) {
                    append(ChunkStore.chunk(dir, i), out);
                }
            }
            out.force(true);
        }
    }

    private static void append(Path src, FileChannel out) throws IOException {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ)) {
            long size = in.size();
            long pos = 0;
            while (pos < size) {
                long n = in.transferTo(pos, size - pos, out);
                if (n <= 0) {
                    throw new IOException("short copy of " + src + " at " + pos + " of " + size);
                }
                pos += n;
            }
        }
    }
}
