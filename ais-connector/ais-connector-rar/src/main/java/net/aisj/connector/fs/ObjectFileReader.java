package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumMismatchException;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageException;

/**
 * An open object: its file, then (for a chunked object) its chunk files in order. The open file keeps the content
 * readable and unchanged even when the object is replaced or deleted meanwhile; the chunk directory is kept by the
 * {@link ChunkStore}'s reader count until {@link #close()}. Chunk files are opened one at a time as the read reaches
 * them. Ranges are streamed through one reusable buffer with positional reads, never loading the object. Not
 * thread-safe.
 *
 * <p>A verifying reader ({@link #verify}) never lets a byte of a content that fails its checksum complete a
 * transfer: an object up to {@link #VERIFY_BEFORE_SEND_MAX} bytes is read whole when opened and checked before its
 * first byte is served (every read, ranged or not, is then served from those bytes: one read of the file); a larger
 * one is checked while a whole-object transfer streams, its last chunk held back until the checksum is known
 * ({@link ChecksumMismatchException} instead of that chunk on a mismatch). A range of a larger object is served
 * unverified and reported, so that the copy is verified once in the background.
 *
 * <p>A larger object that has {@link ChunkSums} is instead read one chunk at a time into a pooled buffer, each chunk
 * verified before any of its bytes is sent, whole or ranged (the chunks a range covers are read whole, only the range
 * is sent). On a bad chunk the copy is reported and the same chunk is read from another copy of the same content
 * ({@link OtherCopies}), the transfer continuing from that copy; only when no copy has the chunk right is the
 * transfer cut ({@link ChecksumMismatchException} before the chunk's first byte).
 */
final class ObjectFileReader implements ObjectReader {

    /**
     * Objects up to this size are read whole when opened and verified before their first byte is served, so that a
     * bad copy is replaced by a good one transparently; above, holding the object would cost memory per GET (the
     * cost of both ways is in it/bench/RESULTS.md, "Verified reads").
     */
    static final int VERIFY_BEFORE_SEND_MAX = 1 << 20;

    /**
     * Reusable buffers of {@link #VERIFY_BEFORE_SEND_MAX} bytes for the small objects larger than the I/O buffer: a
     * fresh array that size per GET is a "humongous" allocation for G1 and made verified 1 MiB GETs 30% slower.
     */
    private static final java.util.concurrent.ArrayBlockingQueue<byte[]> WHOLE_BUFFERS =
            new java.util.concurrent.ArrayBlockingQueue<>(32);

    /** What a verifying reader reports about its copy. */
    interface Verification {
        /**
         * The content read does not match the checksum ({@code why}); {@code streaming}: found during a transfer
         * (the copy must be repaired now), else when opening (the opener tries the next copy).
         */
        void mismatch(String why, boolean streaming);

        /** A range of a large object was served without verification. */
        void unverifiedRange();
    }

    /** Opens other copies of the same content, for a verifying reader whose copy has a bad chunk. */
    interface OtherCopies {
        /**
         * A verifying reader of another copy of the object, with the same content (size, checksum, chunk sums), on
         * none of the mountpaths in {@code tried}; null when no such copy is left.
         */
        ObjectFileReader open(java.util.Set<Mountpath> tried);
    }

    private final FileChannel head;
    private final long headSize;
    private final ObjectStat stat;
    private final int bufferSize;
    /** Chunked objects only (else null): where the chunks are, their sizes, who counts readers. */
    private final Path chunkDir;

    private final ChunkList chunks;
    private final ChunkStore store;
    private final Mountpath mp;
    private boolean closed;
    /** Segment i spans [starts[i], starts[i + 1]); segment 0 is the file. */
    private final long[] starts;

    private FileChannel open;
    private int openIndex = -1;
    private byte[] buf;
    /** Null when reads are not verified. */
    private Verification verification;
    /** A small verified object's content (see {@link #verify}); else null. */
    private byte[] whole;
    /** The object's file when it is all of its content (not chunked); see {@link #localFile()}. */
    private Path file;
    /** A verified large object's chunk sums; null: verified as a whole (or not at all). */
    private ChunkSums sums;
    /** Where other copies come from when a chunk is bad (with {@link #sums}). */
    private OtherCopies others;
    /** The mountpaths of the copies opened (this one first); the other copies opened; the copy chunks are read from. */
    private java.util.Set<Mountpath> tried;

    private java.util.List<ObjectFileReader> opened;
    private ObjectFileReader current = this;

