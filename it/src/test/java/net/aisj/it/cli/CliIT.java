package net.aisj.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ais} command line run as a user runs it: {@code java -jar ais-cli.jar ...} as a separate process against
 * the shared node, endpoint from {@code AIS_ENDPOINT} or {@code --endpoint}; output, exit status and files checked.
 */
class CliIT {

    static String url;
    static String bucket;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void start() {
        url = SharedNode.get().baseUrl();
        bucket = ItEnv.bucketName("cli");
    }

    @AfterAll
    static void cleanUp() {
        if (bucket != null) {
            SharedNode.client().destroyQuietly(bucket);
            SharedNode.client().destroyQuietly(bucket + "-copy");
        }
    }

    static Run ais(Map<String, String> env, String... args) {
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

    static Run ais(String... args) {
        return ais(Map.of("AIS_ENDPOINT", url), args);
    }

    static Run ok(String... args) {
        Run r = ais(args);
        assertThat(r.exit()).as("ais %s: %s", List.of(args), r).isZero();
        return r;
    }

    @Test
    void bucketAndObjectRoundTripWithProgressAndJson(@TempDir Path dir) throws IOException {
        ok("bucket", "create", "ais://" + bucket);
        Path src = dir.resolve("in.bin");
        try (InputStream in = new PseudoRandomInputStream(5, 5L << 20)) {
            Files.copy(in, src);
        }
        Run put = ok("--progress", "object", "put", src.toString(), "ais://" + bucket + "/dir/data.bin");
        assertThat(put.err()).as("progress bar").contains("100%").contains("MiB");
        assertThat(ok("ls", "ais://" + bucket).out()).contains("dir/data.bin").contains("5.00MiB");
        JsonArray listed = Json.createReader(
                        new StringReader(ok("ls", "ais://" + bucket, "--json").out()))
                .readArray();
        assertThat(listed.getJsonObject(0).getString("name")).isEqualTo("dir/data.bin");
        assertThat(listed.getJsonObject(0).getJsonNumber("size").longValue()).isEqualTo(5L << 20);
        Path dst = dir.resolve("out.bin");
        ok("object", "get", "ais://" + bucket + "/dir/data.bin", dst.toString());
        assertThat(Files.mismatch(src, dst)).isEqualTo(-1L);
        JsonObject props = Json.createReader(
                        new StringReader(ok("object", "show", "--json", "ais://" + bucket + "/dir/data.bin")
                                .out()))
                .readObject();
        assertThat(props.getJsonNumber("size").longValue()).isEqualTo(5L << 20);
        ok("object", "rm", "ais://" + bucket + "/dir/data.bin");
        Run gone = ais(
                "object",
                "get",
                "ais://" + bucket + "/dir/data.bin",
                dir.resolve("gone").toString());
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).startsWith("Error: ").contains("404");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .as("no partial download left behind")
                .containsExactlyInAnyOrder("in.bin", "out.bin");
    }

    @Test
    void copyJobWaitAndCluster() {
        ok("bucket", "create", "ais://" + bucket + "-src");
        try {
            Path f = Files.createTempFile("cli", ".txt");
            Files.writeString(f, "hello");
            for (int i = 0; i < 5; i++) {
                ok("object", "put", f.toString(), "ais://" + bucket + "-src/h" + i);
            }
            Files.delete(f);
            Run cp = ok("bucket", "cp", "--wait", "ais://" + bucket + "-src", "ais://" + bucket + "-copy");
            assertThat(cp.out()).contains("done");
            assertThat(ok("object", "get", "ais://" + bucket + "-copy/h3").out())
                    .isEqualTo("hello");
            String job = ok("bucket", "cp", "ais://" + bucket + "-src", "ais://" + bucket + "-copy")
                    .out()
                    .strip();
            assertThat(ok("job", "wait", job, "--kind", "copy-bck").out()).contains("done");
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            SharedNode.client().destroyQuietly(bucket + "-src");
        }
        Run show = ais(Map.of(), "--endpoint", url, "show", "cluster");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains(SharedNode.client().daemonId()).contains("online");
    }

    @Test
    void usageErrorsAndCompletion() {
        Run bad = ais("object", "put", "/nonexistent/file", "ais://" + bucket + "/x");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("no such file");
        Run usage = ais("object", "get", "ais://");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("missing bucket name");
        Run unreachable = ais(Map.of("AIS_ENDPOINT", "http://127.0.0.1:1"), "ls");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).contains("no node answered");
        assertThat(ok("completion", "bash").out()).contains("complete -F").contains("bucket");
    }
}
