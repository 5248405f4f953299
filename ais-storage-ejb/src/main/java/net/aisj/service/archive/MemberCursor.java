package net.aisj.service.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Enumeration;
import java.util.Iterator;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Pull-style iteration over the files of an archive (directories are skipped): {@link #next()} moves to the next
 * member, whose name and size are then known and whose content {@link #open()} streams.
 *
 * <p>How a shard is read: tar.gz and tar.lz4 are always one sequential scan of the decompressed stream. Plain tar
 * and zip use random access when the source offers a seekable channel ({@link #open(ArchiveFormat, InputStream,
 * SeekableByteChannel)}): tar headers are read one by one and the data between them skipped (never read), zip
 * members are found through the central directory at the end. Without a channel, tar is scanned and zip is read
 * as a stream of local headers ({@code ZipArchiveInputStream}), where a member whose sizes are only in its data
 * descriptor (as streamed zips have) reports size -1: the services always pass a channel for zip. Memory is bounded
 * by the library's buffers plus, for random access, the list of member headers.
 *
 * <p>Not thread-safe. The stream from {@link #open()} is valid until the next {@link #next()} or {@link #close()};
 * closing it does not close the cursor.
 */
public abstract class MemberCursor implements AutoCloseable {

    private MemberCursor() {
    }

    /** Moves to the next file; false at the end. */
    public abstract boolean next() throws IOException;

    /** The current member's name as stored (no leading "./" removed). */
    public abstract String name();

    /** The current member's size in bytes. */
    public abstract long size();

    /** The current member's content. */
    public abstract InputStream open() throws IOException;

    @Override
    public abstract void close() throws IOException;

    /**
     * A cursor over an archive of format {@code f}.
     *
     * @param in      the archive from byte 0 (used when {@code channel} is null or the format is compressed);
     *                closed with the cursor
     * @param channel random access to the same bytes, or null; closed with the cursor
     */
    public static MemberCursor open(ArchiveFormat f, InputStream in, SeekableByteChannel channel) throws IOException {
        if (channel != null && f == ArchiveFormat.TAR) {
            in.close();
            return new TarFileCursor(new TarFile(channel));
        }
        if (channel != null && f == ArchiveFormat.ZIP) {
            in.close();
            return new ZipFileCursor(ZipFile.builder().setSeekableByteChannel(channel).get());
        }
        if (channel != null) {
            channel.close();
        }
        return switch (f) {
            case TAR -> new StreamCursor(new TarArchiveInputStream(in));
            case TGZ -> new StreamCursor(new TarArchiveInputStream(new GzipCompressorInputStream(in)));
            case TAR_LZ4 -> new StreamCursor(new TarArchiveInputStream(new FramedLZ4CompressorInputStream(in)));
            case ZIP -> new StreamCursor(new ZipArchiveInputStream(in));
        };
    }

    /** Sequential: the stream's current entry. */
    private static final class StreamCursor extends MemberCursor {
        private final ArchiveInputStream<? extends ArchiveEntry> in;
        private ArchiveEntry entry;

        StreamCursor(ArchiveInputStream<? extends ArchiveEntry> in) {
            this.in = in;
        }

        @Override
        public boolean next() throws IOException {
            do {
                entry = in.getNextEntry();
            } while (entry != null && entry.isDirectory());
            return entry != null;
        }

        @Override
        public String name() {
            return entry.getName();
        }

        @Override
        public long size() {
            return entry.getSize();
        }

        @Override
        public InputStream open() {
            return CloseShieldInputStream.wrap(in);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Random access tar: headers only, data read when opened. */
    private static final class TarFileCursor extends MemberCursor {
        private final TarFile tar;
        private final Iterator<TarArchiveEntry> it;
        private TarArchiveEntry entry;

        TarFileCursor(TarFile tar) {
            this.tar = tar;
            this.it = tar.getEntries().iterator();
        }

        @Override
        public boolean next() {
            do {
                entry = it.hasNext() ? it.next() : null;
            } while (entry != null && entry.isDirectory());
            return entry != null;
        }

        @Override
        public String name() {
            return entry.getName();
        }

        @Override
        public long size() {
            return entry.getSize();
        }

        @Override
        public InputStream open() throws IOException {
            return tar.getInputStream(entry);
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    /** Random access zip through the central directory, in the directory's order. */
    private static final class ZipFileCursor extends MemberCursor {
        private final ZipFile zip;
        private final Enumeration<ZipArchiveEntry> it;
        private ZipArchiveEntry entry;

        ZipFileCursor(ZipFile zip) {
            this.zip = zip;
            this.it = zip.getEntries();
        }

        @Override
        public boolean next() {
            do {
                entry = it.hasMoreElements() ? it.nextElement() : null;
            } while (entry != null && entry.isDirectory());
            return entry != null;
        }

        @Override
        public String name() {
            return entry.getName();
        }

        @Override
        public long size() {
            return entry.getSize();
        }

        @Override
        public InputStream open() throws IOException {
            return zip.getInputStream(entry);
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
