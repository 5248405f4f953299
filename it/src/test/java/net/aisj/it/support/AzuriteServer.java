package net.aisj.it.support;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Azurite 3.37.0 (npm; blob service only) as the Azure Blob Storage of the {@code azure://} tests: one process per
 * test JVM on a free loopback port, blobs on disk under the work dir, always with {@code --disableTelemetry} (without
 * it Azurite calls out to Azure's metadata service). It logs every request it serves (not {@code --silent}); the
 * tests count remote reads in that log. It can be killed and started again on the same port with the same data.
 */
public final class AzuriteServer extends LaunchedServer {

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

    private AzuriteServer(Path dir, int port) {
        super("azurite", dir, port);
    }

    /** The test JVM's Azurite, started on first use. */
    public static AzuriteServer shared() {
        return SHARED.get();
    }

    @Override
    protected ProcessBuilder command() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        return new ProcessBuilder(
                NpmServers.node(),
                NpmServers.modules("azurite")
                        .resolve("azurite/dist/src/blob/main.js")
                        .toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                Integer.toString(port),
                "--location",
                dir.resolve("data").toString(),
                "--disableTelemetry");
    }

    @Override
    protected void probe() {
        client().listBlobContainers().iterator().hasNext();
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

    /** The blob endpoint, account included (Azurite's path-style URLs). */
    public String endpoint() {
        return hostUrl() + "/" + ACCOUNT;
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
        return logged(REQUEST, m -> m.group(1).equals("GET") ? m.group(2) + "/" + decoded(m.group(3)) : null)
                .getOrDefault(container + "/" + blob, 0L);
    }
}
