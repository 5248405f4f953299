package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;

/**
 * The slices and full replicas this target holds for other targets' objects, and the EC metafiles (AIS's
 * {@code %ec} and {@code %mt} content types): {@code <bucket dir>/%ec/<mapped name>} holds a slice or replica,
 * {@code <bucket dir>/%mt/<mapped name>} the metafile (JSON, {@link EcMeta}), both under the object's HRW
 * mountpath with the same name mapping as {@code %ob} ({@link NameCodec}). A main target keeps only the metafile.
 *
 * <p>Writes stream into a work file, verify, fsync, then rename into place under the name's write lock: content
 * first, metafile last, so a metafile never describes content that is not there yet. Reads take the read lock to
 * open the file. Thread-safe.
 */
final class EcStore {

    static final String SLICES = "%ec";
    static final String METAS = "%mt";

    private final ObjectFiles files;

    EcStore(ObjectFiles files) {
        this.files = files;
    }

    /** The object's path below {@code dir} ({@code %ec} or {@code %mt}) on a mountpath. */
    static Path pathIn(Mountpath mp, ObjectId id, String dir) throws StorageException {
        Path ob = Fqn.objectsDir(mp.root(), id.bucket());
        Path rel = ob.relativize(Fqn.objectPath(mp.root(), id));
        return Fqn.bucketDir(mp.root(), id.bucket()).resolve(dir).resolve(rel);
    }

