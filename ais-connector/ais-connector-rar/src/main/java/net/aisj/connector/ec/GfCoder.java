package net.aisj.connector.ec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The hot loop: {@code out[o][dstOffset + k] = sum over i of rows[o][i] * in[i][srcOffset + k]} for k in
 * [0, len). Stateless, so thread-safe; callers have validated the arguments.
 *
 * <p>How (figures in ais-connector-bench/RESULTS.md): a product row lookup per byte, even 8 bytes to a long, is
 * bound by the table loads at about 1 GB/s per core for 4+2. So the bulk is multiplied 8 bytes to a long instead, in
 * chunks of {@link #LANES} longs that stay in L1: an input's chunk is doubled in GF(2^8) seven times ({@link #times2}
 * on every byte lane at once), and each output XORs in the powers its coefficient's bits select. These are plain
 * loops over {@code long[]}, which C2 turns into SIMD instructions. The last {@code len % 8} bytes take the lookup
 * table.
 */
final class GfCoder {

    /** Longs per chunk: (outputs + 1) x 2 KiB of scratch stays in L1. */
    private static final int LANES = 256;

    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long LOW1 = 0x0101010101010101L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private GfCoder() {}

    static void code(byte[][] rows, byte[][] in, int srcOffset, byte[][] out, int dstOffset, int len) {
        int words = len / 8;
        long[] power = new long[Math.min(LANES, words)];
        long[][] acc = new long[out.length][power.length];
        for (int w = 0; w < words; w += LANES) {
            int n = Math.min(LANES, words - w);
            for (long[] a : acc) {
                Arrays.fill(a, 0, n, 0L);
            }
            for (int i = 0; i < in.length; i++) {
                load(in[i], srcOffset + 8 * w, power, n);
                accumulate(rows, i, power, acc, n);
            }
            for (int o = 0; o < out.length; o++) {
                store(acc[o], out[o], dstOffset + 8 * w, n);
            }
        }
        int tail = words * 8;
        if (tail < len) {
            codeBytes(rows, in, srcOffset + tail, out, dstOffset + tail, len - tail);
        }
    }

    /** {@code acc[o] ^= rows[o][i] * power} for every output, overwriting {@code power} with its doublings. */
    private static void accumulate(byte[][] rows, int i, long[] power, long[][] acc, int n) {
        int highest = 0;
        for (byte[] row : rows) {
            highest |= row[i] & 0xff;
        }
        for (int bit = 0; highest >>> bit != 0; bit++) {
            if (bit > 0) {
                times2(power, n);
            }
            for (int o = 0; o < acc.length; o++) {
                if ((rows[o][i] >>> bit & 1) != 0) {
                    xor(acc[o], power, n);
                }
            }
        }
    }

    /**
     * Multiplies each byte lane by 2 (x) modulo 0x11d: shift left within the lane, and where bit 7 fell off, add
     * 0x1d = x^4 + x^3 + x^2 + 1 (four shifts of the carry bit, which stay inside the lane).
     */
    private static void times2(long[] v, int n) {
        for (int k = 0; k < n; k++) {
            long x = v[k];
            long carry = (x >>> 7) & LOW1;
            v[k] = ((x & LOW7) << 1) ^ carry ^ (carry << 2) ^ (carry << 3) ^ (carry << 4);
        }
    }

    private static void xor(long[] acc, long[] v, int n) {
        for (int k = 0; k < n; k++) {
            acc[k] ^= v[k];
        }
    }

    private static void load(byte[] src, int offset, long[] dst, int n) {
        for (int k = 0; k < n; k++) {
            dst[k] = (long) LONGS.get(src, offset + 8 * k);
        }
    }

    private static void store(long[] src, byte[] dst, int offset, int n) {
        for (int k = 0; k < n; k++) {
            LONGS.set(dst, offset + 8 * k, src[k]);
        }
    }

    /** The byte-at-a-time form, one 256-byte product row per coefficient: for short ranges and tails. */
    static void codeBytes(byte[][] rows, byte[][] in, int srcOffset, byte[][] out, int dstOffset, int len) {
        for (int o = 0; o < out.length; o++) {
            byte[] dst = out[o];
            for (int i = 0; i < in.length; i++) {
                byte[] table = Galois.mulRow(rows[o][i] & 0xff);
                byte[] src = in[i];
                for (int k = 0; k < len; k++) {
                    byte p = table[src[srcOffset + k] & 0xff];
                    dst[dstOffset + k] = i == 0 ? p : (byte) (dst[dstOffset + k] ^ p);
                }
            }
        }
    }
}
