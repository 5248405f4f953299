package net.aisj.it.backends;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import net.aisj.it.support.AzuriteServer;
import net.aisj.it.support.ItEnv;

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
}