    /** See {@link net.aisj.connector.api.StorageConnection#putSlice}. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    boolean put(ObjectId id, EcMeta meta, InputStream in) throws StorageException {
        Fqn.checkName(id);
        checkNamed(id, meta);
        Mountpath mp = files.owner(id);
        mp.checkSpace(
                files.cfg().outOfSpacePercent(),
                (meta.isCopy() ? "replica" : "slice " + meta.sliceId()) + " of " + id.cname());
        Path temp = null;
        try {
            temp = FileOps.newWorkFile(mp.workDir(), "ec-");
            receive(id, meta, in, temp);
            try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
                Optional<EcMeta> have = readAny(id);
                if (have.isPresent() && have.get().generation() > meta.generation()) {
                    return false;
                }
                removeAll(id);
                Path content = pathIn(mp, id, SLICES);
                FileOps.moveIntoPlace(temp, content);
                temp = null;
                FileOps.fsyncDir(FileOps.parent(content));
                writeMeta(mp, id, meta);
            }
            return true;
        } catch (IOException e) {
            throw ObjectFiles.io("cannot store the slice of", id, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private void receive(ObjectId id, EcMeta meta, InputStream in, Path temp) throws IOException, StorageException {
        boolean replica = meta.sliceId() == 0;
        ChecksumType type = replica ? meta.objChecksum().type() : ChecksumType.XXHASH2;
        ChecksumHasher h = ChecksumHasher.of(type);
        byte[] buf = new byte[files.cfg().bufferSize()];
        long n = 0;
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            for (int r; (r = in.read(buf)) >= 0; ) {
                h.update(buf, 0, r);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                n += r;
            }
            ch.force(true);
        }
        if (n != meta.storedSize()) {
            throw new StorageException(
                    Reason.BAD_CHECKSUM,
                    "slice " + meta.sliceId() + " of " + id.cname() + ": got " + n + " bytes, expected "
                            + meta.storedSize());
        }
        Checksum want = replica ? meta.objChecksum() : new Checksum(ChecksumType.XXHASH2, meta.sliceChecksum());
        if (want.type() != ChecksumType.NONE && !want.matches(h.result())) {
            throw new StorageException(
                    Reason.BAD_CHECKSUM,
                    "slice " + meta.sliceId() + " of " + id.cname() + ": checksum "
                            + h.result().value() + " does not match " + want.value());
        }
    }

    /** See {@link net.aisj.connector.api.StorageConnection#putEcMeta}: drops any slice held here for the name. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    void putMain(ObjectId id, EcMeta meta) throws StorageException {
        Fqn.checkName(id);
        checkNamed(id, meta);
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            removeAll(id);
            writeMeta(files.owner(id), id, meta);
        } catch (IOException e) {
            throw ObjectFiles.io("cannot store the metafile of", id, e);
        }
    }

    /** This target's metafile of the name (first found in HRW order); a damaged one reads as absent. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    Optional<EcMeta> meta(ObjectId id) throws StorageException {
        Fqn.checkName(id);
        try (NameLocks.Held h = files.locks().lockRead(id.uname())) {
            return readAny(id);
        }
    }

    /** Opens the slice or replica held here; NOT_FOUND when none, CORRUPTED when its size is wrong. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    EcSlice open(ObjectId id) throws StorageException {
        Fqn.checkName(id);
        try (NameLocks.Held h = files.locks().lockRead(id.uname())) {
            for (Mountpath mp : MountpathHrw.ranked(files.volume().all(), id)) {
                Path meta = pathIn(mp, id, METAS);
                Path content = pathIn(mp, id, SLICES);
                if (!Files.isRegularFile(meta) || !Files.isRegularFile(content)) {
                    continue;
                }
                EcMeta m = read(meta);
                if (m == null || !m.name().equals(id.name())) {
                    continue;
                }
                InputStream in = Files.newInputStream(content);
                if (Files.size(content) != m.storedSize()) {
                    in.close();
                    throw new StorageException(
                            Reason.CORRUPTED,
                            "slice " + m.sliceId() + " of " + id.cname() + " has " + Files.size(content)
                                    + " bytes instead of " + m.storedSize());
                }
                return new EcSlice(m, in);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile
        } catch (IOException e) {
            throw ObjectFiles.io("cannot open the slice of", id, e);
        }
        throw new StorageException(Reason.NOT_FOUND, "no slice of " + id.cname() + " here");
    }

    /** See {@link net.aisj.connector.api.StorageConnection#verifySlice}. */
    boolean verify(ObjectId id) throws StorageException {
        EcMeta m;
        Checksum actual;
        try (EcSlice s = open(id)) {
            m = s.meta();
            boolean replica = m.sliceId() == 0;
            ChecksumHasher h = ChecksumHasher.of(replica ? m.objChecksum().type() : ChecksumType.XXHASH2);
            byte[] buf = new byte[files.cfg().bufferSize()];
            for (int r; (r = s.content().read(buf)) >= 0; ) {
                h.update(buf, 0, r);
            }
            actual = h.result();
            Checksum want = replica ? m.objChecksum() : new Checksum(ChecksumType.XXHASH2, m.sliceChecksum());
            if (want.type() == ChecksumType.NONE || want.matches(actual)) {
                return true;
            }
        } catch (StorageException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return true;
            }
            if (e.reason() != Reason.CORRUPTED) {
                throw e;
            }
            m = null;
            actual = null;
        } catch (IOException e) {
            throw ObjectFiles.io("cannot verify the slice of", id, e);
        }
        FileOps.LOG.warning("slice " + (m == null ? "?" : m.sliceId()) + " of " + id.cname() + " is corrupt"
                + (actual == null ? "" : " (checksum " + actual.value() + ")") + "; removed");
        delete(id, 0);
        return false;
    }

    /** Removes the slice/replica and metafile of the name ({@code onlyGeneration} > 0: only that generation). */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    boolean delete(ObjectId id, long onlyGeneration) throws StorageException {
        Fqn.checkName(id);
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            if (onlyGeneration > 0) {
                Optional<EcMeta> m = readAny(id);
                if (m.isPresent() && m.get().generation() != onlyGeneration) {
                    return false;
                }
            }
            return removeAll(id);
        } catch (IOException e) {
            throw ObjectFiles.io("cannot delete the slice of", id, e);
        }
    }

    /** The metafiles of the slices/replicas held here for {@code bucket}. */
    List<EcMeta> list(BucketId bucket) throws StorageException {
        Fqn.checkBucket(bucket);
        List<EcMeta> out = new ArrayList<>();
        for (Mountpath mp : files.volume().all()) {
            Path metas = Fqn.bucketDir(mp.root(), bucket).resolve(METAS);
            Path slices = Fqn.bucketDir(mp.root(), bucket).resolve(SLICES);
            if (!Files.isDirectory(metas)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(metas)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    EcMeta m = read(p);
                    if (m != null && Files.isRegularFile(slices.resolve(metas.relativize(p)))) {
                        out.add(m);
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                FileOps.LOG.warning("cannot list the slices of " + bucket.cname() + " on " + mp + ": " + e);
            }
        }
        return out;
    }

    private Optional<EcMeta> readAny(ObjectId id) throws StorageException {
        for (Mountpath mp : MountpathHrw.ranked(files.volume().all(), id)) {
            EcMeta m = read(pathIn(mp, id, METAS));
            if (m != null && m.name().equals(id.name())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The metafile at {@code p}, or null when absent or unreadable (logged). */
    private static EcMeta read(Path p) {
        try {
            return EcMeta.parse(Files.readAllBytes(p));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException e) {
            FileOps.LOG.warning("ignoring the damaged EC metafile " + p + ": " + e.getMessage());
            return null;
        }
    }

    private static void writeMeta(Mountpath mp, ObjectId id, EcMeta meta) throws IOException, StorageException {
        Path tmp = FileOps.newWorkFile(mp.workDir(), "mt-");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(meta.toBytes());
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Path dst = pathIn(mp, id, METAS);
            FileOps.moveIntoPlace(tmp, dst);
            FileOps.fsyncDir(FileOps.parent(dst));
            tmp = null;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Removes the name's slice and metafile from every mountpath; the caller holds the write lock. */
    private boolean removeAll(ObjectId id) throws IOException, StorageException {
        boolean any = false;
        for (Mountpath mp : files.volume().all()) {
            for (String dir : new String[] {SLICES, METAS}) {
                Path p = pathIn(mp, id, dir);
                if (Files.deleteIfExists(p)) {
                    any = true;
                    FileOps.pruneEmptyDirs(
                            p.getParent(), Fqn.bucketDir(mp.root(), id.bucket()).resolve(dir));
                }
            }
        }
        return any;
    }

    private static void checkNamed(ObjectId id, EcMeta meta) throws StorageException {
        if (!meta.name().equals(id.name())) {
            throw new StorageException(Reason.BAD_REQUEST, "metafile names " + meta.name() + ", not " + id.cname());
        }
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                FileOps.LOG.warning("cannot delete work file " + p + ": " + e.getMessage());
            }
        }
    }
}
