package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;

/**
 * An open object file. The open channel keeps the content readable and unchanged even when the object is replaced
 * or deleted meanwhile. Ranges are streamed through one reusable buffer with positional reads, never loading the
 * object. Not thread-safe.
 */
final class ObjectFileReader implements ObjectReader {

    private final FileChannel ch;
    private final ObjectStat stat;
    private final int bufferSize;
    private byte[] buf;

    ObjectFileReader(FileChannel ch, ObjectStat stat, int bufferSize) {
        this.ch = ch;
        this.stat = stat;
        this.bufferSize = bufferSize;
    }

    @Override
    public ObjectStat stat() {
        return stat;
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
        if (buf == null) {
            buf = new byte[(int) Math.min(bufferSize, Math.max(remaining, 1))];
        }
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long pos = offset;
        long written = 0;
        while (remaining > 0) {
            bb.clear();
            bb.limit((int) Math.min(buf.length, remaining));
            int n = ch.read(bb, pos);
            if (n < 0) {
                throw new IOException("object ended early at " + pos + " of " + size + " bytes (" + stat.name() + ")");
            }
            out.write(buf, 0, n);
            pos += n;
            written += n;
            remaining -= n;
        }
        return written;
    }

    @Override
    public InputStream stream() throws IOException {
        return contentStream();
    }

    /** The whole content as a stream positioned at 0 (for copies inside the engine). */
    InputStream contentStream() throws IOException {
        ch.position(0);
        return Channels.newInputStream(ch);
    }

    FileChannel channel() {
        return ch;
    }

    @Override
    public void close() {
        ObjectFiles.closeQuietly(ch);
    }
}
