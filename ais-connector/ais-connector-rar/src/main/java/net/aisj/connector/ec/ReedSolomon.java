package net.aisj.connector.ec;

import java.util.Arrays;

/**
 * A systematic Reed-Solomon erasure code over GF(2^8): {@code D} data shards and {@code P} parity shards of equal
 * length, any {@code D} of which give back all {@code D + P}. The encoding matrix is the one klauspost/reedsolomon
 * builds by default (so AIS's): the {@code (D+P) x D} Vandermonde matrix times the inverse of its top {@code D x D}
 * square, whose top rows are then the identity.
 *
 * <p>Shards are passed as {@code byte[][]} indexed by shard number (data first, then parity); every method works on
 * the same range {@code [offset, offset + len)} of each shard, so callers can code a stripe of a larger buffer.
 *
 * <p>Instances are immutable and thread-safe; calls that work on the same shard arrays must not overlap.
 * Invalid arguments throw {@link IllegalArgumentException} (or its subclass {@link NotEnoughShardsException}) before
 * any shard is written.
 */
public final class ReedSolomon {

    /** The most shards (data + parity) one code can have. */
    public static final int MAX_TOTAL_SHARDS = 255;

    private final int dataShards;
    private final int parityShards;
    private final GfMatrix matrix;
    private final Plan encoder;

    /**
     * @throws IllegalArgumentException unless {@code dataShards >= 1}, {@code parityShards >= 1} and their sum is at
     *         most {@link #MAX_TOTAL_SHARDS}
     */
    public ReedSolomon(int dataShards, int parityShards) {
        if (dataShards < 1 || parityShards < 1) {
            throw new IllegalArgumentException(
                    "data and parity shard counts must be at least 1, not " + dataShards + "+" + parityShards);
        }
        if (dataShards + parityShards > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException(
                    "at most " + MAX_TOTAL_SHARDS + " shards in all, not " + dataShards + "+" + parityShards);
        }
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        int total = dataShards + parityShards;
        GfMatrix vm = GfMatrix.vandermonde(total, dataShards);
        this.matrix = vm.times(vm.selectRows(range(0, dataShards)).inverse());
        this.encoder =
                new Plan(range(0, dataShards), range(dataShards, total), matrix.selectRows(range(dataShards, total)));
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** The encoding matrix, {@code (D+P) x D}; package-private for tests. */
    GfMatrix matrix() {
        return matrix;
    }

    /**
     * Computes the parity shards from the data shards over {@code [offset, offset + len)}, overwriting that range
     * of every parity shard.
     *
     * @throws IllegalArgumentException if {@code shards} does not hold {@link #totalShards()} arrays each at least
     *         {@code offset + len} long, or the range is negative
     */
    public void encodeParity(byte[][] shards, int offset, int len) {
        checkShards(shards, offset, len);
        encoder.apply(shards, offset, len);
    }

    /**
     * Whether the parity shards match the data shards over {@code [offset, offset + len)}: false means some shard
     * (data or parity) was corrupted. Writes nothing.
     *
     * @throws IllegalArgumentException as {@link #encodeParity}
     */
    public boolean isParityCorrect(byte[][] shards, int offset, int len) {
        checkShards(shards, offset, len);
        int chunk = Math.min(len, 64 * 1024);
        byte[][] scratch = new byte[totalShards()][];
        System.arraycopy(shards, 0, scratch, 0, dataShards);
        for (int p = dataShards; p < totalShards(); p++) {
            scratch[p] = new byte[chunk];
        }
        for (int start = offset; start < offset + len; start += chunk) {
            int n = Math.min(chunk, offset + len - start);
            encoder.apply(shards, scratch, start, 0, n);
            for (int p = dataShards; p < totalShards(); p++) {
                if (Arrays.mismatch(scratch[p], 0, n, shards[p], start, start + n) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Rebuilds every shard not marked present, data and parity alike, over {@code [offset, offset + len)}. A missing
     * shard's array may be null, in which case one of {@code offset + len} bytes is allocated and stored in
     * {@code shards}. Present shards are read, never written.
     *
     * @throws NotEnoughShardsException if fewer than {@link #dataShards()} shards are present
     * @throws IllegalArgumentException if the arrays do not match the shard count, or a shard is too short for the
     *         range
     */
    public void reconstruct(byte[][] shards, boolean[] present, int offset, int len) {
        if (present == null || present.length != totalShards()) {
            throw new IllegalArgumentException("present must have " + totalShards() + " flags, not "
                    + (present == null ? "null" : String.valueOf(present.length)));
        }
        if (count(present) < dataShards) {
            throw new NotEnoughShardsException(count(present), dataShards);
        }
        if (shards != null && shards.length == totalShards() && offset >= 0 && len >= 0) {
            for (int i = 0; i < shards.length; i++) {
                if (!present[i] && shards[i] == null) {
                    shards[i] = new byte[offset + len];
                }
            }
        }
        checkShards(shards, offset, len);
        boolean[] wanted = new boolean[present.length];
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = !present[i];
        }
        plan(present, wanted).apply(shards, offset, len);
    }

    /**
     * How to compute the {@code wanted} shards from {@code D} of the {@code present} ones (preferring data shards,
     * whose rows are cheapest): the rows are the wanted shards' encoding rows times the inverse of the chosen
     * shards' rows.
     *
     * @throws NotEnoughShardsException if fewer than {@link #dataShards()} shards are present
     */
    Plan plan(boolean[] present, boolean[] wanted) {
        int[] inputs = new int[dataShards];
        int n = 0;
        int presentCount = 0;
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                if (n < dataShards) {
                    inputs[n++] = i;
                }
                presentCount++;
            }
        }
        if (presentCount < dataShards) {
            throw new NotEnoughShardsException(presentCount, dataShards);
        }
        int[] outputs = new int[count(wanted)];
        int w = 0;
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i]) {
                outputs[w++] = i;
            }
        }
        if (outputs.length == 0) {
            return new Plan(inputs, outputs, null);
        }
        GfMatrix decode = matrix.selectRows(inputs).inverse();
        return new Plan(inputs, outputs, matrix.selectRows(outputs).times(decode));
    }

