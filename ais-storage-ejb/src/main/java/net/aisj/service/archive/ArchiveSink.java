package net.aisj.service.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Writes an archive as a stream, one member after the other, each copied straight from its source (nothing is
 * buffered beyond the compressor's window). Tar members carry POSIX long names and big sizes; zip members are
 * deflated with data descriptors (the output need not be seekable) and zip64 where needed.
 *
 * <p>{@link #finish()} completes the archive (trailer, compressor end) without closing the underlying stream, so
 * an HTTP response or a multipart part can go on. Not thread-safe.
 */
public final class ArchiveSink implements AutoCloseable {

    private final ArchiveFormat format;
    private final OutputStream compressor;
    private final ArchiveOutputStream<?> out;
    private long members;
    private boolean finished;

    public ArchiveSink(ArchiveFormat format, OutputStream target) throws IOException {
        this.format = format;
        OutputStream shielded = CloseShieldOutputStream.wrap(target);
        switch (format) {
            case TAR -> {
                compressor = shielded;
                out = tar(shielded);
            }
            case TGZ -> {
                compressor = new GzipCompressorOutputStream(shielded);
                out = tar(compressor);
            }
            case TAR_LZ4 -> {
                compressor = new FramedLZ4CompressorOutputStream(shielded);
                out = tar(compressor);
            }
            case ZIP -> {
                compressor = shielded;
                ZipArchiveOutputStream z = new ZipArchiveOutputStream(shielded);
                z.setUseZip64(Zip64Mode.AsNeeded);
                out = z;
            }
            default -> throw new IllegalStateException(format.toString());
        }
    }

    private static TarArchiveOutputStream tar(OutputStream os) {
        TarArchiveOutputStream t = new TarArchiveOutputStream(os);
        t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        t.setAddPaxHeadersForNonAsciiNames(true);
        return t;
    }

    public ArchiveFormat format() {
        return format;
    }

    /** Members written so far. */
    public long members() {
        return members;
    }

    /**
     * Adds a member of exactly {@code size} bytes read from {@code in} (which is not closed).
     *
     * @throws IOException when {@code in} ends early or the output fails
     */
    public void add(String name, long size, long mtimeMillis, InputStream in) throws IOException {
        if (format == ArchiveFormat.ZIP) {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setSize(size);
            e.setTime(mtimeMillis);
            putAndCopy(e, size, in);
        } else {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(size);
            e.setModTime(Date.from(Instant.ofEpochMilli(mtimeMillis)));
            e.setMode(0644);
            putAndCopy(e, size, in);
        }
    }

    /** Adds an empty member (Get-Batch's {@code __404__/} placeholders). */
    public void addEmpty(String name) throws IOException {
        add(name, 0, System.currentTimeMillis(), InputStream.nullInputStream());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void putAndCopy(org.apache.commons.compress.archivers.ArchiveEntry e, long size, InputStream in)
            throws IOException {
        ((ArchiveOutputStream) out).putArchiveEntry(e);
        long n = copy(in, out, size);
        if (n != size) {
            throw new IOException("member " + e.getName() + " ended after " + n + " of " + size + " bytes");
        }
        out.closeArchiveEntry();
        members++;
    }

    private static long copy(InputStream in, OutputStream os, long size) throws IOException {
        byte[] buf = new byte[(int) Math.max(1, Math.min(size, 256 * 1024))];
        long done = 0;
        while (done < size) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, size - done));
            if (r < 0) {
                break;
            }
            os.write(buf, 0, r);
            done += r;
        }
        return done;
    }

    /** Writes the archive's trailer and ends the compression; the underlying stream stays open. Idempotent. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        out.finish();
        if (compressor instanceof GzipCompressorOutputStream g) {
            g.finish();
        } else if (compressor instanceof FramedLZ4CompressorOutputStream l) {
            l.finish();
        }
        out.flush();
    }

    /** Finishes (if not yet) and releases the writer; the underlying stream is not closed. */
    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
