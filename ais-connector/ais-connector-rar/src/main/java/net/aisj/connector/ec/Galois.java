package net.aisj.connector.ec;

/**
 * Arithmetic in GF(2^8) with the field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d) and generator 2, the field of
 * klauspost/reedsolomon (which AIS uses) and Backblaze's coder. Elements are ints in [0, 255]. Tables are built once
 * at class load and never change, so every method is thread-safe.
 */
final class Galois {

    /** The field polynomial, bit 8 included. */
    static final int POLYNOMIAL = 0x11d;

    /** {@code EXP[i]} = 2^i, doubled in length so that {@code EXP[log a + log b]} needs no modulo. */
    private static final int[] EXP = new int[2 * 255];
    /** {@code LOG[a]} = i with 2^i = a, for a != 0; {@code LOG[0]} is unused. */
    private static final int[] LOG = new int[256];
    /** {@code MUL[c]} is the row of products c*x for all x: the coding loops look bytes up in one row per coefficient. */
    private static final byte[][] MUL = new byte[256][256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            EXP[i + 255] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0) {
                x ^= POLYNOMIAL;
            }
        }
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                MUL[a][b] = (byte) EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private Galois() {}

    static int add(int a, int b) {
        return a ^ b;
    }

    static int mul(int a, int b) {
        return MUL[a][b] & 0xff;
    }

    /** @throws ArithmeticException when {@code b} is 0 */
    static int div(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(2^8)");
        }
        return a == 0 ? 0 : EXP[LOG[a] - LOG[b] + 255];
    }

    /** @throws ArithmeticException when {@code a} is 0 */
    static int inverse(int a) {
        return div(1, a);
    }

    /** a^n with a^0 = 1 for every a, 0 included (the Vandermonde convention of klauspost and Backblaze). */
    static int pow(int a, int n) {
        if (n == 0) {
            return 1;
        }
        if (a == 0) {
            return 0;
        }
        return EXP[(LOG[a] * n) % 255];
    }

    /** The 256 products {@code c * x}, indexed by x; shared, so callers must not write to it. */
    static byte[] mulRow(int c) {
        return MUL[c];
    }
}
