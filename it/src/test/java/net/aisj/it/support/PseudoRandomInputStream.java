package net.aisj.it.support;

import java.io.InputStream;

/**
 * A deterministic pseudo-random stream of {@code length} bytes (xorshift64*), generated on the fly:
 * large objects are never materialised. The same seed gives the same bytes.
 */
public final class PseudoRandomInputStream extends InputStream {

    private final long length;
    private long pos;
    private long state;
    private long word;
    private int wordLeft;

    public PseudoRandomInputStream(long seed, long length) {
        this.length = length;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    private long next() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state * 0x2545F4914F6CDD1DL;
    }

    @Override
    public int read() {
        if (pos >= length) {
            return -1;
        }
        if (wordLeft == 0) {
            word = next();
            wordLeft = 8;
        }
        int b = (int) (word & 0xFF);
        word >>>= 8;
        wordLeft--;
        pos++;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - pos);
        int i = 0;
        while (i < n && wordLeft > 0) {
            buf[off + i++] = (byte) word;
            word >>>= 8;
            wordLeft--;
        }
        while (n - i >= 8) {
            long w = next();
            for (int k = 0; k < 8; k++) {
                buf[off + i++] = (byte) w;
                w >>>= 8;
            }
        }
        while (i < n) {
            if (wordLeft == 0) {
                word = next();
                wordLeft = 8;
            }
            buf[off + i++] = (byte) word;
            word >>>= 8;
            wordLeft--;
        }
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - pos);
    }

    /** {@code n} bytes of this generator with the given seed, in memory (for small objects). */
    public static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new PseudoRandomInputStream(seed, n).read(b, 0, n);
        return b;
    }
}
