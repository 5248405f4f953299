package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.aisj.core.AisException;
import net.aisj.core.download.DownloadSpec;
import net.aisj.core.download.DownloadStatus;
import org.junit.jupiter.api.Test;

class DownloadJsonTest {

    @Test
    void readsEveryTypeOfAisRequestAndWritesItBack() {
        DownloadSpec multi = DownloadJson.readSpec("{\"type\":\"multi\",\"bucket\":{\"name\":\"b\"},"
                + "\"objects\":[\"http://h/a/x.tar\",\"http://h/y.tar?sig=1\"]}");
        assertThat(multi.links())
                .containsExactly(Map.entry("x.tar", "http://h/a/x.tar"), Map.entry("y.tar", "http://h/y.tar?sig=1"));
        DownloadSpec named = DownloadJson.readSpec(
                "{\"type\":\"multi\",\"bucket\":{\"name\":\"b\"},\"objects\":{\"n/1\":\"https://h/1\"}}");
        assertThat(named.links()).containsExactly(Map.entry("n/1", "https://h/1"));
        DownloadSpec range =
                DownloadJson.readSpec("{\"type\":\"range\",\"bucket\":{\"name\":\"b\",\"provider\":\"s3\"},"
                        + "\"template\":\"http://h/s-{0..2}.tar\",\"subdir\":\"d\",\"timeout\":\"30s\","
                        + "\"limits\":{\"connections\":2,\"bytes_per_hour\":1000}}");
        assertThat(range.bucket().provider()).isEqualTo("aws");
        assertThat(range.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(range.workers()).isEqualTo(2);
        assertThat(range.bytesPerHour()).isEqualTo(1000);
        assertThat(range.validated().objects())
                .containsExactly(
                        Map.entry("d/s-0.tar", "http://h/s-0.tar"),
                        Map.entry("d/s-1.tar", "http://h/s-1.tar"),
                        Map.entry("d/s-2.tar", "http://h/s-2.tar"));
        DownloadSpec single = DownloadJson.readSpec(
                "{\"type\":\"single\",\"bucket\":{\"name\":\"b\"},\"link\":\"http://h/p/file.bin\"}");
        assertThat(single.links()).containsExactly(Map.entry("file.bin", "http://h/p/file.bin"));
        for (DownloadSpec s : List.of(multi, named, range, single)) {
            assertThat(DownloadJson.readSpec(DownloadJson.writeSpec(s))).isEqualTo(s);
        }
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        assertThatThrownBy(() -> DownloadJson.readSpec("{\"bucket\":{\"name\":\"b\"}}"))
                .isInstanceOf(AisException.class)
                .hasMessageContaining("unknown type");
        assertThatThrownBy(() -> DownloadJson.readSpec("not json")).isInstanceOf(AisException.class);
        assertThatThrownBy(() -> DownloadJson.readSpec(
                                "{\"type\":\"single\",\"bucket\":{\"name\":\"b\"},\"link\":\"ftp://h/f\"}")
                        .validated())
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> DownloadJson.readSpec(
                                "{\"type\":\"range\",\"bucket\":{\"name\":\"\"},\"template\":\"x\"}")
                        .validated())
                .hasMessageContaining("bucket.name");
    }

    @Test
    void statusRoundTripsAndMergesAsAisAggregates() {
        DownloadStatus a = new DownloadStatus(
                new DownloadStatus.Job("dnl-1", "d", 1000, 5000, 2, 3, 0, 1, 3, true, false),
                List.of(),
                List.of(new DownloadStatus.Task("b", 10, 10, 1000, 2000)),
                List.of(new DownloadStatus.TaskError("c", "HTTP 404")));
        DownloadStatus b = new DownloadStatus(
                new DownloadStatus.Job("dnl-1", "d", 900, 0, 1, 2, 1, 0, 2, false, false),
                List.of(new DownloadStatus.Task("a", 5, 0, 900, 0)),
                List.of(),
                List.of());
        assertThat(DownloadJson.readStatus(DownloadJson.writeStatus(a))).isEqualTo(a);
        DownloadStatus m = a.merge(b);
        assertThat(m.job().finishedMillis())
                .as("finished only once every target is")
                .isZero();
        assertThat(m.job().startedMillis()).isEqualTo(900);
        assertThat(m.job().total()).isEqualTo(5);
        assertThat(m.job().allDispatched()).isFalse();
        assertThat(m.current()).extracting(DownloadStatus.Task::name).containsExactly("a");
        assertThat(DownloadJson.writeStatus(m)).contains("\"finished_time\":\"0001-01-01T00:00:00Z\"");
    }
}
