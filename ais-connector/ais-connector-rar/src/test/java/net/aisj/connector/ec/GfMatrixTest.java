package net.aisj.connector.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GfMatrixTest {

    @Test
    void inverseTimesMatrixIsIdentity() {
        Random rnd = new Random(7);
        int inverted = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(12);
            int[][] rows = new int[n][n];
            for (int[] row : rows) {
                for (int c = 0; c < n; c++) {
                    row[c] = rnd.nextInt(256);
                }
            }
            GfMatrix m = GfMatrix.of(rows);
            GfMatrix inv;
            try {
                inv = m.inverse();
            } catch (IllegalArgumentException singular) {
                continue;
            }
            inverted++;
            assertThat(m.times(inv)).isEqualTo(GfMatrix.identity(n));
            assertThat(inv.times(m)).isEqualTo(GfMatrix.identity(n));
        }
        assertThat(inverted).isGreaterThan(150);
    }

    @Test
    void knownInverse() {
        GfMatrix m = GfMatrix.of(new int[][] {{56, 23, 98}, {3, 100, 200}, {45, 201, 123}});
        assertThat(m.inverse()).isEqualTo(GfMatrix.of(new int[][] {{175, 133, 33}, {130, 13, 245}, {112, 35, 126}}));
    }

    @Test
    void singularAndNonSquareMatricesAreRejected() {
        GfMatrix singular = GfMatrix.of(new int[][] {{1, 2, 3}, {2, 4, 6}, {7, 8, 9}});
        GfMatrix twoEqualRows = GfMatrix.of(new int[][] {{5, 9}, {5, 9}});
        assertThatThrownBy(twoEqualRows::inverse).hasMessageContaining("singular");
        assertThatThrownBy(() -> GfMatrix.of(new int[][] {{1, 2}}).inverse()).hasMessageContaining("square");
        assertThatThrownBy(() -> GfMatrix.of(new int[][] {{1, 2}, {3}})).hasMessageContaining("ragged");
        // 2*(row 0) = row 1 in GF(2^8) only if 2*3 = 6 there, which holds (no carry); so this one is singular too
        assertThatThrownBy(singular::inverse).hasMessageContaining("singular");
    }

    @Test
    void anyDRowsOfTheVandermondeMatrixAreInvertible() {
        GfMatrix vm = GfMatrix.vandermonde(7, 4);
        for (int mask = 0; mask < 1 << 7; mask++) {
            if (Integer.bitCount(mask) == 4) {
                int[] rows = new int[4];
                int n = 0;
                for (int r = 0; r < 7; r++) {
                    if ((mask & 1 << r) != 0) {
                        rows[n++] = r;
                    }
                }
                GfMatrix sub = vm.selectRows(rows);
                assertThat(sub.times(sub.inverse())).isEqualTo(GfMatrix.identity(4));
            }
        }
    }
}