    /**
     * A reader of the copy on {@code mp} (counted as one of its readers until closed); for a chunked object
     * {@code store} has already counted it as a reader of {@code chunkDir} (else both are null).
     */
    ObjectFileReader(
            FileChannel head,
            ObjectStat stat,
            int bufferSize,
            Path chunkDir,
            ChunkList chunks,
            ChunkStore store,
            Mountpath mp) {
        this.mp = mp;
        mp.readerOpened();
        this.head = head;
        this.stat = stat;
        this.bufferSize = bufferSize;
        this.chunkDir = chunkDir;
        this.chunks = chunks;
        this.store = store;
        this.headSize = chunks == null ? stat.size() : stat.size() - chunks.total();
        int n = chunks == null ? 0 : chunks.sizes().size();
        this.starts = new long[n + 2];
        starts[1] = headSize;
        for (int i = 0; i < n; i++) {
            starts[i + 2] = starts[i + 1] + chunks.sizes().get(i);
        }
    }

    @Override
    public ObjectStat stat() {
        return stat;
    }

    /** Names the object's file (it holds the whole content: the object is not chunked). */
    void file(Path f) {
        this.file = chunks == null ? f : null;
    }

    @Override
    public java.util.Optional<Path> localFile() {
        return verification == null && whole == null ? java.util.Optional.ofNullable(file) : java.util.Optional.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code length < 0} means "to the end"; a range reaching past the end is cut at the end.
     *
     * @throws IllegalArgumentException when {@code offset} is negative or beyond the object's size
     */
    @Override
    public long transferTo(OutputStream out, long offset, long length) throws IOException {
        long size = stat.size();
        if (offset < 0 || offset > size) {
            throw new IllegalArgumentException("offset " + offset + " outside object of " + size + " bytes");
        }
        long remaining = length < 0 ? size - offset : Math.min(length, size - offset);
        if (whole != null) {
            // in I/O-buffer slices, as an unverified read writes them
            for (long done = 0; done < remaining; ) {
                int n = (int) Math.min(bufferSize, remaining - done);
                out.write(whole, (int) (offset + done), n);
                done += n;
            }
            return remaining;
        }
        if (verification != null) {
            if (sums != null) {
                return transferChunks(out, offset, remaining);
            }
            if (offset == 0 && remaining == size) {
                try (ChecksumHasher h = ChecksumHasher.forRead(stat.checksum().type())) {
                    return transfer(out, offset, remaining, h);
                }
            }
            verification.unverifiedRange();
        }
        return transfer(out, offset, remaining, null);
    }

    /** Streams {@code remaining} bytes from {@code offset}; with {@code h}, the last chunk waits for the checksum. */
    private long transfer(OutputStream out, long offset, long remaining, ChecksumHasher h) throws IOException {
        long size = stat.size();
        int want = (int) Math.min(bufferSize, Math.max(remaining, 1));
        if (buf == null || buf.length < want) {
            // grows when a small first read (an archive header) is followed by a large one
            buf = new byte[want];
        }
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long pos = offset;
        long written = 0;
        while (remaining > 0) {
            int seg = segmentAt(pos);
            FileChannel ch = channel(seg);
            long segStart = starts[seg];
            bb.clear();
            bb.limit((int) Math.min(buf.length, Math.min(remaining, starts[seg + 1] - pos)));
            int n = ch.read(bb, pos - segStart);
            if (n < 0) {
                throw new IOException("object ended early at " + pos + " of " + size + " bytes (" + stat.name() + ")");
            }
            if (h != null) {
                h.update(buf, 0, n);
                if (n == remaining) {
                    checkLast(h, written + n); // the last chunk leaves only once the checksum is known
                }
            }
            out.write(buf, 0, n);
            pos += n;
            written += n;
            remaining -= n;
        }
        mp.countRead(written);
        return written;
    }

    /** Sends {@code remaining} bytes from {@code offset}, each chunk they touch read whole and verified first. */
    private long transferChunks(OutputStream out, long offset, long remaining) throws IOException {
        if (remaining == 0) {
            return 0;
        }
        int cs = sums.chunkSize();
        byte[] cb = cs == VERIFY_BEFORE_SEND_MAX ? pooledBuffer() : new byte[cs];
        try {
            long end = offset + remaining;
            long written = 0;
            for (int i = (int) (offset / cs); (long) i * cs < end; i++) {
                long start = (long) i * cs;
                int len = (int) Math.min(cs, stat.size() - start);
                readGoodChunk(i, start, cb, len, written);
                int from = (int) Math.max(0, offset - start);
                int to = (int) Math.min(len, end - start);
                for (int p = from; p < to; ) {
                    int n = Math.min(bufferSize, to - p); // in I/O-buffer slices, as an unverified read writes them
                    out.write(cb, p, n);
                    p += n;
                }
                written += to - from;
            }
            return written;
        } finally {
            release(cb);
        }
    }

