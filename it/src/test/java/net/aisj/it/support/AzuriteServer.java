package net.aisj.it.support;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azurite 3.37.0 (npm; blob service only) as the Azure Blob Storage of the {@code azure://} tests: one process per
 * test JVM on a free loopback port, blobs on disk under the work dir, always with {@code --disableTelemetry} (without
 * it Azurite calls out to Azure's metadata service). It logs every request it serves (not {@code --silent}); the
 * tests count remote reads in that log. It can be killed and started again on the same port with the same data.
 */
public final class AzuriteServer implements AutoCloseable {

    /** Azurite's well-known development account. */
    public static final String ACCOUNT = "devstoreaccount1";

    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Pattern REQUEST =
            Pattern.compile("\"(GET|HEAD|PUT|DELETE) /" + ACCOUNT + "/([^/?\" ]+)/([^?\" ]+)(\\?[^\" ]*)? HTTP/");

    private static final SharedFixture<AzuriteServer> SHARED = new SharedFixture<>(
            "azurite",
            () -> SharedFixture.startOrClose(
                    new AzuriteServer(ItEnv.workDir().resolve("azurite-" + ItEnv.randomHex(3)), Ports.freePort()),
                    AzuriteServer::start));

    private final Path dir;
    private final int port;
    private Process process;

    private AzuriteServer(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
    }

    /** The test JVM's Azurite, started on first use. */
    public static AzuriteServer shared() {
        return SHARED.get();
    }

    /** Starts (again) on the same port with the same data; returns once it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path modules = NpmServers.modules("azurite");
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("tmp"));
            ProcessBuilder pb = new ProcessBuilder(
                            NpmServers.node(),
                            modules.resolve("azurite/dist/src/blob/main.js").toString(),
                            "--blobHost",
                            "127.0.0.1",
                            "--blobPort",
                            Integer.toString(port),
                            "--location",
                            dir.resolve("data").toString(),
                            "--disableTelemetry")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            pb.environment().put("TMPDIR", dir.resolve("tmp").toString());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BlobServiceClient c = client();
        Poll.until(Duration.ofSeconds(60), "azurite on port " + port + " answers", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("azurite exited: " + ServerProcesses.tail(log(), 30));
            }
            try {
                c.listBlobContainers().iterator().hasNext();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
        System.out.println("[it] azurite on port " + port + " (pid " + process.pid() + ")");
    }

    /**
     * Returns once Azurite has saved the blob's metadata to disk (it saves its database every few seconds, so a
     * SIGKILL right after an upload would lose the blob).
     */
    public void awaitSaved(String container, String blob) {
        String needle = "\"containerName\":\"" + container + "\",\"name\":\"" + blob + "\"";
        Path db = dir.resolve("data/__azurite_db_blob__.json");
        Poll.until(Duration.ofSeconds(60), "azurite saved " + container + "/" + blob, () -> {
            try {
                return Files.exists(db)
                        && Files.readString(db, StandardCharsets.UTF_8).contains(needle);
            } catch (IOException e) {
                return false;
            }
        });
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

    /** The blob endpoint, account included (Azurite's path-style URLs). */
    public String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    /** What a node needs to reach it (AIS's environment names). */
    public Map<String, String> nodeEnv() {
        return Map.of("AZURE_STORAGE_ACCOUNT", ACCOUNT, "AZURE_STORAGE_KEY", KEY, "AIS_AZURE_URL", endpoint());
    }

    /** A direct client. */
    public BlobServiceClient client() {
        return new BlobServiceClientBuilder()
                .connectionString("DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                        + ";BlobEndpoint=" + endpoint() + ";")
                .buildClient();
    }

    /** How many GET requests for {@code container/blob} Azurite has logged so far (all launches). */
    public long gets(String container, String blob) {
        long n = 0;
        try {
            for (String line : Files.readAllLines(log(), StandardCharsets.UTF_8)) {
                Matcher m = REQUEST.matcher(line);
                if (m.find()
                        && m.group(1).equals("GET")
                        && m.group(2).equals(container)
                        && java.net.URLDecoder.decode(m.group(3), StandardCharsets.UTF_8)
                                .equals(blob)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private Path log() {
        return dir.resolve("azurite.log");
    }

    @Override
    public synchronized void close() {
        ServerProcesses.stop(process);
    }
}
