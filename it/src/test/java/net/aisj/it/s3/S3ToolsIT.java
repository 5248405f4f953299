package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's boto3 and s3cmd against the S3 node, as a user runs them (skipped when a tool is missing; a failure in CI,
 * where .ci/run installs both): boto3's multipart upload and parallel ranged download, copy, paged listing, tagging,
 * presigned V4, errors, and its legacy V2 presigned URL refused as S3 refuses it; s3cmd's mb/put (multipart)/ls/
 * get/info/setacl/modify/sync/del/rb.
 */
class S3ToolsIT {

    @TempDir
    Path dir;

    record Run(int exit, String out) {}

    Run run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("AWS_CA_BUNDLE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        return new Run(p.exitValue(), out);
    }

    boolean works(String... cmd) {
        try {
            return run(List.of(cmd)).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    void requireTool(boolean present, String what) {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(what + " (installed by .ci/run)").isTrue();
        }
        assumeTrue(present, what + " not installed");
    }

    @Test
    void boto3Session() throws Exception {
        requireTool(works("/usr/bin/python3", "-c", "import boto3"), "python3-boto3");
        Path script = dir.resolve("boto3_session.py");
        try (var in = S3ToolsIT.class.getResourceAsStream("/s3tools/boto3_session.py")) {
            Files.copy(in, script);
        }
        Run r = run(List.of(
                "/usr/bin/python3",
                script.toString(),
                S3Node.baseUrl(),
                S3Node.ACCESS_KEY,
                S3Node.SECRET_KEY,
                S3Node.bucketName("boto3")));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("errors ok").contains("cleanup ok");
    }

    @Test
    void s3cmdSession() throws Exception {
        requireTool(works("s3cmd", "--version"), "s3cmd");
        String hostPort = S3Node.baseUrl().replaceFirst("^https?://", "");
        Path cfg = dir.resolve("s3cfg");
        Files.writeString(
                cfg,
                String.join(
                        "\n",
                        "[default]",
                        "access_key = " + S3Node.ACCESS_KEY,
                        "secret_key = " + S3Node.SECRET_KEY,
                        "host_base = " + hostPort,
                        "host_bucket = " + hostPort,
                        "use_https = False",
                        "signature_v2 = False",
                        "bucket_location = us-east-1",
                        ""));
        byte[] big = new byte[12 << 20];
        new java.util.Random(7).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("small.txt"), "hello\n");
        String b = "s3://" + S3Node.bucketName("s3cmd");
        expectOk("mb", b);
        expectOk("put", "small.txt", b + "/dir/small.txt");
        expectOk("put", "--multipart-chunk-size-mb=5", "big.bin", b + "/big.bin");
        assertThat(expectOk("ls", "-r", b)).contains(b + "/big.bin").contains(b + "/dir/small.txt");
        expectOk("get", "--force", b + "/big.bin", "got.bin");
        assertThat(Files.readAllBytes(dir.resolve("got.bin"))).isEqualTo(big);
        assertThat(expectOk("info", b + "/dir/small.txt")).contains("File size: 6");
        expectOk("setacl", "--acl-public", b + "/dir/small.txt");
        expectOk("modify", "--add-header=x-amz-meta-k:v", b + "/dir/small.txt");
        Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/sub/x.txt"), "x");
        expectOk("sync", dir.resolve("tree").toString() + "/", b + "/sync/");
        assertThat(expectOk("ls", "-r", b + "/sync/")).contains("sync/sub/x.txt");
        expectOk("del", b + "/dir/small.txt");
        expectOk("rb", "--recursive", "--force", b);
    }

    private String expectOk(String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of("s3cmd", "-c", dir.resolve("s3cfg").toString()));
        cmd.addAll(List.of(args));
        Run r = run(cmd);
        assertThat(r.exit())
                .as("s3cmd " + String.join(" ", args) + ":\n" + r.out())
                .isZero();
        return r.out();
    }
}
