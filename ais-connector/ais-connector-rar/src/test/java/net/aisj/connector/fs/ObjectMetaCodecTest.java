package net.aisj.connector.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.fs.ObjectMetaCodec.CorruptMetaException;
import org.junit.jupiter.api.Test;

class ObjectMetaCodecTest {

    static final ObjectMeta META = new ObjectMeta(
            "a/b/ü😀",
            123456789012L,
            new Checksum(ChecksumType.XXHASH2, "0123456789abcdef"),
            "42",
            1_700_000_000_123L,
            Map.of("ETag", "\"abc\"", "k", "", "日本", "v=1,2"),
            List.of("/mp1", "/mp2"));

    @Test
    void roundTrip() throws CorruptMetaException {
        byte[] b = ObjectMetaCodec.encode(META);
        assertThat(b[0]).isEqualTo(ObjectMetaCodec.FORMAT);
        assertThat(ObjectMetaCodec.decode(b)).isEqualTo(META);
        ObjectMeta empty = new ObjectMeta("x", 0, Checksum.NONE, "", 0, Map.of(), List.of());
        assertThat(ObjectMetaCodec.decode(ObjectMetaCodec.encode(empty))).isEqualTo(empty);
    }

    @Test
    void chunkedRoundTripAndBadChunkLayout() throws CorruptMetaException {
        ObjectMeta chunked = META.withChunks(new ChunkList("0123456789abcdef0123456789abcdef", List.of(5L, 0L, 7L)));
        byte[] b = ObjectMetaCodec.encode(chunked);
        assertThat(b[0]).isEqualTo(ObjectMetaCodec.FORMAT_CHUNKED);
        ObjectMeta back = ObjectMetaCodec.decode(b);
        assertThat(back).isEqualTo(chunked);
        assertThat(back.headSize()).isEqualTo(META.size() - 12);
        ObjectMeta tooMany = new ObjectMeta(
                "x",
                3,
                Checksum.NONE,
                "",
                0,
                Map.of(),
                List.of(),
                new ChunkList("0123456789abcdef0123456789abcdef", List.of(2L, 2L)));
        assertThatThrownBy(() -> ObjectMetaCodec.decode(ObjectMetaCodec.encode(tooMany)))
                .isInstanceOf(CorruptMetaException.class);
    }

    @Test
    void chunkSumsRoundTripAndOlderFormatsDecodeWithout() throws CorruptMetaException {
        ObjectMeta plain = new ObjectMeta(
                "o",
                3L * (1 << 20) - 5,
                new Checksum(ChecksumType.XXHASH2, "00ff00ff00ff00ff"),
                "2",
                7,
                java.util.Map.of("k", "v"),
                java.util.List.of("/a"));
        ObjectMeta withSums = plain.withSums(new ChunkSums(1 << 20, new long[] {1, -2, Long.MAX_VALUE}));
        byte[] enc = ObjectMetaCodec.encode(withSums);
        assertThat(enc[0]).isEqualTo(ObjectMetaCodec.FORMAT_SUMS);
        assertThat(ObjectMetaCodec.decode(enc)).isEqualTo(withSums);
        ObjectMeta chunked =
                withSums.withChunks(new ChunkList("0123456789abcdef0123456789abcdef", java.util.List.of(5L, 6L)));
        byte[] enc2 = ObjectMetaCodec.encode(chunked);
        assertThat(enc2[0]).isEqualTo(ObjectMetaCodec.FORMAT_CHUNKED_SUMS);
        assertThat(ObjectMetaCodec.decode(enc2)).isEqualTo(chunked);
        // an object written before chunk sums: format 1, decoded with none
        byte[] old = ObjectMetaCodec.encode(plain);
        assertThat(old[0]).isEqualTo(ObjectMetaCodec.FORMAT);
        assertThat(ObjectMetaCodec.decode(old).sums()).isNull();
        // a list that does not fit the size is a bad layout
        byte[] wrong = ObjectMetaCodec.encode(plain.withSums(new ChunkSums(1 << 20, new long[] {1, 2})));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectMetaCodec.decode(wrong))
                .isInstanceOf(CorruptMetaException.class);
    }

    @Test
    void everySingleByteFlipIsDetected() {
        byte[] good = ObjectMetaCodec.encode(META);
        for (int i = 0; i < good.length; i++) {
            if (i == 1) {
                continue; // the reserved byte is not covered
            }
            byte[] bad = good.clone();
            bad[i] ^= 0x40;
            assertThatThrownBy(() -> ObjectMetaCodec.decode(bad))
                    .as("byte " + i)
                    .isInstanceOf(CorruptMetaException.class);
        }
    }

    @Test
    void truncationAndGarbageAreDetected() {
        byte[] good = ObjectMetaCodec.encode(META);
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> ObjectMetaCodec.decode(cut)).isInstanceOf(CorruptMetaException.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> ObjectMetaCodec.decode(longer)).isInstanceOf(CorruptMetaException.class);
    }
}
