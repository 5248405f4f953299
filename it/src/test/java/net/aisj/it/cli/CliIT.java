package net.aisj.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.aisj.it.support.AisCliProcess;
import net.aisj.it.support.AisCliProcess.Run;
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
        return AisCliProcess.run(env, args);
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

    /**
     * The completion script as bash runs it: sourced, then its completion function called for a command line the
     * way bash calls it on TAB (COMP_WORDS/COMP_CWORD/COMP_LINE); returns the candidates (COMPREPLY).
     */
    static List<String> complete(Path dir, String line) throws IOException, InterruptedException {
        Path script = dir.resolve("ais-completion.bash");
        if (!Files.exists(script)) {
            Files.writeString(script, ok("completion", "bash").out());
        }
        String probe = String.join(
                "\n",
                "source \"$1\"",
                "COMP_LINE=\"$2\"",
                "COMP_POINT=${#COMP_LINE}",
                "read -r -a COMP_WORDS <<< \"$COMP_LINE\"",
                "[[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('')",
                "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
                "fn=$(complete -p ais | sed -E 's/.*-F ([^ ]+).*/\\1/')",
                "\"$fn\" ais \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null",
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        Process p = new ProcessBuilder("bash", "-c", probe, "probe", script.toString(), line)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue())
                .as("bash completion probe for '%s': %s", line, out)
                .isZero();
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void tabCompletionOffersTheVerbsAndOptions(@TempDir Path dir) throws Exception {
        assertThat(complete(dir, "ais ")).contains("ls", "bucket", "object", "job", "etl", "show", "completion");
        assertThat(complete(dir, "ais ob")).containsExactly("object");
        assertThat(complete(dir, "ais etl "))
                .contains("init", "show", "ls", "view-logs", "stop", "start", "rm", "object", "bucket");
        assertThat(complete(dir, "ais etl init --"))
                .contains("--spec", "--name", "--comm-type", "--init-timeout", "--object-timeout");
        assertThat(complete(dir, "ais bucket c")).contains("create", "cp");
        assertThat(ok("etl", "--help").out()).contains("view-logs", "bucket");
    }

    @Test
    void etlVerbsFromInitToRemove(@TempDir Path dir) throws IOException {
        String etl = net.aisj.it.etl.Transformers.name("cli");
        String src = bucket + "-etlsrc";
        String dst = bucket + "-etldst";
        // AIS's runtime spec in YAML; the name comes from the command line
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(
                spec,
                String.join(
                        "\n",
                        "name: from-the-file",
                        "communication: hpush://",
                        "init_timeout: 1m",
                        "obj_timeout: 30s",
                        "runtime:",
                        "  image: aistorage/transformer_test:latest",
                        "  command: [python3, '" + net.aisj.it.etl.Transformers.script() + "', --port, '8000']",
                        "  env:",
                        "    - name: TRANSFORM",
                        "      value: upper",
                        ""));
        try {
            Run init = ok("etl", "init", "-f", spec.toString(), "--name", etl);
            assertThat(init.out()).startsWith("ETL[" + etl + "]: job \"etl-");
            ok("bucket", "create", "ais://" + src);
            Path f = dir.resolve("hello.txt");
            Files.writeString(f, "hello etl");
            for (String n : List.of("in/a.txt", "in/b.txt", "skip.txt")) {
                ok("object", "put", f.toString(), "ais://" + src + "/" + n);
            }

            assertThat(ok("etl", "show").out()).containsPattern(etl + " +Running");
            JsonArray listed = Json.createReader(
                            new StringReader(ok("etl", "ls", "--json").out()))
                    .readArray();
            assertThat(listed.stream().map(v -> v.asJsonObject().getString("name")))
                    .contains(etl);
            assertThat(ok("etl", "show", etl).out())
                    .containsPattern("STAGE +Running")
                    .containsPattern("COMMUNICATION +hpush://");

            assertThat(ok("etl", "object", etl, "ais://" + src + "/in/a.txt").out())
                    .isEqualTo("HELLO ETL");
            Path out = dir.resolve("a.out");
            ok("etl", "object", etl, "ais://" + src + "/in/a.txt", out.toString(), "--args", "v1");
            assertThat(Files.readString(out)).isEqualTo("v1|HELLO ETL");

            Run bck = ok(
                    "--progress",
                    "etl",
                    "bucket",
                    etl,
                    "ais://" + src,
                    "ais://" + dst,
                    "--prefix",
                    "in/",
                    "--ext",
                    "{txt:md}",
                    "--wait");
            assertThat(bck.out()).contains("done");
            assertThat(bck.err())
                    .as("job progress")
                    .contains("etl-bck[")
                    .contains("ended after")
                    .contains("2 objects");
            assertThat(ok("object", "get", "ais://" + dst + "/in/b.md").out()).isEqualTo("HELLO ETL");
            assertThat(ok("ls", "ais://" + dst).out())
                    .contains("in/a.md", "in/b.md")
                    .doesNotContain("skip");

            assertThat(ok("etl", "view-logs", etl).out())
                    .contains("--- " + SharedNode.client().daemonId() + " ---");
            assertThat(ok("etl", "stop", etl).out()).contains("ETL[" + etl + "] stopped");
            assertThat(ok("etl", "show", etl).out()).containsPattern("STAGE +Aborted");
            assertThat(ok("etl", "start", etl).out()).contains("ETL[" + etl + "] started: job \"etl-");
            assertThat(ok("etl", "object", etl, "ais://" + src + "/in/b.txt").out())
                    .isEqualTo("HELLO ETL");
            assertThat(ok("etl", "rm", etl).out()).contains("ETL[" + etl + "] removed");
            assertThat(ok("etl", "show").out()).doesNotContain(etl);

            Run missing = ais("etl", "show", etl);
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).startsWith("Error: ").contains("404");
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, "name: [unclosed");
            Run badSpec = ais("etl", "init", "-f", bad.toString());
            assertThat(badSpec.exit()).isEqualTo(2);
            assertThat(badSpec.err()).contains("not a valid YAML/JSON spec");
        } finally {
            SharedNode.client().send("DELETE", "/v1/etl/" + etl);
            SharedNode.client().destroyQuietly(src);
            SharedNode.client().destroyQuietly(dst);
        }
    }
}
