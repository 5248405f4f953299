package net.aisj.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator's statistics and size parsing (the only part of the benchmark that {@code mvn verify} runs). */
class LatencyStatsTest {

    @Test
    void percentilesAreNearestRankOverAllWorkers() {
        LatencyStats a = new LatencyStats();
        LatencyStats b = new LatencyStats();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).ok(i * 1_000_000L, 1024);
        }
        b.error("GET x: 500");
        LatencyStats.Summary s = LatencyStats.merge(List.of(a, b), 2.0);
        assertThat(s.ops()).isEqualTo(100);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.firstError()).isEqualTo("GET x: 500");
        assertThat(s.p50Ms()).isEqualTo(50.0);
        assertThat(s.p99Ms()).isEqualTo(99.0);
        assertThat(s.meanMs()).isCloseTo(50.5, within(1e-9));
        assertThat(s.opsPerSec()).isEqualTo(50.0);
        assertThat(s.mibPerSec()).isCloseTo(100 * 1024 / 2.0 / 1048576, within(1e-12));
    }

    @Test
    void emptyRunReportsZeros() {
        LatencyStats.Summary s = LatencyStats.merge(List.of(new LatencyStats()), 1.0);
        assertThat(s.ops()).isZero();
        assertThat(s.p99Ms()).isZero();
    }

    @Test
    void manyOpsGrowTheRecord() {
        LatencyStats a = new LatencyStats();
        for (int i = 0; i < 10_000; i++) {
            a.ok(10_000 - i, 1);
        }
        LatencyStats.Summary s = LatencyStats.merge(List.of(a), 1.0);
        assertThat(s.p50Ms()).isEqualTo(5000 / 1e6);
        assertThat(s.p99Ms()).isEqualTo(9900 / 1e6);
    }

    @Test
    void sizesParseAndLabel() {
        assertThat(Sizes.parse("4k")).isEqualTo(4096);
        assertThat(Sizes.parse("64m")).isEqualTo(64L << 20);
        assertThat(Sizes.range("4k-1m")).containsExactly(4096, 1 << 20);
        assertThat(Sizes.label(64L << 20)).isEqualTo("64m");
        assertThat(Sizes.label(1000)).isEqualTo("1000");
        assertThat(Sizes.options(new String[] {"--a", "1", "--flag", "--b", "x"}))
                .containsEntry("a", "1")
                .containsEntry("flag", "true")
                .containsEntry("b", "x");
    }
}
