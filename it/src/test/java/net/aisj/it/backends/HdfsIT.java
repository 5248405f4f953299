package net.aisj.it.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.HdfsServer;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Resp;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/** The cache tier on HDFS ({@code hdfs://}, WebHDFS) against a MiniDFSCluster in the test JVM. */
class HdfsIT extends CacheTierContract {

    private static final RemoteStore HDFS = new RemoteStore() {

        private FileSystem fs() {
            return HdfsServer.shared().fs();
        }

        private org.apache.hadoop.fs.Path path(String bucket, String name) {
            return new org.apache.hadoop.fs.Path(HdfsServer.ROOT + "/" + bucket + "/" + name);
        }

        @Override
        public String provider() {
            return "hdfs";
        }

        @Override
        public String newBucket(String tag) {
            String b = "it-" + tag + "-" + ItEnv.randomHex(4);
            try {
                fs().mkdirs(new org.apache.hadoop.fs.Path(HdfsServer.ROOT + "/" + b));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return b;
        }

        @Override
        public void put(String bucket, String name, byte[] content) {
            try (OutputStream out = fs().create(path(bucket, name), true)) {
                out.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] read(String bucket, String name) {
            try {
                if (!fs().exists(path(bucket, name))) {
                    return null;
                }
                try (InputStream in = fs().open(path(bucket, name))) {
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long gets(String bucket, String name) {
            return HdfsServer.shared().opens(bucket, name);
        }

        @Override
        public String extraGroup() {
            return "hdfs";
        }

        @Override
        public String endpointKey() {
            return "url";
        }

        @Override
        public String endpoint() {
            return HdfsServer.shared().endpoint();
        }

        @Override
        public void kill() {
            HdfsServer.shared().kill();
        }

        @Override
        public void start() {
            HdfsServer.shared().restart();
        }
    };

    @Override
    RemoteStore store() {
        return HDFS;
    }

    /** A file's {@code user.*} extended attributes are the object's custom metadata in AIS. */
    @Test
    void extendedAttributesAreTheObjectsCustomMetadata() throws IOException {
        String b = HDFS.newBucket("xattr");
        HDFS.put(b, "tagged", "t".getBytes(StandardCharsets.UTF_8));
        HdfsServer.shared()
                .fs()
                .setXAttr(
                        new org.apache.hadoop.fs.Path(HdfsServer.ROOT + "/" + b + "/tagged"),
                        "user.origin",
                        "camera-7 ü".getBytes(StandardCharsets.UTF_8));
        String obj = AisClient.objPath(b, "tagged") + "?provider=hdfs";
        node().send("GET", obj).expect(200);
        Resp head = node().send("HEAD", obj).expect(200);
        assertThat(head.headers("Ais-Custom-Md")).as(head.toString()).contains("origin=camera-7 ü");
    }
}
