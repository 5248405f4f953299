package net.aisj.service.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.aisj.core.download.DownloadStatus;
import org.junit.jupiter.api.Test;

class DownloadRecordsTest {

    private static DownloadStatus job(String id, long finished) {
        return new DownloadStatus(
                new DownloadStatus.Job(id, "d " + id, 1_700_000_000_000L, finished, 1, 2, 0, 0, 3, false, false),
                List.of(new DownloadStatus.Task("b", 10, 100, 1_700_000_000_000L, 0)),
                List.of(new DownloadStatus.Task("a", 5, 5, 1_700_000_000_000L, 1_700_000_001_000L)),
                List.of());
    }

    @Test
    void aSavedJobComesBackWithWhatItFinishedAndARunningOneEndsAbortedSayingWhy() {
        String text =
                DownloadRecords.text(1_700_000_005_000L, List.of(job("dnl-1", 1_700_000_002_000L), job("dnl-2", 0)));
        assertThat(DownloadRecords.savedMillis(text)).isEqualTo(1_700_000_005_000L);
        List<DownloadStatus> back = DownloadRecords.read(text, "interrupted: the node restarted");
        assertThat(back).hasSize(2);
        DownloadStatus done = back.get(0);
        assertThat(done.job().id()).isEqualTo("dnl-1");
        assertThat(done.job().aborted()).isFalse();
        assertThat(done.finished()).extracting(DownloadStatus.Task::name).containsExactly("a");
        DownloadStatus cut = back.get(1);
        assertThat(cut.job().isFinished()).isTrue();
        assertThat(cut.job().aborted()).isTrue();
        assertThat(cut.job().errorCnt()).isEqualTo(1);
        assertThat(cut.current()).isEmpty();
        assertThat(cut.finished()).extracting(DownloadStatus.Task::name).containsExactly("a");
        assertThat(cut.errors())
                .extracting(DownloadStatus.TaskError::error)
                .containsExactly("interrupted: the node restarted");
        assertThat(DownloadRecords.savedMillis("garbage")).isEqualTo(-1);
    }
}
