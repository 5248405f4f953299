package net.aisj.connector.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReedSolomonTest {

    /** Parity klauspost/reedsolomon's TestOneEncode expects for 5+5: equal bytes mean AIS can read our slices. */
    @Test
    void matchesKlauspostParity() {
        ReedSolomon rs = new ReedSolomon(5, 5);
        byte[][] shards = {
            {0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9}, new byte[2], new byte[2], new byte[2], new byte[2], new byte[2]
        };
        rs.encodeParity(shards, 0, 2);
        assertThat(shards).isDeepEqualTo(new byte[][] {
            {0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9}, {12, 13}, {10, 11}, {14, 15}, {90, 91}, {94, 95}
        });
    }

    @Test
    void encodingMatrixIsSystematic() {
        ReedSolomon rs = new ReedSolomon(4, 3);
        GfMatrix top = rs.matrix().selectRows(0, 1, 2, 3);
        assertThat(top).isEqualTo(GfMatrix.identity(4));
        assertThat(new ReedSolomon(1, 1).matrix()).isEqualTo(GfMatrix.of(new int[][] {{1}, {1}}));
    }

    @ParameterizedTest(name = "{0}+{1}")
    @CsvSource({"1,1", "2,2", "4,2", "8,3", "16,4", "3,5"})
    void everyCombinationOfUpToPMissingShardsIsRebuilt(int d, int p) {
        ReedSolomon rs = new ReedSolomon(d, p);
        Random rnd = new Random(d * 31L + p);
        int len = 1 + rnd.nextInt(300);
        int offset = rnd.nextInt(5);
        byte[][] original = randomShards(rnd, d + p, offset + len + 3);
        rs.encodeParity(original, offset, len);
        assertThat(rs.isParityCorrect(original, offset, len)).isTrue();
        List<boolean[]> patterns = missingPatterns(d + p, p, rnd);
        for (boolean[] present : patterns) {
            byte[][] shards = new byte[d + p][];
            for (int i = 0; i < shards.length; i++) {
                shards[i] = present[i] ? original[i].clone() : rnd.nextBoolean() ? null : garbage(rnd, offset + len);
            }
            rs.reconstruct(shards, present, offset, len);
            for (int i = 0; i < shards.length; i++) {
                assertThat(Arrays.copyOfRange(shards[i], offset, offset + len))
                        .as("shard %d", i)
                        .isEqualTo(Arrays.copyOfRange(original[i], offset, offset + len));
            }
        }
        assertThat(patterns).isNotEmpty();
    }

    @Test
    void corruptionIsDetectedInDataAndParity() {
        ReedSolomon rs = new ReedSolomon(4, 2);
        byte[][] shards = randomShards(new Random(1), 6, 100_000);
        rs.encodeParity(shards, 0, 100_000);
        assertThat(rs.isParityCorrect(shards, 0, 100_000)).isTrue();
        for (int victim : new int[] {0, 3, 4, 5}) {
            shards[victim][99_999] ^= 0x40;
            assertThat(rs.isParityCorrect(shards, 0, 100_000))
                    .as("shard %d", victim)
                    .isFalse();
            assertThat(rs.isParityCorrect(shards, 0, 99_999)).isTrue();
            shards[victim][99_999] ^= 0x40;
        }
    }

    @Test
    void tooFewShardsIsAnErrorNamingTheCounts() {
        ReedSolomon rs = new ReedSolomon(4, 2);
        byte[][] shards = randomShards(new Random(2), 6, 10);
        boolean[] present = {true, false, true, false, false, true};
        assertThatThrownBy(() -> rs.reconstruct(shards, present, 0, 10))
                .isInstanceOfSatisfying(NotEnoughShardsException.class, e -> {
                    assertThat(e.present()).isEqualTo(3);
                    assertThat(e.needed()).isEqualTo(4);
                })
                .hasMessageContaining("3 present")
                .hasMessageContaining("4 needed");
    }

    @Test
    void invalidArgumentsAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> new ReedSolomon(0, 2)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ReedSolomon(2, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ReedSolomon(200, 56)).hasMessageContaining("at most 255");
        assertThat(new ReedSolomon(200, 55).totalShards()).isEqualTo(255);
        ReedSolomon rs = new ReedSolomon(2, 1);
        assertThatThrownBy(() -> rs.encodeParity(new byte[2][4], 0, 4)).hasMessageContaining("expected 3 shards");
        assertThatThrownBy(() -> rs.encodeParity(new byte[][] {new byte[4], new byte[3], new byte[4]}, 0, 4))
                .hasMessageContaining("shard 1 has 3 bytes");
        assertThatThrownBy(() -> rs.encodeParity(new byte[][] {new byte[4], null, new byte[4]}, 0, 4))
                .hasMessageContaining("shard 1 is null");
        assertThatThrownBy(() -> rs.encodeParity(new byte[3][4], 2, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> rs.reconstruct(new byte[3][4], new boolean[2], 0, 4))
                .hasMessageContaining("3 flags");
        assertThatThrownBy(() -> rs.reconstruct(new byte[3][4], new boolean[] {true, false, false}, 0, 4))
                .isInstanceOf(NotEnoughShardsException.class);
    }

    @Test
    void presentShardsAreNeverWritten() {
        ReedSolomon rs = new ReedSolomon(3, 2);
        byte[][] shards = randomShards(new Random(3), 5, 64);
        rs.encodeParity(shards, 0, 64);
        byte[][] copy = new byte[5][];
        for (int i = 0; i < 5; i++) {
            copy[i] = shards[i].clone();
        }
        boolean[] present = {true, true, true, true, true};
        rs.reconstruct(shards, present, 0, 64);
        assertThat(shards).isDeepEqualTo(copy);
    }

    static byte[][] randomShards(Random rnd, int n, int len) {
        byte[][] s = new byte[n][len];
        for (byte[] b : s) {
            rnd.nextBytes(b);
        }
        return s;
    }

    private static byte[] garbage(Random rnd, int len) {
        byte[] b = new byte[len];
        rnd.nextBytes(b);
        return b;
    }

    /** Every way to lose 1..p of n shards, or a random 300 of them when there are more. */
    static List<boolean[]> missingPatterns(int n, int p, Random rnd) {
        List<boolean[]> all = new ArrayList<>();
        if (n <= 20) {
            for (int mask = 1; mask < 1 << n; mask++) {
                if (Integer.bitCount(mask) <= p) {
                    boolean[] present = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        present[i] = (mask & 1 << i) == 0;
                    }
                    all.add(present);
                }
            }
            if (all.size() <= 2000) {
                return all;
            }
            all.clear();
        }
        for (int t = 0; t < 300; t++) {
            boolean[] present = new boolean[n];
            Arrays.fill(present, true);
            int lose = 1 + rnd.nextInt(p);
            for (int k = 0; k < lose; k++) {
                present[rnd.nextInt(n)] = false;
            }
            all.add(present);
        }
        return all;
    }
}
