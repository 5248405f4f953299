package net.aisj.connector.ec;

import java.io.EOFException;
import java.io.IOException;

/** Layout arithmetic and I/O helpers shared by {@link StripeEncoder} and {@link StripeDecoder}. */
final class Slices {

    private Slices() {}

    /** AIS {@code ec.SliceSize}: {@code ceil(objectSize / dataSlices)}. */
    static long sliceSize(long objectSize, int dataSlices) {
        if (objectSize < 0) {
            throw new IllegalArgumentException("negative object size " + objectSize);
        }
        return (objectSize + dataSlices - 1) / dataSlices;
    }

    /** The block each slice contributes to a stripe: the configured size, but no more than a slice. */
    static int stripeBlock(int blockSize, long sliceSize) {
        return (int) Math.max(1, Math.min(blockSize, sliceSize));
    }

    static int checkBlockSize(int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive, not " + blockSize);
        }
        return blockSize;
    }

    /** How many bytes of the object data slice {@code i} holds (the rest of its {@code sliceSize} is padding). */
    static long objectBytesIn(int i, long sliceSize, long objectSize) {
        return Math.max(0, Math.min(sliceSize, objectSize - i * sliceSize));
    }

    /**
     * Reads exactly {@code len} bytes at {@code position}.
     *
     * @throws EOFException if the source ends first; the message names the slice
     */
    static void readFully(SliceSource src, String what, long position, byte[] dst, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = src.read(position + done, dst, done, len - done);
            if (n < 0) {
                throw new EOFException(
                        what + " ends at byte " + (position + done) + ", expected at least " + (position + len));
            }
            done += n;
        }
    }
}
