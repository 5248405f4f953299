package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.aisj.it.s3.S3Node;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Ports;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The data-plane listener against the servlet listener of the same node: the same calls on both ports must answer
 * alike (status, the headers that matter, body, error documents), whichever path serves them (object calls are the
 * data plane's own, everything else is handed to the servlet container). Also: the cluster map publishes the data
 * plane's URL, {@code Expect: 100-continue} PUTs, one keep-alive connection carrying object and control calls, the
 * request metrics counting data-plane calls, and S3 SDK calls (SigV4) on both ports.
 */
class DataPlaneIT {

    /** Headers a listener sets by itself (its name, the time, the connection's fate), not the call's answer. */
    static final Set<String> LISTENER_HEADERS =
            Set.of("ais-atime", "date", "server", "x-powered-by", "connection", "keep-alive", ":status");

    static NodeProcess node;
    static AisClient plane;
    static AisClient servlet;
    static String b;
    static byte[] data;

    @BeforeAll
    static void setUp() {
        node = NodeProcess.start(
                "dataplane",
                1,
                "-Xmx256m",
                "-Dais.dataplane.enabled=true",
                // two listeners, to compare them: the data plane on its own port, Payara's on the node's
                "-Dais.dataplane.port=" + Ports.freePort(),
                "-Dais.s3.credentials=" + S3Node.ACCESS_KEY + ":" + S3Node.SECRET_KEY);
        plane = new AisClient(node.baseUrl());
        servlet = new AisClient(node.servletUrl());
        assertThat(node.baseUrl()).isNotEqualTo(node.servletUrl());
        b = ItEnv.bucketName("dplane");
        plane.createBucket(b).expect(200);
        data = PseudoRandomInputStream.bytes(21, 700_000); // > one 64 KiB chunk: the answer streams
        plane.put(b, "d/obj.bin", data).expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void clusterMapPublishesTheDataPlane() {
        var smap = plane.daemon("smap").expect(200).json();
        var self = smap.getJsonObject("tmap").values().iterator().next().asJsonObject();
        var pub = self.getJsonObject("public_net");
        assertThat(JsonUtil.str(pub, "direct_url")).isEqualTo(node.baseUrl());
        assertThat(JsonUtil.str(pub, "daemon_port")).isEqualTo(Integer.toString(node.port()));
    }

    @Test
    void getWholeRangesAndErrorsAnswerAlike() {
        for (Map<String, String> h : List.of(
                Map.<String, String>of(),
                Map.of("Range", "bytes=1000-1999"),
                Map.of("Range", "bytes=-10"),
                Map.of("Range", "bytes=100-650000"),
                Map.of("Range", "bytes=800000-"),
                Map.of("Range", "bytes=zz"))) {
            assertAlike(plane.get(b, "d/obj.bin", h), servlet.get(b, "d/obj.bin", h));
        }
        assertThat(plane.get(b, "d/obj.bin").expect(200).body()).isEqualTo(data);
        assertThat(plane.send("GET", AisClient.objPath(b, "d/obj.bin") + "?validate-checksum=true")
                        .expect(200)
                        .body())
                .isEqualTo(data);
        assertAlike(plane.head(b, "d/obj.bin").expect(200), servlet.head(b, "d/obj.bin"));
        assertAlike(plane.get(b, "d/missing").expect(404), servlet.get(b, "d/missing"));
        assertAlike(plane.head(b, "d/missing").expect(404), servlet.head(b, "d/missing"));
        String nob = AisClient.objPath(ItEnv.bucketName("nosuch"), "x");
        assertAlike(plane.send("GET", nob).expect(404), servlet.send("GET", nob));
    }

    @Test
    void putAnswersAlikeAndBadInputGetsTheSameErrors() {
        byte[] small = PseudoRandomInputStream.bytes(22, 5000);
        Resp p = plane.put(b, "p/1", small).expect(200);
        Resp s = servlet.put(b, "p/2", small).expect(200);
        assertThat(p.header("Ais-Checksum-Value")).isEqualTo(s.header("Ais-Checksum-Value"));
        assertThat(servlet.get(b, "p/1").body()).isEqualTo(small);
        // a wrong client checksum: 400, the same message, nothing stored
        Map<String, String> wrong = Map.of("Ais-Checksum-Type", "xxhash2", "Ais-Checksum-Value", "0123456789abcdef");
        Resp pw = plane.put(b, "p/bad", small, wrong).expect(400);
        Resp sw = servlet.put(b, "p/bad", small, wrong).expect(400);
        assertThat(comparable(pw)).isEqualTo(comparable(sw));
        assertThat(pw.json().getString("message")).isEqualTo(sw.json().getString("message"));
        plane.head(b, "p/bad").expect(404);
        // path tricks in the name
        String trick = AisClient.bckPath(b).replace("/buckets/", "/objects/") + "/x%2F..%2F..%2Fetc";
        Resp tp = plane.send("PUT", trick, Map.of(), BodyPublishers.ofByteArray(small), AisClient.DEFAULT_TIMEOUT);
        Resp ts = servlet.send("PUT", trick, Map.of(), BodyPublishers.ofByteArray(small), AisClient.DEFAULT_TIMEOUT);
        assertThat(tp.status()).isEqualTo(400);
        assertAlike(tp, ts);
        // a large body, streamed in many socket reads
        byte[] big = PseudoRandomInputStream.bytes(23, 3_000_000);
        plane.put(b, "p/big", big).expect(200);
        assertThat(servlet.get(b, "p/big").expect(200).body()).isEqualTo(big);
    }

    @Test
    void expectContinuePutIsAnswered() throws Exception {
        byte[] body = PseudoRandomInputStream.bytes(24, 200_000);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest r = HttpRequest.newBuilder(URI.create(node.baseUrl() + AisClient.objPath(b, "c/1")))
                .expectContinue(true)
                .PUT(BodyPublishers.ofByteArray(body))
                .build();
        assertThat(http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
        assertThat(servlet.get(b, "c/1").expect(200).body()).isEqualTo(body);
    }

    @Test
    void controlCallsAndTheConsoleAreHandedOffUnchanged() {
        assertAlike(plane.listBuckets().expect(200), servlet.listBuckets().expect(200));
        assertAlike(plane.headBucket(b).expect(200), servlet.headBucket(b).expect(200));
        assertThat(plane.listNames(b, "d/")).isEqualTo(servlet.listNames(b, "d/"));
        assertAlike(plane.send("GET", "/console/").expect(200), servlet.send("GET", "/console/"));
        // an object call the data plane leaves to JAX-RS (a query it does not serve) answers alike too
        assertAlike(
                plane.send("GET", AisClient.objPath(b, "d/obj.bin") + "?archpath=x"),
                servlet.send("GET", AisClient.objPath(b, "d/obj.bin") + "?archpath=x"));
    }

    /**
     * Java's {@code HttpClient} offers HTTP/2 ({@code Upgrade: h2c}) on a connection's first request: the data plane
     * declines (answers in HTTP/1.1) for calls it hands off as for its own, and the connection keeps serving.
     */
    @Test
    void anHttp2UpgradeOfferIsDeclined() throws Exception {
        HttpClient h2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .build();
        String obj = AisClient.objPath(b, "d/obj.bin");
        for (String path : List.of("/v1/daemon?what=smap", obj + "?archpath=x", obj, "/v1/health")) {
            HttpResponse<byte[]> r = h2.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                            .timeout(java.time.Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Resp s = servlet.send("GET", path);
            assertThat(r.version()).as(path).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.statusCode()).as(path).isEqualTo(s.status());
            if (path.equals(obj)) {
                assertThat(r.body()).isEqualTo(data);
            }
        }
    }

    @Test
    void oneKeepAliveConnectionCarriesObjectAndControlCalls() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String host = "127.0.0.1:" + node.port();
            String obj = AisClient.objPath(b, "d/obj.bin");
            List<String> lines = new ArrayList<>();
            for (String req : List.of(
                    "HEAD " + obj + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
                    "GET /v1/health HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
                    "GET " + obj + " HTTP/1.1\r\nHost: " + host + "\r\nRange: bytes=0-9\r\n\r\n",
                    "GET /v1/daemon?what=smap HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
                    "GET " + obj + " HTTP/1.1\r\nHost: " + host + "\r\nRange: bytes=10-19\r\n\r\n")) {
                out.write(req.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                lines.add(readResponse(in, req.startsWith("HEAD")));
            }
            assertThat(lines).containsExactly("200", "200", "206", "200", "206");
        }
    }

    @Test
    void dataPlaneCallsAreCounted() {
        long before = getCount();
        for (int i = 0; i < 5; i++) {
            plane.get(b, "d/obj.bin", Map.of("Range", "bytes=0-0")).expect(206);
        }
        assertThat(getCount()).isGreaterThanOrEqualTo(before + 5);
    }

    @Test
    void s3ObjectCallsAnswerAlikeOnBothPorts() {
        try (S3Client p = S3Node.client(S3Node.ACCESS_KEY, S3Node.SECRET_KEY, node.baseUrl());
                S3Client s = S3Node.client(S3Node.ACCESS_KEY, S3Node.SECRET_KEY, node.servletUrl());
                S3Client wrongKey = S3Node.client(S3Node.ACCESS_KEY, "not-the-secret", node.baseUrl())) {
            byte[] body = PseudoRandomInputStream.bytes(25, 300_000);
            p.putObject(r -> r.bucket(b).key("s3/one"), RequestBody.fromBytes(body)); // aws-chunked, signed
            ResponseBytes<GetObjectResponse> gp =
                    p.getObjectAsBytes(r -> r.bucket(b).key("s3/one"));
            ResponseBytes<GetObjectResponse> gs =
                    s.getObjectAsBytes(r -> r.bucket(b).key("s3/one"));
            assertThat(gp.asByteArray()).isEqualTo(body).isEqualTo(gs.asByteArray());
            assertThat(gp.response().eTag()).isEqualTo(gs.response().eTag());
            ResponseBytes<GetObjectResponse> rp =
                    p.getObjectAsBytes(r -> r.bucket(b).key("s3/one").range("bytes=5-104"));
            assertThat(rp.asByteArray()).hasSize(100);
            HeadObjectResponse hp = p.headObject(r -> r.bucket(b).key("s3/one"));
            HeadObjectResponse hs = s.headObject(r -> r.bucket(b).key("s3/one"));
            assertThat(hp.contentLength()).isEqualTo(hs.contentLength()).isEqualTo(body.length);
            assertThat(hp.eTag()).isEqualTo(hs.eTag());
            S3Exception missing = catchS3(() -> p.getObject(r -> r.bucket(b).key("s3/none")));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
            S3Exception badSig =
                    catchS3(() -> wrongKey.getObject(r -> r.bucket(b).key("s3/one")));
            assertThat(badSig.statusCode()).isEqualTo(403);
            assertThat(badSig.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            // a listing (handed off) sees the object
            assertThat(p.listObjectsV2(r -> r.bucket(b).prefix("s3/")).contents())
                    .extracting(o -> o.key())
                    .containsExactly("s3/one");
        }
    }

    private static S3Exception catchS3(Runnable r) {
        try {
            r.run();
        } catch (S3Exception e) {
            return e;
        }
        throw new AssertionError("expected an S3 error");
    }

    private static long getCount() {
        long n = 0;
        for (String line : plane.send("GET", "/metrics").expect(200).text().split("\n")) {
            if (line.startsWith("ais_target_get_count")) {
                n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return n;
    }

    /** Reads one HTTP/1.1 response with a Content-Length (or none for HEAD); returns its status code. */
    private static String readResponse(InputStream in, boolean head) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after: " + sb);
            }
            sb.append((char) c);
        }
        String[] lines = sb.toString().split("\r\n");
        long length = 0;
        for (String l : lines) {
            if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(l.substring(15).trim());
            }
            assertThat(l.toLowerCase(Locale.ROOT)).doesNotStartWith("transfer-encoding");
        }
        if (!head) {
            in.readNBytes((int) length);
        }
        return lines[0].split(" ")[1];
    }

    static void assertAlike(Resp plane, Resp servlet) {
        assertThat(plane.status()).as("status: %s vs %s", plane, servlet).isEqualTo(servlet.status());
        assertThat(comparable(plane)).as("headers: %s vs %s", plane, servlet).isEqualTo(comparable(servlet));
        assertThat(plane.body()).as("body: %s vs %s", plane, servlet).isEqualTo(servlet.body());
    }

    static Map<String, List<String>> comparable(Resp r) {
        Map<String, List<String>> m = new TreeMap<>();
        r.allHeaders().forEach((k, v) -> {
            String n = k == null ? "" : k.toLowerCase(Locale.ROOT);
            if (!LISTENER_HEADERS.contains(n)) {
                m.put(n, v);
            }
        });
        return m;
    }
}
