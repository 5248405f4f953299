package net.aisj.connector.ec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Cuts an object into AIS's EC slices and computes the parity slices, stripe by stripe, in O((D+P) x block) memory
 * whatever the object's size.
 *
 * <p>Layout (AIS {@code ec/putjogger.go}): every slice is {@link #sliceSize(long, int) sliceSize} =
 * {@code ceil(size / D)} bytes; data slice {@code i} is the object's bytes {@code [i * sliceSize, (i+1) * sliceSize)},
 * zero-padded past the object's end; parity slice {@code p} is the Reed-Solomon parity of the data slices, byte by
 * byte. Because slices are contiguous runs of the object, the object is read at D places at once through a
 * positional {@link SliceSource} (a file channel); an object that only exists as a stream must be spooled to a
 * file first.
 *
 * <p>Immutable and thread-safe: each {@link #encode} call allocates its own buffers.
 */
public final class StripeEncoder {

    /** Bytes of each slice coded per stripe when no block size is given. */
    public static final int DEFAULT_BLOCK_SIZE = 256 * 1024;

    private final ReedSolomon rs;
    private final int blockSize;

    /** @throws IllegalArgumentException if {@code blockSize < 1} */
    public StripeEncoder(ReedSolomon rs, int blockSize) {
        this.rs = rs;
        this.blockSize = Slices.checkBlockSize(blockSize);
    }

    public StripeEncoder(ReedSolomon rs) {
        this(rs, DEFAULT_BLOCK_SIZE);
    }

    /** AIS {@code ec.SliceSize}: every slice of an object of {@code objectSize} bytes has this length. */
    public static long sliceSize(long objectSize, int dataSlices) {
        return Slices.sliceSize(objectSize, dataSlices);
    }

    /**
     * Writes the {@code D} data slices then the {@code P} parity slices of the object, each exactly
     * {@code sliceSize(objectSize, D)} bytes, to {@code slices[0..D+P)}, interleaved stripe by stripe. A null entry
     * is skipped (the main target, say, sends data slices straight from the object file and only wants parity).
     * Streams are neither flushed nor closed.
     *
     * @throws java.io.EOFException if {@code object} ends before {@code objectSize}
     * @throws IllegalArgumentException if {@code slices} does not have D+P entries or {@code objectSize < 0}
     * @throws IOException from the source or a stream; the slices written so far are then incomplete
     */
    public void encode(SliceSource object, long objectSize, OutputStream[] slices) throws IOException {
        int d = rs.dataShards();
        if (slices == null || slices.length != rs.totalShards()) {
            throw new IllegalArgumentException("expected " + rs.totalShards() + " slice streams, got "
                    + (slices == null ? "null" : String.valueOf(slices.length)));
        }
        long sliceSize = sliceSize(objectSize, d);
        int block = Slices.stripeBlock(blockSize, sliceSize);
        byte[][] shards = new byte[rs.totalShards()][block];
        for (long at = 0; at < sliceSize; at += block) {
            int len = (int) Math.min(block, sliceSize - at);
            for (int i = 0; i < d; i++) {
                long have = Slices.objectBytesIn(i, sliceSize, objectSize);
                int n = (int) Math.max(0, Math.min(len, have - at));
                Slices.readFully(object, "object", i * sliceSize + at, shards[i], n);
                Arrays.fill(shards[i], n, len, (byte) 0);
            }
            rs.encodeParity(shards, 0, len);
            for (int s = 0; s < slices.length; s++) {
                if (slices[s] != null) {
                    slices[s].write(shards[s], 0, len);
                }
            }
        }
    }
}
