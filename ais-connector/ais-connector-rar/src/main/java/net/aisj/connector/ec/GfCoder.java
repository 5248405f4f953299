package net.aisj.connector.ec;

/**
 * The hot loop: {@code out[o][dstOffset + k] = sum over i of rows[o][i] * in[i][srcOffset + k]} for k in
 * [0, len). Stateless, so thread-safe; callers have validated the arguments.
 */
final class GfCoder {

    private GfCoder() {
    }

    static void code(byte[][] rows, byte[][] in, int srcOffset, byte[][] out, int dstOffset, int len) {
        for (int o = 0; o < out.length; o++) {
            byte[] dst = out[o];
            byte[] coefficients = rows[o];
            for (int i = 0; i < in.length; i++) {
                byte[] table = Galois.mulRow(coefficients[i] & 0xff);
                byte[] src = in[i];
                if (i == 0) {
                    for (int k = 0; k < len; k++) {
                        dst[dstOffset + k] = table[src[srcOffset + k] & 0xff];
                    }
                } else {
                    for (int k = 0; k < len; k++) {
                        dst[dstOffset + k] ^= table[src[srcOffset + k] & 0xff];
                    }
                }
            }
        }
    }
}
