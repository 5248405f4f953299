package net.aisj.connector.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast loops against the definition, over lengths around the 8-byte lanes and the chunk edge. */
class GfCoderTest {

    @Test
    void fastAndByteLoopsAgreeWithTheDefinition() {
        Random rnd = new Random(11);
        int[] lengths = {0, 1, 7, 8, 9, 15, 16, 100, 2047, 2048, 2049, 4096 + 5, 3 * 2048 + 17};
        for (int trial = 0; trial < 60; trial++) {
            int ins = 1 + rnd.nextInt(6);
            int outs = 1 + rnd.nextInt(4);
            byte[][] rows = new byte[outs][ins];
            for (byte[] row : rows) {
                for (int i = 0; i < ins; i++) {
                    // zeros and ones take their own branches
                    int pick = rnd.nextInt(6);
                    row[i] = (byte) (pick == 0 ? 0 : pick == 1 ? 1 : rnd.nextInt(256));
                }
            }
            int len = lengths[trial % lengths.length];
            int srcOff = rnd.nextInt(9);
            int dstOff = rnd.nextInt(9);
            byte[][] in = new byte[ins][srcOff + len + 3];
            for (byte[] b : in) {
                rnd.nextBytes(b);
            }
            byte[][] expected = new byte[outs][dstOff + len + 3];
            for (int o = 0; o < outs; o++) {
                for (int k = 0; k < len; k++) {
                    int sum = 0;
                    for (int i = 0; i < ins; i++) {
                        sum ^= Galois.mul(rows[o][i] & 0xff, in[i][srcOff + k] & 0xff);
                    }
                    expected[o][dstOff + k] = (byte) sum;
                }
            }
            byte[][] fast = new byte[outs][dstOff + len + 3];
            byte[][] slow = new byte[outs][dstOff + len + 3];
            GfCoder.code(rows, in, srcOff, fast, dstOff, len);
            GfCoder.codeBytes(rows, in, srcOff, slow, dstOff, len);
            for (int o = 0; o < outs; o++) {
                assertThat(fast[o]).as("len %d, fast, output %d", len, o).isEqualTo(expected[o]);
                assertThat(slow[o]).as("len %d, bytes, output %d", len, o).isEqualTo(expected[o]);
            }
        }
    }

    @Test
    void outputsAreOverwrittenNotAccumulated() {
        byte[][] rows = {{3, 7}};
        byte[][] in = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {9, 8, 7, 6, 5, 4, 3, 2, 1}};
        byte[][] once = new byte[1][9];
        GfCoder.code(rows, in, 0, once, 0, 9);
        byte[][] dirty = {new byte[9]};
        Arrays.fill(dirty[0], (byte) 0x5a);
        GfCoder.code(rows, in, 0, dirty, 0, 9);
        assertThat(dirty[0]).isEqualTo(once[0]);
    }
}
