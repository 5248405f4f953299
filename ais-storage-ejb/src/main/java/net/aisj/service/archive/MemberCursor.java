package net.aisj.service.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
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

    private MemberCursor() {}

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
            return RandomAccessCursor.of(new TarFile(channel));
        }
        if (channel != null && f == ArchiveFormat.ZIP) {
            in.close();
            return RandomAccessCursor.of(
                    ZipFile.builder().setSeekableByteChannel(channel).get());
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

    /** Opens one member of a random-access archive. */
    @FunctionalInterface
    private interface EntryOpener<E extends ArchiveEntry> {
        InputStream open(E entry) throws IOException;
    }

    /**
     * Random access: tar headers read one by one (data read only when opened), zip members through the central
     * directory in the directory's order.
     */
    private static final class RandomAccessCursor<E extends ArchiveEntry> extends MemberCursor {
        private final Iterator<E> it;
        private final EntryOpener<E> opener;
        private final Closeable archive;
        private E entry;

        RandomAccessCursor(Iterator<E> it, EntryOpener<E> opener, Closeable archive) {
            this.it = it;
            this.opener = opener;
            this.archive = archive;
        }

        static RandomAccessCursor<TarArchiveEntry> of(TarFile tar) {
            return new RandomAccessCursor<>(tar.getEntries().iterator(), tar::getInputStream, tar);
        }

        static RandomAccessCursor<ZipArchiveEntry> of(ZipFile zip) {
            return new RandomAccessCursor<>(zip.getEntries().asIterator(), zip::getInputStream, zip);
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
            return opener.open(entry);
        }

        @Override
        public void close() throws IOException {
            archive.close();
        }
    }
}
