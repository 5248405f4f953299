package net.aisj.it.support;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud Storage emulator of firebase-tools 15.34.2 (npm) as the Google Cloud Storage of the {@code gs://} tests,
 * started through the project's launcher ({@code src/test/resources/gcs/gcs-emulator.js}: the firebase CLI itself
 * needs Java 21 and a download): one process per test JVM on a free loopback port. The launcher logs every request
 * line; the tests count remote reads there. The emulator keeps objects in memory only: started again after a kill,
 * it is empty. It has no bucket create: a bucket exists once an object is written to it.
 */
public final class GcsEmulator implements AutoCloseable {

    public static final String PROJECT = "demo-test";

    private static final Pattern MEDIA_GET =
            Pattern.compile("^request: GET /(?:download/)?storage/v1/b/([^/?]+)/o/([^?]+)\\?(?:.*&)?alt=media");

    private static final SharedFixture<GcsEmulator> SHARED = new SharedFixture<>(
            "gcs emulator",
            () -> SharedFixture.startOrClose(
                    new GcsEmulator(ItEnv.workDir().resolve("gcs-" + ItEnv.randomHex(3)), Ports.freePort()),
                    GcsEmulator::start));

    private final Path dir;
    private final int port;
    private Process process;

    private GcsEmulator(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
    }

    /** The test JVM's emulator, started on first use. */
    public static GcsEmulator shared() {
        return SHARED.get();
    }

    /** Starts (again) on the same port, empty; returns once it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path modules = NpmServers.modules("firebase-tools");
        try {
            Files.createDirectories(dir.resolve("tmp"));
            Path launcher = dir.resolve("gcs-emulator.js");
            try (InputStream in = GcsEmulator.class.getResourceAsStream("/gcs/gcs-emulator.js")) {
                if (in == null) {
                    throw new IllegalStateException("gcs/gcs-emulator.js is not on the test class path");
                }
                Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder pb = new ProcessBuilder(
                            NpmServers.node(), launcher.toString(), Integer.toString(port), "127.0.0.1")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            pb.environment().put("TMPDIR", dir.resolve("tmp").toString());
            pb.environment().put("NODE_PATH", modules.toString());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Storage c = client();
        Poll.until(Duration.ofSeconds(60), "gcs emulator on port " + port + " answers", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("gcs emulator exited: " + ServerProcesses.tail(log(), 30));
            }
            try {
                c.list("probe", Storage.BlobListOption.pageSize(1));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
        System.out.println("[it] gcs emulator on port " + port + " (pid " + process.pid() + ")");
    }

    /** Kills the process (SIGKILL): the backend vanishes mid-call. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** What a node needs to reach it. */
    public Map<String, String> nodeEnv() {
        return Map.of("STORAGE_EMULATOR_HOST", endpoint(), "GOOGLE_CLOUD_PROJECT", PROJECT);
    }

    /** A direct client. */
    public Storage client() {
        return StorageOptions.http()
                .setHost(endpoint())
                .setProjectId(PROJECT)
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
    }

    /** How many content GETs ({@code alt=media}) of {@code bucket/name} the emulator has served (all launches). */
    public long gets(String bucket, String name) {
        long n = 0;
        try {
            for (String line : Files.readAllLines(log(), StandardCharsets.UTF_8)) {
                Matcher m = MEDIA_GET.matcher(line);
                if (m.find()
                        && m.group(1).equals(bucket)
                        && java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)
                                .equals(name)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private Path log() {
        return dir.resolve("gcs-emulator.log");
    }

    @Override
    public synchronized void close() {
        ServerProcesses.stop(process);
    }
}
