package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rclone against the node (skipped when {@code rclone} is not on the PATH; a failure in CI, where .ci/run installs
 * it): copy, list, and {@code rclone purge}, which on a versioned bucket lists with ListObjectVersions and deletes
 * by version (issue 18: it failed with 501 before).
 */
class S3RcloneIT {

    @TempDir
    Path dir;

    record Run(int exit, String out) {}

    Run rclone(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of("rclone", "--config", dir.resolve("none.conf").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // rclone 1.60 fails to build its HTTP client when AWS_CA_BUNDLE is set (plain HTTP here needs none)
        env.remove("AWS_CA_BUNDLE");
        env.put("RCLONE_CONFIG_AIS_TYPE", "s3");
        env.put("RCLONE_CONFIG_AIS_PROVIDER", "Other");
        env.put("RCLONE_CONFIG_AIS_ENDPOINT", S3Node.baseUrl());
        env.put("RCLONE_CONFIG_AIS_ACCESS_KEY_ID", S3Node.ACCESS_KEY);
        env.put("RCLONE_CONFIG_AIS_SECRET_ACCESS_KEY", S3Node.SECRET_KEY);
        env.put("RCLONE_CONFIG_AIS_REGION", "us-east-1");
        env.put("RCLONE_CONFIG_AIS_FORCE_PATH_STYLE", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("rclone " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), out);
    }

    static boolean rcloneInstalled() {
        try {
            Process p = new ProcessBuilder("rclone", "version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void copyListAndPurge() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(rcloneInstalled())
                    .as("rclone on the PATH (installed by .ci/run)")
                    .isTrue();
        }
        assumeTrue(rcloneInstalled(), "rclone not installed");
        Files.writeString(dir.resolve("none.conf"), ""); // the remote is configured by environment only
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(dir.resolve("src/a.txt"), "alpha\n");
        Files.writeString(src.resolve("b.txt"), "beta\n");
        String b = S3Node.bucketName("rclone");

        Run mk = rclone("mkdir", "ais:" + b);
        assertThat(mk.exit()).as(mk.out()).isZero();
        Run copy = rclone("copy", dir.resolve("src").toString(), "ais:" + b + "/data");
        assertThat(copy.exit()).as(copy.out()).isZero();
        Run ls = rclone("ls", "ais:" + b);
        assertThat(ls.exit()).as(ls.out()).isZero();
        assertThat(ls.out()).contains("data/a.txt").contains("data/sub/b.txt");
        Run cat = rclone("cat", "ais:" + b + "/data/sub/b.txt");
        assertThat(cat.out()).isEqualTo("beta\n");

        Run purge = rclone("purge", "ais:" + b);
        assertThat(purge.exit()).as(purge.out()).isZero();
        assertThat(S3Node.ais().headBucket(b).status()).isEqualTo(404);
    }
}
