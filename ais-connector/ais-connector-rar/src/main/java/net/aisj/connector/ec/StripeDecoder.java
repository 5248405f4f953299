package net.aisj.connector.ec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Gets an object, or lost slices, back from any D of its D+P slices (laid out as {@link StripeEncoder} writes them),
 * stripe by stripe, in O((D+P) x block) memory whatever the object's size.
 *
 * <p>Slices are given as an array of D+P positional sources by slice number, null for a missing (or distrusted)
 * slice; each present one must hold at least {@code sliceSize} bytes. Checksums of the slices are the caller's
 * business: a corrupted slice passed as present yields a corrupted result.
 *
 * <p>Immutable and thread-safe: each call allocates its own buffers.
 */
public final class StripeDecoder {

    private final ReedSolomon rs;
    private final int blockSize;

    /** @throws IllegalArgumentException if {@code blockSize < 1} */
    public StripeDecoder(ReedSolomon rs, int blockSize) {
        this.rs = rs;
        this.blockSize = Slices.checkBlockSize(blockSize);
    }

    public StripeDecoder(ReedSolomon rs) {
        this(rs, StripeEncoder.DEFAULT_BLOCK_SIZE);
    }

    /**
     * Writes the object's {@code objectSize} bytes to {@code out} (neither flushed nor closed). A present data slice
     * is copied through; a missing one is rebuilt from D present slices, so each missing data slice costs D slice
     * reads instead of one.
     *
     * @throws NotEnoughShardsException if fewer than D slices are present
     * @throws java.io.EOFException if a present slice is shorter than the slice size
     * @throws IllegalArgumentException if {@code slices} does not have D+P entries or {@code objectSize < 0}
     */
    public void decode(SliceSource[] slices, long objectSize, OutputStream out) throws IOException {
        boolean[] present = present(slices);
        int d = rs.dataShards();
        long sliceSize = Slices.sliceSize(objectSize, d);
        int block = Slices.stripeBlock(blockSize, sliceSize);
        byte[][] shards = new byte[rs.totalShards()][];
        for (int i = 0; i < d; i++) {
            long have = Slices.objectBytesIn(i, sliceSize, objectSize);
            if (present[i]) {
                byte[] buf = shards[i] = buffer(shards[i], block);
                for (long at = 0; at < have; at += block) {
                    int n = (int) Math.min(block, have - at);
                    Slices.readFully(slices[i], "slice " + i, at, buf, n);
                    out.write(buf, 0, n);
                }
                continue;
            }
            boolean[] wanted = new boolean[rs.totalShards()];
            wanted[i] = true;
            ReedSolomon.Plan plan = rs.plan(present, wanted);
            for (long at = 0; at < have; at += block) {
                int n = (int) Math.min(block, have - at);
                readStripe(slices, present, shards, at, n, block);
                shards[i] = buffer(shards[i], block);
                plan.apply(shards, 0, n);
                out.write(shards[i], 0, n);
            }
        }
    }

    /**
     * Regenerates every slice whose entry in {@code targets} is non-null, writing it whole ({@code sliceSize} bytes,
     * padding included) to that stream (neither flushed nor closed). Usually the targets are the missing slices;
     * a present one is recomputed from the others all the same.
     *
     * @throws NotEnoughShardsException if fewer than D slices are present
     * @throws java.io.EOFException if a present slice is shorter than the slice size
     * @throws IllegalArgumentException if {@code slices} or {@code targets} does not have D+P entries, or
     *         {@code objectSize < 0}
     */
    public void rebuild(SliceSource[] slices, long objectSize, OutputStream[] targets) throws IOException {
        boolean[] present = present(slices);
        if (targets == null || targets.length != rs.totalShards()) {
            throw new IllegalArgumentException("expected " + rs.totalShards() + " target entries, got "
                    + (targets == null ? "null" : String.valueOf(targets.length)));
        }
        boolean[] wanted = new boolean[targets.length];
        for (int i = 0; i < targets.length; i++) {
            wanted[i] = targets[i] != null;
        }
        // a present slice that is also wanted is recomputed, not read
        boolean[] inputs = present.clone();
        ReedSolomon.Plan plan = planAvoiding(inputs, wanted);
        long sliceSize = Slices.sliceSize(objectSize, rs.dataShards());
        int block = Slices.stripeBlock(blockSize, sliceSize);
        byte[][] shards = new byte[rs.totalShards()][];
        for (int i = 0; i < shards.length; i++) {
            if (wanted[i]) {
                shards[i] = new byte[block];
            }
        }
        for (long at = 0; at < sliceSize; at += block) {
            int n = (int) Math.min(block, sliceSize - at);
            readStripe(slices, inputs, shards, at, n, block);
            plan.apply(shards, 0, n);
            for (int i = 0; i < targets.length; i++) {
                if (wanted[i]) {
                    targets[i].write(shards[i], 0, n);
                }
            }
        }
    }

    /** Plans from present slices that are not wanted when there are enough of those; clears the unused inputs. */
    private ReedSolomon.Plan planAvoiding(boolean[] inputs, boolean[] wanted) {
        boolean[] notWanted = inputs.clone();
        int n = 0;
        for (int i = 0; i < notWanted.length; i++) {
            notWanted[i] &= !wanted[i];
            n += notWanted[i] ? 1 : 0;
        }
        if (n >= rs.dataShards()) {
            System.arraycopy(notWanted, 0, inputs, 0, inputs.length);
        }
        return rs.plan(inputs, wanted);
    }

    /** Reads {@code [at, at + n)} of the first D present slices (the plan's inputs) into their buffers. */
    private void readStripe(SliceSource[] slices, boolean[] present, byte[][] shards, long at, int n, int block)
            throws IOException {
        int read = 0;
        for (int s = 0; s < slices.length && read < rs.dataShards(); s++) {
            if (present[s]) {
                shards[s] = buffer(shards[s], block);
                Slices.readFully(slices[s], "slice " + s, at, shards[s], n);
                read++;
            }
        }
    }

    private boolean[] present(SliceSource[] slices) {
        if (slices == null || slices.length != rs.totalShards()) {
            throw new IllegalArgumentException(
                    "expected " + rs.totalShards() + " slice entries (null for missing), got "
                            + (slices == null ? "null" : String.valueOf(slices.length)));
        }
        boolean[] present = new boolean[slices.length];
        int n = 0;
        for (int i = 0; i < slices.length; i++) {
            present[i] = slices[i] != null;
            n += present[i] ? 1 : 0;
        }
        if (n < rs.dataShards()) {
            throw new NotEnoughShardsException(n, rs.dataShards());
        }
        return present;
    }

    private static byte[] buffer(byte[] current, int block) {
        return current != null ? current : new byte[block];
    }
}
