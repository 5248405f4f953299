package net.aisj.connector.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GaloisTest {

    /** Carry-less multiplication reduced by 0x11d, the definition the tables must agree with. */
    private static int slowMul(int a, int b) {
        int p = 0;
        for (int i = 0; i < 8; i++) {
            if ((b & (1 << i)) != 0) {
                p ^= a << i;
            }
        }
        for (int bit = 15; bit >= 8; bit--) {
            if ((p & (1 << bit)) != 0) {
                p ^= Galois.POLYNOMIAL << (bit - 8);
            }
        }
        return p;
    }

    @Test
    void tablesAgreeWithPolynomialMultiplication() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(Galois.mul(a, b)).as("%d*%d", a, b).isEqualTo(slowMul(a, b));
                assertThat(Galois.mulRow(a)[b] & 0xff).isEqualTo(slowMul(a, b));
            }
        }
    }

    @Test
    void divisionUndoesMultiplicationAndEveryNonZeroElementHasAnInverse() {
        for (int a = 0; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                assertThat(Galois.div(Galois.mul(a, b), b)).isEqualTo(a);
            }
            if (a != 0) {
                assertThat(Galois.mul(a, Galois.inverse(a))).isEqualTo(1);
            }
        }
        assertThatThrownBy(() -> Galois.div(3, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Galois.inverse(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void fieldLaws() {
        for (int a = 0; a < 256; a += 3) {
            for (int b = 0; b < 256; b += 5) {
                assertThat(Galois.mul(a, b)).isEqualTo(Galois.mul(b, a));
                for (int c = 0; c < 256; c += 7) {
                    assertThat(Galois.mul(a, Galois.add(b, c)))
                            .isEqualTo(Galois.add(Galois.mul(a, b), Galois.mul(a, c)));
                    assertThat(Galois.mul(Galois.mul(a, b), c)).isEqualTo(Galois.mul(a, Galois.mul(b, c)));
                }
            }
            assertThat(Galois.mul(a, 1)).isEqualTo(a);
            assertThat(Galois.mul(a, 0)).isZero();
            assertThat(Galois.add(a, a)).isZero();
        }
    }

    @Test
    void powers() {
        assertThat(Galois.pow(0, 0)).isEqualTo(1);
        assertThat(Galois.pow(0, 5)).isZero();
        assertThat(Galois.pow(2, 8)).isEqualTo(0x1d);
        assertThat(Galois.pow(2, 255)).isEqualTo(1);
        for (int a = 1; a < 256; a += 11) {
            int p = 1;
            for (int n = 0; n < 300; n++) {
                assertThat(Galois.pow(a, n)).isEqualTo(p);
                p = Galois.mul(p, a);
            }
        }
    }
}
