package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * One PUT: stream into a uniquely named temp file under the owner mountpath's {@code %wk}, checksumming and counting
 * on the way; check the declared length and the expected checksum; fsync per policy; then, under the name's write
 * lock, set the version and LOM and atomically rename into place ({@link ObjectFiles#commitLocked}). Any failure
 * deletes the temp file, so nothing partial is ever visible. Concurrent PUTs of one name each have their own temp
 * file; their renames are serialised and the last one wins whole. Single use; not thread-safe.
 */
final class PutTransaction {

    private final ObjectFiles files;
    private final Mountpath mp;
    private final ObjectId id;
    private final PutOptions opts;
    private Path temp;
    private long size = -1;
    private Checksum checksum;
    /** Lower-case hex MD5 of the content when {@link PutOptions#md5Etag()} asked for it. */
    private String md5;
    /** Where the content continues after the temp file's bytes (a chunked object); null for a plain one. */
    private ChunkList chunks;

    /** Per-chunk checksums computed while the content streamed by (null: none kept). */
    private ChunkSums sums;

    PutTransaction(ObjectFiles files, Mountpath mp, ObjectId id, PutOptions opts) {
        this.files = files;
        this.mp = mp;
        this.id = id;
        this.opts = opts;
    }

    /** PUT from a client stream, committed with {@code custom} as the object's custom metadata. */
    static ObjectStat put(ObjectFiles files, ObjectId id, InputStream in, PutOptions opts, Map<String, String> custom)
            throws StorageException {
        PutTransaction tx = new PutTransaction(files, files.owner(id), id, opts);
        try {
            tx.receive(in);
            return tx.commit(tx.md5 == null ? custom : withEtag(custom, tx.md5));
        } finally {
            tx.abort();
        }
    }

    /** Streams {@code in} into a new temp file. */
    void receive(InputStream in) throws StorageException {
        ChecksumHasher main = ChecksumHasher.of(opts.checksumType());
        ChunkSums.Builder chunkSums = sumsBuilder();
        ChecksumHasher extra = extraHasher();
        ChecksumHasher etag =
                opts.md5Etag() && opts.checksumType() != ChecksumType.MD5 ? ChecksumHasher.of(ChecksumType.MD5) : null;
        long declared = opts.contentLength();
        mp.checkSpace(files.cfg().outOfSpacePercent(), "PUT " + id.cname());
        byte[] buf = new byte[files.cfg().bufferSize()];
        long n = 0;
        try {
            temp = FileOps.newWorkFile(mp.workDir(), "put-");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                while (true) {
                    int r;
                    try {
                        r = in.read(buf);
                    } catch (IOException e) {
                        throw new StorageException(
                                Reason.IO,
                                "reading the content of " + id.cname() + " failed after " + n + " bytes: "
                                        + e.getMessage(),
                                e);
                    }
                    if (r < 0) {
                        break;
                    }
                    if (declared >= 0 && n + r > declared) {
                        throw new StorageException(
                                Reason.INCOMPLETE_BODY,
                                "size mismatch: got more than " + declared + " bytes (" + id.cname() + ")");
                    }
                    main.update(buf, 0, r);
                    if (chunkSums != null) {
                        chunkSums.update(buf, 0, r);
                    }
                    if (extra != null) {
                        extra.update(buf, 0, r);
                    }
                    if (etag != null) {
                        etag.update(buf, 0, r);
                    }
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    n += r;
                }
                if (declared >= 0 && n != declared) {
                    throw new StorageException(
                            Reason.INCOMPLETE_BODY,
                            "truncated: got " + n + " of " + declared + " bytes (" + id.cname() + ")");
                }
                if (opts.fsync()) {
                    ch.force(true);
                }
            }
        } catch (IOException e) {
            throw ObjectFiles.io("cannot write", id, e);
        }
        size = n;
        mp.countWritten(n);
        checksum = main.result();
        sums = chunkSums == null ? null : chunkSums.finish();
        verifyExpected(extra == null ? checksum : extra.result());
        if (opts.md5Etag()) {
            md5 = etag != null ? etag.hex() : checksum.value();
        }
    }

    /** {@code custom} plus the quoted MD5 as {@link PutOptions#ETAG}. */
    private static Map<String, String> withEtag(Map<String, String> custom, String md5Hex) {
        Map<String, String> m = new java.util.LinkedHashMap<>(custom);
        m.put(PutOptions.ETAG, "\"" + md5Hex + "\"");
        return m;
    }

    /**
     * Adopts an already written work file (a pending append) as this transaction's content, computing its size
     * and checksum. The file is deleted on abort.
     */
    void adopt(Path workFile) throws StorageException {
        temp = workFile;
        ChecksumHasher extra = extraHasher();
        try (FileChannel ch = FileChannel.open(workFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            size = ch.size();
            ChunkSums.Builder chunkSums = sumsBuilder();
            checksum =
                    ChecksumHasher.ofFile(ch, opts.checksumType(), files.cfg().bufferSize(), chunkSums);
            sums = chunkSums == null ? null : chunkSums.finish();
            Checksum other = extra == null
                    ? checksum
                    : ChecksumHasher.ofFile(ch, extra.type, files.cfg().bufferSize());
            if (opts.contentLength() >= 0 && size != opts.contentLength()) {
                throw new StorageException(
                        Reason.INCOMPLETE_BODY,
                        "truncated: got " + size + " of " + opts.contentLength() + " bytes (" + id.cname() + ")");
            }
            verifyExpected(other);
            if (opts.fsync()) {
                ch.force(true);
            }
        } catch (IOException e) {
            throw ObjectFiles.io("cannot read work file of", id, e);
        }
    }

    /**
     * Adopts a work file holding the content's first bytes and a chunk directory holding the rest, whose total size
     * and checksum the caller computed; the chunks are retired on abort.
     */
    void adoptChunked(Path workFile, ChunkList rest, long totalSize, Checksum sum, ChunkSums chunkSums)
            throws StorageException {
        temp = workFile;
        sums = chunkSums;
        chunks = rest;
        size = totalSize;
        checksum = sum;
        if (opts.contentLength() >= 0 && size != opts.contentLength()) {
            throw new StorageException(
                    Reason.INCOMPLETE_BODY,
                    "truncated: got " + size + " of " + opts.contentLength() + " bytes (" + id.cname() + ")");
        }
        verifyExpected(sum);
    }

    /** Commits under the write lock; the temp file becomes the object. */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    ObjectStat commit(Map<String, String> custom) throws StorageException {
        if (temp == null || size < 0) {
            throw new IllegalStateException("nothing received");
        }
        ObjectMeta meta = new ObjectMeta(id.name(), size, checksum, "", 0, custom, null, chunks, sums);
        ObjectStat st;
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            st = files.commitLocked(mp, id, temp, meta, opts);
            temp = null;
            chunks = null;
        }
        files.afterCommit(id, opts);
        return st;
    }

    /** Deletes the temp file (and chunks) unless committed. Idempotent. */
    void abort() {
        if (chunks != null) {
            files.chunks().retire(mp, id.bucket(), chunks);
            chunks = null;
        }
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                FileOps.LOG.warning("cannot delete temp file " + temp + ": " + e.getMessage());
            }
            temp = null;
        }
    }

    /** A builder of the content's chunk sums; null when the bucket keeps no checksum (nothing is verified). */
    ChunkSums.Builder sumsBuilder() {
        return opts.checksumType() == ChecksumType.NONE ? null : ChunkSums.builder();
    }

    /** When the client's checksum is of another kind than the bucket's, compute that one too. */
    private ChecksumHasher extraHasher() {
        Checksum exp = opts.expected();
        if (exp == null || exp.type() == ChecksumType.NONE || sameFamily(exp.type(), opts.checksumType())) {
            return null;
        }
        return ChecksumHasher.of(exp.type());
    }

    private void verifyExpected(Checksum actual) throws StorageException {
        Checksum exp = opts.expected();
        if (exp == null || exp.type() == ChecksumType.NONE) {
            return;
        }
        if (!exp.matches(actual)) {
            throw new StorageException(
                    Reason.BAD_CHECKSUM,
                    "checksum mismatch: expected " + exp.type().wire() + " " + exp.value() + ", got " + actual.value()
                            + " (" + id.cname() + ")");
        }
    }

    private static boolean sameFamily(ChecksumType a, ChecksumType b) {
        return new Checksum(a, "").matches(new Checksum(b, ""));
    }
}
