package net.aisj.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLauncherTest {

    private static final NodeLauncher.PortSource INTERNAL = () -> 41234;

    @Test
    void theDataPlaneTakesTheGivenPortAndPayaraMovesToLoopback() throws IOException {
        var plan =
                NodeLauncher.plan(List.of("--name", "n1", "--port", "9090", "--startport", "6900"), Map.of(), INTERNAL);
        assertThat(plan.front()).isTrue();
        assertThat(plan.args()).containsExactly("--name", "n1", "--startport", "6900", "--port", "41234");
        assertThat(plan.properties())
                .containsEntry("ais.dataplane.port", "9090")
                .containsEntry("ais.servlet.address", "127.0.0.1")
                .containsEntry("ais.servlet.internal", "true");
    }

    @Test
    void withoutAPortTheDataPlaneTakesPayarasDefault() throws IOException {
        var plan = NodeLauncher.plan(List.of(), Map.of(), INTERNAL);
        assertThat(plan.properties()).containsEntry("ais.dataplane.port", "8080");
        assertThat(plan.args()).containsExactly("--port", "41234");
    }

    @Test
    void theLastPortWinsInEitherForm() throws IOException {
        var plan = NodeLauncher.plan(List.of("--port", "9000", "--port=9001"), Map.of(), INTERNAL);
        assertThat(plan.properties()).containsEntry("ais.dataplane.port", "9001");
        assertThat(plan.args()).containsExactly("--port", "41234");
        assertThatThrownBy(() -> NodeLauncher.plan(List.of("--port", "x"), Map.of(), INTERNAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port");
    }

    @Test
    void anExplicitDataPlanePortKeepsTwoListeners(@TempDir Path dir) throws IOException {
        var args = List.of("--port", "9090");
        var byEnv = NodeLauncher.plan(args, Map.of("AIS_DATAPLANE_PORT", "9190"), INTERNAL);
        assertThat(byEnv.front()).isFalse();
        assertThat(byEnv.args()).isEqualTo(args);
        assertThat(byEnv.properties()).containsOnlyKeys("ais.servlet.address");

        Path props = dir.resolve("p.properties");
        Files.writeString(props, "ais.dataplane.port=9190\nais.http.address=10.1.2.3\n");
        var byFile = NodeLauncher.plan(
                List.of("--port", "9090", "--systemproperties", props.toString()), Map.of(), INTERNAL);
        assertThat(byFile.front()).isFalse();
        assertThat(byFile.properties()).containsEntry("ais.servlet.address", "10.1.2.3");
    }

    @Test
    void noDataPlaneOrAutoBindKeepsPayarasListener() throws IOException {
        assertThat(NodeLauncher.plan(List.of(), Map.of("AIS_DATAPLANE_ENABLED", "false"), INTERNAL)
                        .front())
                .isFalse();
        var auto = NodeLauncher.plan(List.of("--autobindhttp"), Map.of(), INTERNAL);
        assertThat(auto.front()).isFalse();
        assertThat(auto.properties()).containsEntry("ais.servlet.address", "127.0.0.1");
    }

    @Test
    void inFrontModeTheServletListenerStaysOnLoopbackWhateverTheHttpAddress(@TempDir Path dir) throws IOException {
        Path props = dir.resolve("p.properties");
        Files.writeString(props, "ais.http.address=0.0.0.0\n");
        var plan = NodeLauncher.plan(List.of("--systemproperties", props.toString()), Map.of(), INTERNAL);
        assertThat(plan.front()).isTrue();
        assertThat(plan.properties()).containsEntry("ais.servlet.address", "127.0.0.1");
        assertThat(plan.args()).containsExactly("--systemproperties", props.toString(), "--port", "41234");
    }
}
