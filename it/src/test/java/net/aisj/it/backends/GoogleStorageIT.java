package net.aisj.it.backends;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import net.aisj.it.support.GcsEmulator;
import net.aisj.it.support.ItEnv;

/**
 * The cache tier on Google Cloud Storage ({@code gs://}) against firebase-tools' storage emulator. The emulator has no
 * bucket create: every bucket name exists (empty) until objects are written to it.
 */
class GoogleStorageIT extends CacheTierContract {

    private static final RemoteStore EMULATOR = new RemoteStore() {

        private Storage client() {
            return GcsEmulator.shared().client();
        }

        @Override
        public String provider() {
            return "gs";
        }

        @Override
        public String newBucket(String tag) {
            return "it-" + tag + "-" + ItEnv.randomHex(4);
        }

        @Override
        public void put(String bucket, String name, byte[] content) {
            client().create(BlobInfo.newBuilder(BlobId.of(bucket, name)).build(), content);
        }

        @Override
        public byte[] read(String bucket, String name) {
            return client().get(BlobId.of(bucket, name)) == null
                    ? null
                    : client().readAllBytes(BlobId.of(bucket, name));
        }

        @Override
        public long gets(String bucket, String name) {
            return GcsEmulator.shared().gets(bucket, name);
        }

        @Override
        public String extraGroup() {
            return "gcp";
        }

        @Override
        public String endpoint() {
            return GcsEmulator.shared().endpoint();
        }

        @Override
        public boolean keepsDataAcrossRestart() {
            return false;
        }

        @Override
        public void kill() {
            GcsEmulator.shared().kill();
        }

        @Override
        public void start() {
            GcsEmulator.shared().start();
        }
    };

    @Override
    RemoteStore store() {
        return EMULATOR;
    }
}
