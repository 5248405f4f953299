package net.aisj.service.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.core.placement.EcLayout;
import org.junit.jupiter.api.Test;

class EcGenerationTest {

    private static final Checksum SUM = new Checksum(ChecksumType.XXHASH2, "0123456789abcdef");
    private static final EcLayout SLICED = new EcLayout(null, List.of(), false, 2, 1);

    private static ObjectStat stat(long mtime, Checksum sum, Map<String, String> custom) {
        return new ObjectStat("o", 100, sum, "1", 0, mtime, custom, "/mp", List.of("/mp"));
    }

    private static EcMeta meta(long gen, long mtime) {
        return new EcMeta(
                "o", 100, gen, SUM, "1", "", "main", Map.of("main", 0), 2, 1, 1, false, mtime, Map.of("k", "v"));
    }

    @Test
    void aRestoredCopyWithTheSameContentKeepsTheGeneration() {
        // the restored file is new (another mtime); its slices are still the same bytes
        assertThat(EcWriter.generation(Optional.of(meta(42, 1_000)), stat(9_000, SUM, Map.of("k", "v")), SLICED))
                .isEqualTo(42);
    }

    @Test
    void newContentMetadataOrLayoutMeansANewerGeneration() {
        Checksum other = new Checksum(ChecksumType.XXHASH2, "fedcba9876543210");
        assertThat(EcWriter.generation(Optional.of(meta(42, 1_000)), stat(1_000, other, Map.of("k", "v")), SLICED))
                .isGreaterThan(42);
        assertThat(EcWriter.generation(Optional.of(meta(42, 1_000)), stat(1_000, SUM, Map.of("k", "w")), SLICED))
                .isGreaterThan(42);
        assertThat(EcWriter.generation(
                        Optional.of(meta(42, 1_000)),
                        stat(1_000, SUM, Map.of("k", "v")),
                        new EcLayout(null, List.of(), true, 2, 1)))
                .isGreaterThan(42);
    }
}