    private void checkShards(byte[][] shards, int offset, int len) {
        if (shards == null || shards.length != totalShards()) {
            throw new IllegalArgumentException("expected " + totalShards() + " shards (" + dataShards + " data + "
                    + parityShards + " parity), got " + (shards == null ? "null" : String.valueOf(shards.length)));
        }
        if (offset < 0 || len < 0) {
            throw new IllegalArgumentException("negative range: offset " + offset + ", len " + len);
        }
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == null) {
                throw new IllegalArgumentException("shard " + i + " is null");
            }
            if (shards[i].length - offset < len) {
                throw new IllegalArgumentException("shard " + i + " has " + shards[i].length
                        + " bytes, fewer than offset " + offset + " + len " + len);
            }
        }
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** Coefficient rows from chosen input shards to output shards; immutable. */
    static final class Plan {

        private final int[] inputs;
        private final int[] outputs;
        private final byte[][] rows;

        /** @param m one coefficient row per output, over the inputs; may be null when there are no outputs */
        Plan(int[] inputs, int[] outputs, GfMatrix m) {
            this.inputs = inputs;
            this.outputs = outputs;
            this.rows = new byte[outputs.length][];
            for (int o = 0; o < outputs.length; o++) {
                rows[o] = m.rowBytes(o);
            }
        }

        /** Codes {@code [offset, offset + len)} of the input shards into the same range of the output shards. */
        void apply(byte[][] shards, int offset, int len) {
            apply(shards, shards, offset, offset, len);
        }

        /** Reads {@code src} at {@code srcOffset}, writes {@code dst} at {@code dstOffset}, both by shard number. */
        void apply(byte[][] src, byte[][] dst, int srcOffset, int dstOffset, int len) {
            if (outputs.length == 0 || len == 0) {
                return;
            }
            byte[][] in = new byte[inputs.length][];
            for (int i = 0; i < in.length; i++) {
                in[i] = src[inputs[i]];
            }
            byte[][] out = new byte[outputs.length][];
            for (int o = 0; o < out.length; o++) {
                out[o] = dst[outputs[o]];
            }
            GfCoder.code(rows, in, srcOffset, out, dstOffset, len);
        }
    }
}