    /**
     * Reads chunk {@code i} into {@code cb} from the current copy, then from other copies until one has it right
     * (which becomes the current copy); each bad copy is reported as found while streaming (quarantined, repaired).
     *
     * @throws ChecksumMismatchException when no copy has the chunk right
     */
    private void readGoodChunk(int i, long start, byte[] cb, int len, long sent) throws IOException {
        ObjectFileReader src = current;
        java.util.List<ObjectFileReader> failed = null;
        while (true) {
            src.readAt(cb, start, len);
            long actual = ChunkSums.of(cb, 0, len);
            if (actual == sums.hash(i)) {
                current = src;
                return;
            }
            String why = String.format(
                    java.util.Locale.ROOT,
                    "chunk %d of %d (bytes %d-%d) checksum mismatch: stored xxhash64 %016x, computed %016x (%s on %s)",
                    i + 1,
                    sums.count(),
                    start,
                    start + len - 1,
                    sums.hash(i),
                    actual,
                    stat.name(),
                    src.mp);
            src.verification.mismatch(why, true);
            if (failed == null) {
                failed = new java.util.ArrayList<>();
            }
            failed.add(src);
            src = otherCopy(failed);
            if (src == null) {
                throw new ChecksumMismatchException(
                        why + "; no other copy has it right: transfer cut after " + sent + " bytes");
            }
            FileOps.LOG.info("serving " + stat.name() + " from " + src.mp + " from byte " + start + " on: " + why);
        }
    }

    /**
     * A copy not in {@code failed}: one already open (a copy bad at another chunk may be good at this one), else a
     * newly opened one; null when none is left.
     */
    private ObjectFileReader otherCopy(java.util.List<ObjectFileReader> failed) {
        if (opened == null) {
            opened = new java.util.ArrayList<>();
            tried = new java.util.HashSet<>();
            tried.add(mp);
        }
        if (!failed.contains(this)) {
            return this;
        }
        for (ObjectFileReader r : opened) {
            if (!failed.contains(r)) {
                return r;
            }
        }
        ObjectFileReader next = others == null ? null : others.open(tried);
        if (next != null) {
            opened.add(next);
            tried.add(next.mp);
        }
        return next;
    }

    /** Reads exactly {@code len} bytes at {@code pos} into {@code b} (counted as read on this copy's mountpath). */
    private void readAt(byte[] b, long pos, int len) throws IOException {
        long end = pos + len;
        int off = 0;
        while (pos < end) {
            int seg = segmentAt(pos);
            ByteBuffer bb = ByteBuffer.wrap(b, off, (int) (Math.min(end, starts[seg + 1]) - pos));
            int n = channel(seg).read(bb, pos - starts[seg]);
            if (n < 0) {
                throw new IOException(
                        "object ended early at " + pos + " of " + stat.size() + " bytes (" + stat.name() + ")");
            }
            pos += n;
            off += n;
        }
        mp.countRead(len);
    }

    /** The chunk sums this reader verifies against (null when none). */
    ChunkSums sums() {
        return sums;
    }

    @Override
    public boolean cutsOnMismatch(long offset, long length) {
        if (verification == null || whole != null) {
            return false;
        }
        return sums != null || offset == 0 && (length < 0 || length >= stat.size());
    }

    private void checkLast(ChecksumHasher h, long read) throws ChecksumMismatchException {
        Checksum actual = h.result();
        if (!actual.matches(stat.checksum())) {
            mp.countRead(read);
            String why = mismatch(actual);
            verification.mismatch(why, true);
            throw new ChecksumMismatchException(
                    why + "; transfer cut before its last " + Math.min(read, buf.length) + " bytes");
        }
    }

    private String mismatch(Checksum actual) {
        return "checksum mismatch: stored " + stat.checksum().type().wire() + " "
                + stat.checksum().value() + ", computed " + actual.value() + " (" + stat.name() + " on " + mp + ")";
    }

    /**
     * Verifies every read through this reader from now on (nothing for checksum type {@code none}). An object up to
     * {@link #VERIFY_BEFORE_SEND_MAX} is read and checked now.
     *
     * @throws StorageException CORRUPTED when that check fails (reported to {@code v} first)
     */
    void verify(Verification v) throws IOException, StorageException {
        verify(v, null, null);
    }

