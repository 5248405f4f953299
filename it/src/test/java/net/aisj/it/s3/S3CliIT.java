package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.aisj.it.support.AwsCli;
import net.aisj.it.support.AwsCli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI against the node (skipped when {@code aws} is not on the PATH): make bucket, small and multipart
 * uploads, listings, download, sync, recursive delete (DeleteObjects), remove bucket.
 */
class S3CliIT {

    @TempDir
    Path dir;

    Run aws(String... args) throws IOException, InterruptedException {
        return new AwsCli(dir, S3Node.baseUrl(), S3Node.ACCESS_KEY, S3Node.SECRET_KEY).run(args);
    }

    @Test
    void cliRoundTrip() throws Exception {
        // .ci/run installs the CLI: in CI a missing one is a failure, not a skip
        if ("true".equals(System.getenv("CI"))) {
            assertThat(AwsCli.installed())
                    .as("aws CLI on the PATH (installed by .ci/run)")
                    .isTrue();
        }
        assumeTrue(AwsCli.installed(), "aws CLI not installed");
        Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n");
        byte[] big = new byte[100 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("small.txt"), "hello\n");
        String b = "s3://" + S3Node.bucketName("cli");

        Run mb = aws("s3", "mb", b);
        assertThat(mb.exit()).as(mb.out()).isZero();
        assertThat(aws("s3", "cp", "small.txt", b + "/dir/small.txt").exit()).isZero();
        assertThat(aws("s3", "cp", "big.bin", b + "/big.bin").exit()).isZero();
        Run ls = aws("s3", "ls", "--recursive", b + "/");
        assertThat(ls.out()).contains("big.bin").contains("dir/small.txt");
        assertThat(aws("s3", "ls", b + "/").out()).contains("PRE dir/");
        assertThat(aws("s3", "cp", b + "/big.bin", "big.out").exit()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("big.out"))).isEqualTo(big);
        Run head = aws("s3api", "head-object", "--bucket", b.substring(5), "--key", "big.bin");
        assertThat(head.out()).contains("\"ContentLength\": " + big.length).containsPattern("-\\d+\\\\\"\"");
        Run copy = aws(
                "s3api",
                "copy-object",
                "--bucket",
                b.substring(5),
                "--key",
                "copies/small.txt",
                "--copy-source",
                b.substring(5) + "/dir/small.txt");
        assertThat(copy.exit()).as(copy.out()).isZero();
        assertThat(copy.out()).contains("\"ETag\"");
        assertThat(aws("s3", "cp", b + "/copies/small.txt", "copy.out").exit()).isZero();
        assertThat(Files.readString(dir.resolve("copy.out"))).isEqualTo("hello\n");
        assertThat(aws(
                                "s3",
                                "sync",
                                ".",
                                b + "/sync/",
                                "--exclude",
                                "config",
                                "--exclude",
                                "*.bin",
                                "--exclude",
                                "*.out")
                        .exit())
                .isZero();
        assertThat(aws("s3", "ls", "--recursive", b + "/sync/").out()).contains("sync/small.txt");
        // bucket CORS as the README shows it
        Files.writeString(
                dir.resolve("cors.json"),
                "{\"CORSRules\":[{\"AllowedOrigins\":[\"https://app.example.com\"],\"AllowedMethods\":[\"GET\",\"PUT\"],"
                        + "\"AllowedHeaders\":[\"*\"],\"ExposeHeaders\":[\"ETag\"],\"MaxAgeSeconds\":600}]}");
        Run putCors = aws(
                "s3api",
                "put-bucket-cors",
                "--bucket",
                b.substring(5),
                "--cors-configuration",
                "file://" + dir.resolve("cors.json"));
        assertThat(putCors.exit()).as(putCors.out()).isZero();
        Run getCors = aws("s3api", "get-bucket-cors", "--bucket", b.substring(5));
        assertThat(getCors.exit()).as(getCors.out()).isZero();
        assertThat(getCors.out()).contains("https://app.example.com").contains("\"MaxAgeSeconds\": 600");
        assertThat(S3CorsIT.preflight(
                                S3Node.baseUrl(),
                                "/" + b.substring(5) + "/big.bin",
                                "https://app.example.com",
                                "PUT",
                                null)
                        .statusCode())
                .isEqualTo(200);
        Run rm = aws("s3", "rm", "--recursive", b + "/");
        assertThat(rm.exit()).as(rm.out()).isZero();
        Run rb = aws("s3", "rb", b);
        assertThat(rb.exit()).as(rb.out()).isZero();
    }
}
