package net.aisj.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ais} command line run as a user runs it: {@code java -jar ais-cli.jar ...} as a separate process (jar:
 * system property {@code ais.cli.jar}), with {@code AIS_ENDPOINT} only from {@code env}.
 */
public final class AisCliProcess {

    /** Exit status, standard output and standard error of one run. */
    public record Run(int exit, String out, String err) {}

    private AisCliProcess() {}

    /** Runs {@code ais args...} with {@code env} on top of the test JVM's environment (minus its AIS_ENDPOINT). */
    public static Run run(Map<String, String> env, String... args) {
        Path jar = Path.of(System.getProperty("ais.cli.jar", "../ais-connector/ais-cli/target/ais-cli.jar"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().remove("AIS_ENDPOINT");
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> {
                try (InputStream in = p.getErrorStream()) {
                    in.transferTo(err);
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES))
                    .as("ais %s ends", List.of(args))
                    .isTrue();
            drain.join(10_000);
            return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@link #run} against {@code endpoint}, asserting exit status 0. */
    public static Run ok(String endpoint, String... args) {
        Run r = run(Map.of("AIS_ENDPOINT", endpoint), args);
        assertThat(r.exit()).as("ais %s: %s", List.of(args), r).isZero();
        return r;
    }
}
