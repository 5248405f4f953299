package net.aisj.it.backends;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import java.nio.charset.StandardCharsets;
import net.aisj.it.support.AisCliProcess;
import net.aisj.it.support.AisCliProcess.Run;
import net.aisj.it.support.AzuriteServer;
import net.aisj.it.support.ItEnv;
import org.junit.jupiter.api.Test;

/** The cache tier on Azure Blob Storage ({@code az://}) against Azurite. */
class AzureBlobIT extends CacheTierContract {

    private static final RemoteStore AZURITE = new RemoteStore() {

        private BlobServiceClient client() {
            return AzuriteServer.shared().client();
        }

        @Override
        public String provider() {
            return "az";
        }

        @Override
        public String newBucket(String tag) {
            String b = "it-" + tag + "-" + ItEnv.randomHex(4);
            client().createBlobContainer(b);
            return b;
        }

        @Override
        public void put(String bucket, String name, byte[] content) {
            client().getBlobContainerClient(bucket).getBlobClient(name).upload(BinaryData.fromBytes(content), true);
        }

        @Override
        public byte[] read(String bucket, String name) {
            try {
                return client().getBlobContainerClient(bucket)
                        .getBlobClient(name)
                        .downloadContent()
                        .toBytes();
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    return null;
                }
                throw e;
            }
        }

        @Override
        public long gets(String bucket, String name) {
            return AzuriteServer.shared().gets(bucket, name);
        }

        @Override
        public String extraGroup() {
            return "azure";
        }

        @Override
        public String endpoint() {
            return AzuriteServer.shared().endpoint();
        }

        @Override
        public void awaitDurable(String bucket, String name) {
            AzuriteServer.shared().awaitSaved(bucket, name);
        }

        @Override
        public void kill() {
            AzuriteServer.shared().kill();
        }

        @Override
        public void start() {
            AzuriteServer.shared().start();
        }
    };

    @Override
    RemoteStore store() {
        return AZURITE;
    }

    /** AIS's CLI verbs over a remote bucket: {@code ais prefetch} (template, list) and {@code ais evict}, waited for. */
    @Test
    void cliPrefetchesAndEvicts() {
        String b = AZURITE.newBucket("clipf");
        for (int i = 0; i < 6; i++) {
            AZURITE.put(b, "c-" + i, ("cli " + i).getBytes(StandardCharsets.UTF_8));
        }
        String url = ProvidersNode.url();
        Run pf = AisCliProcess.ok(url, "prefetch", "az://" + b, "--template", "c-{0..3}", "--wait");
        assertThat(pf.out()).contains("prefetch-listrange[").contains("] done");
        assertThat(names(list(b, 1, 100))).containsExactlyInAnyOrder("c-0", "c-1", "c-2", "c-3");
        AisCliProcess.ok(url, "prefetch", "az://" + b, "--list", "c-5", "--wait");
        assertThat(names(list(b, 1, 100))).contains("c-5").doesNotContain("c-4");
        AisCliProcess.ok(url, "evict", "az://" + b + "/c-", "--wait");
        assertThat(list(b, 1, 100)).isEmpty();
        assertThat(AZURITE.read(b, "c-2")).as("evict keeps the remote copy").isNotNull();
        Run bad = AisCliProcess.run(
                java.util.Map.of("AIS_ENDPOINT", url), "prefetch", "az://" + b, "--list", "c-1", "--prefix", "c");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("give one of");
    }
}
