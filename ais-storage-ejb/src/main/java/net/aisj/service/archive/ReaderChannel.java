package net.aisj.service.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import net.aisj.connector.api.ObjectReader;

/**
 * A read-only {@link SeekableByteChannel} over an open object: each read is a positional
 * {@link ObjectReader#transferTo} of at most the buffer's remaining bytes, so random-access archive readers (tar
 * headers, the zip central directory) read only what they need. Does not close the reader. Not thread-safe.
 */
public final class ReaderChannel implements SeekableByteChannel {

    private final ObjectReader reader;
    private final long size;
    private long position;
    private boolean open = true;

    public ReaderChannel(ObjectReader reader) {
        this.reader = reader;
        this.size = reader.stat().size();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (position >= size) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), size - position);
        if (want == 0) {
            return 0;
        }
        int before = dst.position();
        reader.transferTo(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        dst.put((byte) b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        dst.put(b, off, len);
                    }
                },
                position,
                want);
        int n = dst.position() - before;
        position += n;
        return n == 0 ? -1 : n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
