package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.core.ArchiveMember;
import net.aisj.core.dsort.DsortJobInfo;
import org.junit.jupiter.api.Test;

class DsortJsonTest {

    private static DsortJobInfo info(long start, long end, long objs, boolean aborted, String reason) {
        DsortJobInfo.Phase p = new DsortJobInfo.Phase(start, end, 5_000_000L);
        return new DsortJobInfo(
                "j1",
                BucketId.ais("src"),
                new BucketId("ais", "@remote#ns", "dst"),
                start,
                end,
                1L,
                2L,
                3L,
                objs,
                objs * 10,
                new DsortJobInfo.Extraction(p, 4, 3, 300, 12, 12),
                p,
                new DsortJobInfo.Creation(p, 2, 1, 0),
                "nightly",
                List.of("w"),
                List.of(),
                aborted,
                reason,
                !aborted && end != 0);
    }

    @Test
    void jobInfoRoundTripsInAisShape() {
        DsortJobInfo j = info(1_700_000_000_000L, 0, 7, true, "target left");
        var json = DsortJson.jobInfo(j);
        assertThat(json.getString("finish_time")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(json.getString("loc-objs")).isEqualTo("7");
        assertThat(json.getJsonObject("Metrics").getString("abort_reason")).isEqualTo("target left");
        assertThat(json.getJsonObject("Metrics").getJsonObject("meta_sorting").getBoolean("running"))
                .isTrue();
        assertThat(json.getJsonObject("dst-bck").getJsonObject("namespace").getString("uuid"))
                .isEqualTo("remote");
        assertThat(DsortJson.readJobInfo(json)).isEqualTo(j);
        assertThat(DsortJson.readJobInfoList(DsortJson.jobInfoList(List.of(j, j))))
                .containsExactly(j, j);
        assertThat(DsortJson.jobInfos(Map.of("t1", j)).getJsonObject("t1").getString("id"))
                .isEqualTo("j1");
    }

    @Test
    void aggregateTakesEarliestStartLatestEndAndSums() {
        DsortJobInfo a = info(2000, 5000, 3, false, "");
        DsortJobInfo b = info(1000, 9000, 4, false, "");
        DsortJobInfo both = a.aggregate(b);
        assertThat(both.startedMillis()).isEqualTo(1000);
        assertThat(both.finishedMillis()).isEqualTo(9000);
        assertThat(both.localObjects()).isEqualTo(7);
        assertThat(both.archived()).isTrue();
        DsortJobInfo running = a.aggregate(info(1500, 0, 1, true, "disk failed"));
        assertThat(running.running()).isTrue();
        assertThat(running.aborted()).isTrue();
        assertThat(running.archived()).isFalse();
        assertThat(running.abortReason()).isEqualTo("disk failed");
    }

    @Test
    void rangesAreNonNegativePairs() {
        byte[] body = DsortJson.writeRanges(List.of(new long[] {0, 10}, new long[] {10, 5}));
        assertThat(DsortJson.readRanges(new String(body))).hasSize(2);
        assertThatThrownBy(() -> DsortJson.readRanges("[[1,-2]]")).hasMessageContaining("invalid ranges");
        assertThatThrownBy(() -> DsortJson.readRanges("{")).hasMessageContaining("invalid ranges");
    }

    @Test
    void archiveMembersRoundTrip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<ArchiveMember> ms = List.of(new ArchiveMember("a/1.jpg", 3), new ArchiveMember("a/1.cls", 0));
        ArchiveMembersJson.write(ms, out);
        assertThat(ArchiveMembersJson.read(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(ms);
    }
}
