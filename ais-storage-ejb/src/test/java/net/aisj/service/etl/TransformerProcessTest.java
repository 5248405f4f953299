package net.aisj.service.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformerProcessTest {

    @Test
    void aisFixedPortFormsAreRewrittenToTheGivenPortOnLoopback() {
        assertThat(TransformerProcess.command(
                        List.of("uvicorn", "app:a", "--host", "0.0.0.0", "--port", "8000", "--workers", "6"),
                        Map.of(),
                        4711))
                .containsExactly("uvicorn", "app:a", "--host", "127.0.0.1", "--port", "4711", "--workers", "6");
        assertThat(TransformerProcess.command(List.of("gunicorn", "--bind", "0.0.0.0:8000"), Map.of(), 4711))
                .containsExactly("gunicorn", "--bind", "127.0.0.1:4711");
        assertThat(TransformerProcess.command(List.of("srv", "--port=8000"), Map.of(), 9))
                .containsExactly("srv", "--port=9");
    }

    @Test
    void kubernetesVariablesAreExpandedFromTheEnvironment() {
        assertThat(TransformerProcess.command(
                        List.of("srv", "--listen", "127.0.0.1:$(AIS_ETL_PORT)", "$(UNSET)"),
                        Map.of("AIS_ETL_PORT", "5000"),
                        5000))
                .containsExactly("srv", "--listen", "127.0.0.1:5000", "$(UNSET)");
    }

    /** A node killed with its transformer running finds and stops it when it starts again; a reused pid is spared. */
    @Test
    void orphansOfAKilledRunAreReapedByPidAndStartTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws Exception {
        java.nio.file.Path dir = root.resolve("etl-a");
        TransformerProcess p = TransformerProcess.start("etl-a", List.of("sleep", "600"), Map.of(), 0, dir);
        long pid = p.pid();
        assertThat(dir.resolve(TransformerProcess.PID_FILE)).exists();
        // a second record naming this JVM with a wrong start time: a pid reused by another process
        java.nio.file.Files.createDirectories(root.resolve("etl-b"));
        java.nio.file.Files.writeString(
                root.resolve("etl-b").resolve(TransformerProcess.PID_FILE),
                ProcessHandle.current().pid() + " 12345");

        assertThat(TransformerProcess.reapOrphans(root)).isEqualTo(1);
        var exited = ProcessHandle.of(pid).map(ProcessHandle::onExit);
        if (exited.isPresent()) {
            exited.get().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(dir.resolve(TransformerProcess.PID_FILE)).doesNotExist();
        assertThat(root.resolve("etl-b").resolve(TransformerProcess.PID_FILE)).doesNotExist();
        assertThat(TransformerProcess.reapOrphans(root)).isZero();
    }

    @Test
    void aStoppedTransformerLeavesNoRecord(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) {
        java.nio.file.Path dir = root.resolve("etl-c");
        TransformerProcess p = TransformerProcess.start("etl-c", List.of("sleep", "600"), Map.of(), 0, dir);
        assertThat(dir.resolve(TransformerProcess.PID_FILE)).exists();
        p.stop(2000);
        assertThat(dir.resolve(TransformerProcess.PID_FILE)).doesNotExist();
        assertThat(p.alive()).isFalse();
    }
}