    /**
     * Like {@link #verify(Verification)}; a larger object with chunk sums {@code s} (that fit its size) is verified
     * chunk by chunk, a bad chunk read from the copies {@code o} opens.
     */
    void verify(Verification v, ChunkSums s, OtherCopies o) throws IOException, StorageException {
        if (stat.checksum().type() == ChecksumType.NONE) {
            return;
        }
        verification = v;
        if (stat.size() > VERIFY_BEFORE_SEND_MAX) {
            if (s != null && s.fits(stat.size())) {
                sums = s;
                others = o;
            }
            return;
        }
        int size = (int) stat.size();
        byte[] b = size <= bufferSize ? new byte[size] : pooledBuffer();
        try {
            readAt(b, 0, size);
            Checksum actual = ChecksumHasher.ofBytes(stat.checksum().type(), b, 0, size);
            if (!actual.matches(stat.checksum())) {
                String why = mismatch(actual);
                v.mismatch(why, false);
                throw new StorageException(StorageException.Reason.CORRUPTED, why);
            }
            whole = b;
            b = null;
        } finally {
            release(b);
        }
    }

    private static byte[] pooledBuffer() {
        byte[] b = WHOLE_BUFFERS.poll();
        return b != null ? b : new byte[VERIFY_BEFORE_SEND_MAX];
    }

    private static void release(byte[] b) {
        if (b != null && b.length == VERIFY_BEFORE_SEND_MAX && !WHOLE_BUFFERS.offer(b)) {
            return; // the pool is full: the garbage collector takes this one
        }
    }

    @Override
    public InputStream stream() {
        return contentStream();
    }

    /** The whole content as a stream from offset 0 (for copies inside the engine). */
    InputStream contentStream() {
        return new ContentStream();
    }

    /** Copies the whole content into {@code out} in the kernel where it can. */
    void copyTo(FileChannel out) throws IOException {
        copy(head, headSize, out);
        if (chunks != null) {
            for (int i = 0; i < chunks.sizes().size(); i++) {
                copy(chunk(i), chunks.sizes().get(i), out);
            }
        }
    }

    private static void copy(FileChannel in, long size, FileChannel out) throws IOException {
        long pos = 0;
        while (pos < size) {
            long n = in.transferTo(pos, size - pos, out);
            if (n <= 0) {
                throw new IOException("object ended early at " + pos + " of " + size + " bytes");
            }
            pos += n;
        }
    }

    /** The segment (0 = the file, i = chunk i-1) holding byte {@code pos}; pos is below the object's size. */
    private int segmentAt(long pos) {
        int i = java.util.Arrays.binarySearch(starts, pos);
        i = i >= 0 ? i : -i - 2;
        while (starts[i + 1] == starts[i]) {
            i++; // skip empty segments
        }
        return i;
    }

    private FileChannel channel(int seg) throws IOException {
        return seg == 0 ? head : chunk(seg - 1);
    }

    private FileChannel chunk(int index) throws IOException {
        if (openIndex != index) {
            ObjectFiles.closeQuietly(open);
            open = null;
            open = FileChannel.open(ChunkStore.chunk(chunkDir, index), StandardOpenOption.READ);
            openIndex = index;
            if (open.size() != chunks.sizes().get(index)) {
                throw new IOException("chunk " + (index + 1) + " of " + stat.name() + " has " + open.size()
                        + " bytes, its metadata says " + chunks.sizes().get(index));
            }
        }
        return open;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        release(whole);
        whole = null;
        if (opened != null) {
            opened.forEach(ObjectFiles::closeQuietly);
            opened = null;
        }
        mp.readerClosed();
        ObjectFiles.closeQuietly(head);
        ObjectFiles.closeQuietly(open);
        open = null;
        if (store != null) {
            store.release(chunkDir);
        }
    }

    /** Sequential reads over the segments by position; independent of other reads through this reader. */
    private final class ContentStream extends InputStream {
        private long pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= stat.size()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (whole != null) {
                int n = (int) Math.min(len, stat.size() - pos);
                System.arraycopy(whole, (int) pos, b, off, n);
                pos += n;
                return n;
            }
            int seg = segmentAt(pos);
            FileChannel ch = channel(seg);
            long segStart = starts[seg];
            ByteBuffer bb = ByteBuffer.wrap(b, off, (int) Math.min(len, starts[seg + 1] - pos));
            int n = ch.read(bb, pos - segStart);
            if (n < 0) {
                throw new IOException("object ended early at " + pos + " of " + stat.size() + " bytes");
            }
            pos += n;
            mp.countRead(n);
            return n;
        }
    }
}
