package net.aisj.connector.ec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional reads from an object or one of its slices, so the codec can read several places of one file without
 * holding it in memory. Implementations are called from one thread at a time per coding call; a {@link FileChannel}
 * (whose positional reads leave its position alone) may be shared by several sources.
 */
@FunctionalInterface
public interface SliceSource {

    /**
     * Reads up to {@code len} bytes starting at byte {@code position} into {@code dst[off..off+len)}.
     *
     * @return how many bytes were read (possibly fewer than asked, but more than 0 when {@code len > 0} and the
     *         source is not exhausted), or -1 when {@code position} is at or past the end
     */
    int read(long position, byte[] dst, int off, int len) throws IOException;

    /** Reads through {@link FileChannel#read(ByteBuffer, long)}; the channel is neither moved nor closed. */
    static SliceSource of(FileChannel channel) {
        return (position, dst, off, len) -> channel.read(ByteBuffer.wrap(dst, off, len), position);
    }

    /** Reads from an array, for small objects and tests; the array is not copied. */
    static SliceSource of(byte[] bytes) {
        return (position, dst, off, len) -> {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(len, bytes.length - position);
            System.arraycopy(bytes, (int) position, dst, off, n);
            return n;
        };
    }
}
