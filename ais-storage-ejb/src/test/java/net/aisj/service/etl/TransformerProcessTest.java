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
}
