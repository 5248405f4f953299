package net.aisj.connector.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streaming layer on in-memory slices: layout, every loss pattern, sizes around the stripe edges. */
class StripeCodingTest {

    @Test
    void slicesAreContiguousPaddedRunsOfTheObjectAsInAis() {
        byte[] object = new byte[10];
        for (int i = 0; i < object.length; i++) {
            object[i] = (byte) (i + 1);
        }
        byte[][] slices = encode(new ReedSolomon(4, 2), 2, object);
        assertThat(StripeEncoder.sliceSize(10, 4)).isEqualTo(3);
        assertThat(slices[0]).containsExactly(1, 2, 3);
        assertThat(slices[1]).containsExactly(4, 5, 6);
        assertThat(slices[2]).containsExactly(7, 8, 9);
        assertThat(slices[3]).containsExactly(10, 0, 0);
        assertThat(slices[4]).hasSize(3);
        assertThat(slices[5]).hasSize(3);
        byte[][] stripe = Arrays.copyOf(slices, 6);
        assertThat(new ReedSolomon(4, 2).isParityCorrect(stripe, 0, 3)).isTrue();
    }

    @Test
    void tinyObjectsPadWholeSlices() {
        byte[][] slices = encode(new ReedSolomon(4, 1), 8, new byte[] {42});
        assertThat(slices[0]).containsExactly(42);
        assertThat(slices[1]).containsExactly(0);
        assertThat(slices[3]).containsExactly(0);
        assertThat(slices[4]).hasSize(1);
        assertThat(new ReedSolomon(4, 1).isParityCorrect(slices, 0, 1)).isTrue();
        byte[][] empty = encode(new ReedSolomon(4, 1), 8, new byte[0]);
        assertThat(Arrays.asList(empty)).allSatisfy(s -> assertThat(s).isEmpty());
        assertThat(decode(new ReedSolomon(4, 1), 8, empty, new boolean[] {false, true, true, true, true}, 0))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}+{1}")
    @CsvSource({"1,1", "2,2", "4,2", "8,3", "16,4"})
    void roundTripsWithUpToPSlicesLost(int d, int p) throws Exception {
        ReedSolomon rs = new ReedSolomon(d, p);
        Random rnd = new Random(100 * d + p);
        int block = 16;
        // empty, one byte, D-1, odd, exactly one stripe, several stripes with a partial last one
        for (int size : new int[] {0, 1, d - 1, 2 * d + 1, 101, block * d, block * d * 3 + 7, 1234}) {
            byte[] object = new byte[size];
            rnd.nextBytes(object);
            byte[][] slices = encode(rs, block, object);
            long sliceSize = StripeEncoder.sliceSize(size, d);
            assertThat(Arrays.asList(slices)).allSatisfy(s -> assertThat(s).hasSize((int) sliceSize));
            List<boolean[]> patterns = ReedSolomonTest.missingPatterns(d + p, p, rnd);
            for (boolean[] present : patterns.subList(0, Math.min(patterns.size(), 60))) {
                assertThat(decode(rs, block, slices, present, size))
                        .as("size %d", size)
                        .isEqualTo(object);
                byte[][] rebuilt = rebuild(rs, block, slices, present, size);
                for (int i = 0; i < d + p; i++) {
                    if (!present[i]) {
                        assertThat(rebuilt[i])
                                .as("slice %d of size %d", i, size)
                                .isEqualTo(slices[i]);
                    }
                }
            }
        }
    }

    @Test
    void rebuildCanRecomputeAPresentSliceFromTheOthers() throws Exception {
        ReedSolomon rs = new ReedSolomon(3, 2);
        byte[] object = new byte[777];
        new Random(5).nextBytes(object);
        byte[][] slices = encode(rs, 64, object);
        byte[] corrupted = slices[1].clone();
        corrupted[10] ^= 1;
        SliceSource[] sources = new SliceSource[5];
        for (int i = 0; i < 5; i++) {
            sources[i] = SliceSource.of(i == 1 ? corrupted : slices[i]);
        }
        ByteArrayOutputStream fixed = new ByteArrayOutputStream();
        OutputStream[] targets = new OutputStream[5];
        targets[1] = fixed;
        new StripeDecoder(rs, 64).rebuild(sources, object.length, targets);
        assertThat(fixed.toByteArray()).isEqualTo(slices[1]);
    }

    @Test
    void errors() {
        ReedSolomon rs = new ReedSolomon(4, 2);
        byte[] object = new byte[100];
        byte[][] slices = encode(rs, 8, object);
        SliceSource[] three = {
            SliceSource.of(slices[0]), null, null, SliceSource.of(slices[3]), null, SliceSource.of(slices[5])
        };
        StripeDecoder decoder = new StripeDecoder(rs, 8);
        assertThatThrownBy(() -> decoder.decode(three, 100, OutputStream.nullOutputStream()))
                .isInstanceOf(NotEnoughShardsException.class)
                .hasMessageContaining("3 present");
        SliceSource[] shortSlice = {
            SliceSource.of(slices[0]),
            SliceSource.of(new byte[5]),
            null,
            SliceSource.of(slices[3]),
            null,
            SliceSource.of(slices[5])
        };
        assertThatThrownBy(() -> decoder.decode(shortSlice, 100, OutputStream.nullOutputStream()))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("slice 1 ends at byte 5");
        StripeEncoder encoder = new StripeEncoder(rs, 8);
        assertThatThrownBy(() -> encoder.encode(SliceSource.of(new byte[50]), 100, new OutputStream[6]))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("object ends at byte 50");
        assertThatThrownBy(() -> encoder.encode(SliceSource.of(object), 100, new OutputStream[5]))
                .hasMessageContaining("expected 6 slice streams");
        assertThatThrownBy(() -> encoder.encode(SliceSource.of(object), -1, new OutputStream[6]))
                .hasMessageContaining("negative object size");
        assertThatThrownBy(() -> new StripeEncoder(rs, 0)).hasMessageContaining("block size");
        assertThatThrownBy(() -> decoder.rebuild(three, 100, new OutputStream[2]))
                .isInstanceOf(NotEnoughShardsException.class);
    }

    static byte[][] encode(ReedSolomon rs, int block, byte[] object) {
        ByteArrayOutputStream[] outs = new ByteArrayOutputStream[rs.totalShards()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = new ByteArrayOutputStream();
        }
        try {
            new StripeEncoder(rs, block).encode(SliceSource.of(object), object.length, outs);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Arrays.stream(outs).map(ByteArrayOutputStream::toByteArray).toArray(byte[][]::new);
    }

    private static SliceSource[] sources(byte[][] slices, boolean[] present) {
        SliceSource[] s = new SliceSource[slices.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = present[i] ? SliceSource.of(slices[i]) : null;
        }
        return s;
    }

    private static byte[] decode(ReedSolomon rs, int block, byte[][] slices, boolean[] present, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new StripeDecoder(rs, block).decode(sources(slices, present), size, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static byte[][] rebuild(ReedSolomon rs, int block, byte[][] slices, boolean[] present, long size)
            throws Exception {
        ByteArrayOutputStream[] outs = new ByteArrayOutputStream[slices.length];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = present[i] ? null : new ByteArrayOutputStream();
        }
        new StripeDecoder(rs, block).rebuild(sources(slices, present), size, outs);
        return Arrays.stream(outs).map(o -> o == null ? null : o.toByteArray()).toArray(byte[][]::new);
    }
}
