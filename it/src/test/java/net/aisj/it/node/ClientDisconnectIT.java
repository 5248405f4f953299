package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Mountpaths;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import net.aisj.it.support.Xxh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client that declares 10 MiB, sends 1 MiB and goes away: no object, no leftover temp file, no stuck name. */
class ClientDisconnectIT {

    static final int DECLARED = 10 << 20;
    static final int SENT = 1 << 20;
    static NodeProcess node;
    static AisClient ais;
    static String b;

    @BeforeAll
    static void setUp() {
        node = SharedNode.get();
        ais = SharedNode.client();
        b = ItEnv.bucketName("disc");
        ais.createBucket(b).expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    @Test
    void closeMidUpload() throws Exception {
        abortMidUpload(false);
    }

    @Test
    void resetMidUpload() throws Exception {
        abortMidUpload(true);
    }

    private void abortMidUpload(boolean reset) throws Exception {
        String o = "disconnect/" + (reset ? "rst-" : "fin-") + ItEnv.randomHex(4);
        byte[] chunk = PseudoRandomInputStream.bytes(System.nanoTime(), SENT);
        byte[] marker = java.util.Arrays.copyOf(chunk, 64);
        List<Path> mps = node.mountpaths();

        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
            OutputStream out = s.getOutputStream();
            String head = "PUT " + AisClient.objPath(b, o) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + node.port() + "\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "Content-Length: " + DECLARED + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.flush();
            // while the connection is open the node waits for the other 9 MiB: its work file must be there now,
            // otherwise the clean-up checks below would prove nothing
            Poll.until(
                    Duration.ofSeconds(30),
                    "a work (%wk) file holding the first bytes of the open upload",
                    () -> Mountpaths.workFiles(mps).stream().anyMatch(p -> Mountpaths.startsWith(p, marker)),
                    () -> "work files:" + Mountpaths.describe(Mountpaths.workFiles(mps)));
            Resp during = ais.head(b, o);
            assertThat(during.status())
                    .as("an object is invisible while its upload is open: %s", during)
                    .isEqualTo(404);
            if (reset) {
                s.setSoLinger(true, 0); // close() sends RST
            } else {
                s.shutdownOutput(); // FIN: the body ends 9 MiB early
            }
        }

        Poll.until(
                Duration.ofSeconds(60),
                "no object " + o + " and no file holding its bytes under the mountpaths",
                () -> Mountpaths.files(mps).stream().noneMatch(p -> Mountpaths.startsWith(p, marker))
                        && ais.head(b, o).status() == 404,
                () -> "HEAD " + ais.head(b, o).status() + "; files starting with the upload's bytes:"
                        + Mountpaths.describe(Mountpaths.files(mps).stream()
                                .filter(p -> Mountpaths.startsWith(p, marker))
                                .toList()));
        Poll.holdsFor(
                Duration.ofSeconds(3),
                "the aborted upload stays invisible and leaves no file",
                () -> ais.head(b, o).status() == 404
                        && Mountpaths.files(mps).stream().noneMatch(p -> Mountpaths.startsWith(p, marker)),
                () -> "HEAD " + ais.head(b, o).status() + "; work files:"
                        + Mountpaths.describe(Mountpaths.workFiles(mps)));

        Resp get = ais.get(b, o);
        assertThat(get.status()).as("%s", get).isEqualTo(404);
        assertThat(ais.listNames(b, "disconnect/")).doesNotContain(o);

        // the node is fine and the name is not stuck (e.g. by a lock left behind)
        ais.health().expect(200);
        byte[] d = PseudoRandomInputStream.bytes(99, 4096);
        Resp put = ais.put(b, o, d).expect(200);
        assertThat(put.header("Ais-Version"))
                .as("the aborted upload did not count as a version")
                .isEqualTo("1");
        Resp again = ais.get(b, o).expect(200);
        assertThat(again.body()).isEqualTo(d);
        assertThat(again.header("Ais-Checksum-Value")).isEqualTo(Xxh.hex(d));
    }
}
