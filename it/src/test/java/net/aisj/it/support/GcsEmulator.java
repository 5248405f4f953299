package net.aisj.it.support;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Cloud Storage emulator of firebase-tools 15.34.2 (npm) as the Google Cloud Storage of the {@code gs://} tests,
 * started through the project's launcher ({@code src/test/resources/gcs/gcs-emulator.js}: the firebase CLI itself
 * needs Java 21 and a download): one process per test JVM on a free loopback port. The launcher logs every request
 * line; the tests count remote reads there. The emulator keeps objects in memory only: started again after a kill,
 * it is empty. It has no bucket create: a bucket exists once an object is written to it.
 */
public final class GcsEmulator extends LaunchedServer {

    public static final String PROJECT = "demo-test";

    private static final Pattern MEDIA_GET =
            Pattern.compile("^request: GET /(?:download/)?storage/v1/b/([^/?]+)/o/([^?]+)\\?(?:.*&)?alt=media");

    private static final SharedFixture<GcsEmulator> SHARED = new SharedFixture<>(
            "gcs emulator",
            () -> SharedFixture.startOrClose(
                    new GcsEmulator(ItEnv.workDir().resolve("gcs-" + ItEnv.randomHex(3)), Ports.freePort()),
                    GcsEmulator::start));

    private GcsEmulator(Path dir, int port) {
        super("gcs-emulator", dir, port);
    }

    /** The test JVM's emulator, started on first use. */
    public static GcsEmulator shared() {
        return SHARED.get();
    }

    /** Started (again) on the same port, it is empty. */
    @Override
    protected ProcessBuilder command() throws IOException {
        Path launcher = dir.resolve("gcs-emulator.js");
        try (InputStream in = GcsEmulator.class.getResourceAsStream("/gcs/gcs-emulator.js")) {
            if (in == null) {
                throw new IllegalStateException("gcs/gcs-emulator.js is not on the test class path");
            }
            Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb =
                new ProcessBuilder(NpmServers.node(), launcher.toString(), Integer.toString(port), "127.0.0.1");
        pb.environment().put("NODE_PATH", NpmServers.modules("firebase-tools").toString());
        return pb;
    }

    @Override
    protected void probe() {
        client().list("probe", Storage.BlobListOption.pageSize(1));
    }

    public String endpoint() {
        return hostUrl();
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
        return logged(MEDIA_GET, m -> m.group(1) + "/" + decoded(m.group(2))).getOrDefault(bucket + "/" + name, 0L);
    }
}
