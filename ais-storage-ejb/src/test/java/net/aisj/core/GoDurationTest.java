package net.aisj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void readsAisDurations() {
        assertThat(GoDuration.millis("2h0m", "x")).isEqualTo(7_200_000L);
        assertThat(GoDuration.millis("10m", "x")).isEqualTo(600_000L);
        assertThat(GoDuration.millis("1h30m5s", "x")).isEqualTo(5_405_000L);
        assertThat(GoDuration.millis("500ms", "x")).isEqualTo(500L);
        assertThat(GoDuration.millis("1.5s", "x")).isEqualTo(1500L);
        assertThat(GoDuration.millis("0s", "x")).isZero();
        assertThat(GoDuration.millis("30", "x")).isEqualTo(30_000L);
    }

    @Test
    void refusesWhatIsNoDuration() {
        for (String bad : new String[] {"", "h", "10x", "ten minutes", "5m-"}) {
            assertThatThrownBy(() -> GoDuration.millis(bad, "lru.dont_evict_time"))
                    .as(bad)
                    .isInstanceOf(AisException.class)
                    .hasMessageContaining("lru.dont_evict_time");
        }
    }

    @Test
    void blobRequestDefaultsAndLimits() {
        BlobRequest r = new BlobRequest("o", 0, 0, false);
        assertThat(r.chunkSize()).isEqualTo(BlobRequest.DEFAULT_CHUNK);
        assertThat(r.numWorkers()).isEqualTo(BlobRequest.DEFAULT_WORKERS);
        assertThatThrownBy(() -> new BlobRequest("o", 100, 0, false)).hasMessageContaining("chunk-size");
        assertThatThrownBy(() -> new BlobRequest("o", 0, 129, false)).hasMessageContaining("num-workers");
        assertThatThrownBy(() -> new BlobRequest("", 0, 0, false)).hasMessageContaining("name");
    }
}
