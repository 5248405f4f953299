package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import net.aisj.client.AisClientException;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Ports;
import net.aisj.it.support.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 2-node cluster with TLS on (node 1 with one URL, node 2 with two listeners) ({@code AIS_USE_HTTPS}, {@code AIS_SERVER_CRT}/{@code AIS_SERVER_KEY} from a CA made
 * at test time, {@code AIS_CLIENT_CA_TLS}): both listeners of each node speak TLS only, the cluster map and 307s
 * point to {@code https} URLs, the object path (PUT, GET, HEAD through a 307 to the owner), listing across nodes
 * (intra-cluster calls), S3 through the AWS SDK, curl and the Java client work with the CA, and a client without it
 * or in plain HTTP gets nothing.
 */
@Tag("cluster")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TlsIT {

    static TestCa ca;
    static NodeProcess n1;
    static NodeProcess n2;
    static HttpClient https;
    static String bucket;

    @BeforeAll
    static void setUp() throws Exception {
        ca = TestCa.create(ItEnv.workDir().resolve("tls-" + ItEnv.randomHex(3)));
        Map<String, String> env = Map.of(
                "AIS_USE_HTTPS", "true",
                "AIS_SERVER_CRT", ca.certPem().toString(),
                "AIS_SERVER_KEY", ca.keyPem().toString(),
                "AIS_CLIENT_CA_TLS", ca.caPem().toString());
        List<Integer> hz = LocalCluster.planHzPorts(2, java.util.Set.of());
        String name = "itc-tls-" + ItEnv.randomHex(4);
        // node 1 requires client certificates signed by the CA (AIS's client_auth_tls 4): the test clients, node 2's
        // intra-cluster calls and the harness present theirs
        Map<String, String> mutual = new java.util.HashMap<>(env);
        mutual.put("AIS_CLIENT_AUTH_TLS", "4");
        n1 = NodeProcess.prepare("tls1", 1, new NodeProcess.Membership(hz.get(0), hz, name), LocalCluster.JVM_ARGS)
                .withEnv(mutual)
                .withTls(ca.context());
        // node 2 runs two listeners (the data plane on a port of its own): Payara's listener is public, so it
        // speaks TLS too; node 1 serves one URL (Payara's listener is the internal loopback one)
        List<String> twoListeners = new ArrayList<>(List.of(LocalCluster.JVM_ARGS));
        twoListeners.add("-Dais.dataplane.port=" + Ports.freePort());
        n2 = NodeProcess.prepare(
                        "tls2", 1, new NodeProcess.Membership(hz.get(1), hz, name), twoListeners.toArray(String[]::new))
                .withEnv(env)
                .withTls(ca.context());
        n1.spawn();
        n2.spawn();
        n1.awaitReady();
        n2.awaitReady();
        https = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(ca.context())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Poll.until(
                Duration.ofSeconds(120),
                "both nodes in the cluster map",
                () -> JsonUtil.parseObject(call("GET", n1.baseUrl() + "/v1/daemon?what=smap", null)
                                        .body())
                                .getJsonObject("tmap")
                                .size()
                        == 2);
        bucket = ItEnv.bucketName("tls");
        assertThat(call("POST", n1.baseUrl() + "/v1/buckets/" + bucket, "{\"action\":\"create-bck\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void tearDown() {
        for (NodeProcess n : new NodeProcess[] {n1, n2}) {
            if (n != null) {
                n.close();
            }
        }
    }

    static HttpResponse<String> call(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && body.startsWith("{")) {
            b.header("Content-Type", "application/json");
        }
        return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theClusterMapPublishesHttpsUrlsAndTheConfigSaysSo() throws Exception {
        JsonObject smap = JsonUtil.parseObject(
                call("GET", n2.baseUrl() + "/v1/daemon?what=smap", null).body());
        for (String map : List.of("tmap", "pmap")) {
            smap.getJsonObject(map)
                    .values()
                    .forEach(n -> assertThat(
                                    n.asJsonObject().getJsonObject("public_net").getString("direct_url"))
                            .startsWith("https://127.0.0.1:"));
        }
        JsonObject conf = JsonUtil.parseObject(
                call("GET", n1.baseUrl() + "/v1/daemon?what=config", null).body());
        assertThat(conf.getJsonObject("net").getJsonObject("http").getBoolean("use_https"))
                .isTrue();
        // node 2's public servlet listener (Payara's, not the data plane) speaks TLS too
        assertThat(n2.servletUrl()).startsWith("https://");
        assertThat(call("GET", n2.servletUrl() + "/v1/health", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void putGetHeadFollowA307ToTheOwnerOverHttps() throws Exception {
        List<String> redirected = new ArrayList<>();
        for (int i = 0; redirected.size() < 2 && i < 40; i++) {
            String obj = "o/" + i;
            String url = n1.baseUrl() + "/v1/objects/" + bucket + "/" + obj;
            HttpResponse<String> r = call("PUT", url, "body-" + i);
            if (r.statusCode() == 307) {
                String loc = r.headers().firstValue("Location").orElseThrow();
                assertThat(loc).startsWith(n2.baseUrl() + "/v1/objects/" + bucket + "/" + obj);
                assertThat(call("PUT", loc, "body-" + i).statusCode()).isEqualTo(200);
                redirected.add(obj);
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        }
        assertThat(redirected).as("objects owned by node 2").hasSize(2);
        for (String obj : redirected) {
            String url = n1.baseUrl() + "/v1/objects/" + bucket + "/" + obj;
            HttpResponse<String> g = call("GET", url, null);
            assertThat(g.statusCode()).isEqualTo(307);
            String loc = g.headers().firstValue("Location").orElseThrow();
            assertThat(loc).startsWith("https://");
            HttpResponse<String> got = call("GET", loc, null);
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo("body-" + obj.substring(2));
            HttpResponse<String> head = call("HEAD", n2.baseUrl() + "/v1/objects/" + bucket + "/" + obj, null);
            assertThat(head.statusCode()).isEqualTo(200);
        }
        // a listing through node 1 holds node 2's objects: the listing's intra-cluster calls ran over TLS
        HttpResponse<String> list = call("GET", n1.baseUrl() + "/v1/buckets/" + bucket, "{\"action\":\"list\"}");
        assertThat(list.statusCode()).isEqualTo(200);
        for (String obj : redirected) {
            assertThat(list.body()).contains("\"" + obj + "\"");
        }
    }

    @Test
    void curlWithTheCaFollowsTheRedirect() throws Exception {
        Path f = ca.caPem().resolveSibling("curl-" + ItEnv.randomHex(3));
        Files.writeString(f, "from curl");
        for (int i = 0; i < 6; i++) {
            String url = n1.baseUrl() + "/v1/objects/" + bucket + "/curl/" + i;
            assertThat(curl(
                            "-sS",
                            "-L",
                            "--cacert",
                            ca.caPem().toString(),
                            "--cert",
                            ca.certPem().toString(),
                            "--key",
                            ca.keyPem().toString(),
                            "-X",
                            "PUT",
                            "--data-binary",
                            "@" + f,
                            "-o",
                            "/dev/null",
                            "-w",
                            "%{http_code} %{num_redirects}",
                            url))
                    .startsWith("200 ");
            assertThat(curl(
                            "-sS",
                            "-L",
                            "--cacert",
                            ca.caPem().toString(),
                            "--cert",
                            ca.certPem().toString(),
                            "--key",
                            ca.keyPem().toString(),
                            url))
                    .isEqualTo("from curl");
        }
        // without the CA, curl refuses the node's certificate
        assertThat(curlExit("-sS", "-o", "/dev/null", n1.baseUrl() + "/v1/health"))
                .isEqualTo(60);
    }

    @Test
    void s3ThroughTheAwsSdkOverHttps() {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(n2.baseUrl()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .httpClient(Apache5HttpClient.builder()
                        .tlsTrustManagersProvider(ca::trustManagers)
                        .build())
                .build()) {
            for (int i = 0; i < 4; i++) {
                String key = "s3/" + i;
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("s3-" + key));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String())
                        .isEqualTo("s3-" + key);
            }
        }
    }

    @Test
    void theJavaClientRoutesToOwnersWithTheCa() throws Exception {
        net.aisj.client.AisClient c = net.aisj.client.AisClient.builder()
                .endpoint(n1.baseUrl())
                .trustCa(ca.caPem())
                .clientCertificate(ca.clientKeyStore(), TestCa.STORE_PASSWORD.toCharArray()) // node 1 requires one
                .build();
        for (int i = 0; i < 6; i++) {
            byte[] data = ("java-" + i).getBytes(StandardCharsets.UTF_8);
            c.bucket(bucket).put("java/" + i, data);
            try (var in = c.bucket(bucket).get("java/" + i)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
        assertThat(c.retries()).isZero();
        // the CA file and trust store forms (no client certificate: an object node 2 owns, read through node 2)
        String onN2 = ownedByNode2("java-n2");
        for (net.aisj.client.AisClient.Builder b : List.of(
                net.aisj.client.AisClient.builder().trustCa(ca.caPem()),
                net.aisj.client.AisClient.builder().trustStore(ca.trustStore(), TestCa.STORE_PASSWORD.toCharArray()))) {
            try (var in = b.endpoint(n2.baseUrl()).build().bucket(bucket).get(onN2)) {
                assertThat(in.readAllBytes()).isEqualTo(onN2.getBytes(StandardCharsets.UTF_8));
            }
        }
        // without it, the handshake fails: the JDK's authorities do not know the test CA
        net.aisj.client.AisClient untrusting =
                net.aisj.client.AisClient.builder().endpoint(n1.baseUrl()).build();
        Throwable t =
                catchThrowable(() -> untrusting.bucket(bucket).get("java/0").close());
        assertThat(t).isInstanceOf(AisClientException.class);
        assertThat(causes(t)).as("causes of " + t).anyMatch(SSLHandshakeException.class::isInstance);
    }

    /**
     * The console in a real Chromium over https (node 2): with the node's certificate trusted it lists the buckets and
     * a bucket's objects from both nodes (the listing's intra-cluster calls run over TLS); without that trust Chromium
     * stops at its certificate error page and shows no console.
     */
    @Test
    void theConsoleWorksInChromiumOverHttps() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String obj = "console-" + i; // no "/": the console shows "dir/" prefixes as folders
            String url = n1.baseUrl() + "/v1/objects/" + bucket + "/" + obj;
            HttpResponse<String> r = call("PUT", url, "c" + i);
            if (r.statusCode() == 307) {
                r = call("PUT", r.headers().firstValue("Location").orElseThrow(), "c" + i);
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            names.add(obj);
        }
        try (net.aisj.it.support.Browser b = new net.aisj.it.support.Browser(
                ItEnv.workDir(), net.aisj.it.support.Browser.trustingKeyOf(ca.certPem()))) {
            b.open(n2.baseUrl() + "/console/#/buckets"); // node 1 wants a client certificate
            b.click(org.openqa.selenium.By.cssSelector("tr[data-bucket='" + bucket + "'] a"));
            for (String n : names) {
                b.await(org.openqa.selenium.By.cssSelector("tr[data-object='" + n + "']"));
            }
            assertThat(b.driver().getCurrentUrl()).startsWith("https://");
            b.screenshot("tls-console-objects");
        }
        try (net.aisj.it.support.Browser b = new net.aisj.it.support.Browser(ItEnv.workDir())) {
            b.driver().get(n2.baseUrl() + "/console/#/buckets");
            b.await("Chromium's certificate error page", d -> d.getPageSource().contains("ERR_CERT_AUTHORITY_INVALID"));
            assertThat(b.driver().findElements(org.openqa.selenium.By.cssSelector("tr[data-bucket]")))
                    .isEmpty();
        }
    }

    /** Puts objects through node 1 until one is redirected to node 2 (its owner); its content is its name. */
    static String ownedByNode2(String prefix) throws IOException, InterruptedException {
        for (int i = 0; i < 60; i++) {
            String obj = prefix + "/" + i;
            HttpResponse<String> r = call("PUT", n1.baseUrl() + "/v1/objects/" + bucket + "/" + obj, obj);
            if (r.statusCode() == 307) {
                assertThat(call("PUT", r.headers().firstValue("Location").orElseThrow(), obj)
                                .statusCode())
                        .isEqualTo(200);
                return obj;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        throw new AssertionError("no object owned by node 2 among 60");
    }

    /**
     * Mutual TLS (AIS {@code client_auth_tls} 4 on node 1): a client without a certificate or with one of another CA
     * gets no answer from node 1, curl too; with the CA's certificate it works; node 2 (0) serves clients without
     * one, and its listing holds node 1's objects (node 2 presents its own certificate to node 1).
     */
    @Test
    void node1RequiresAndVerifiesClientCertificates() throws Exception {
        TestCa foreign = TestCa.create(ca.caPem().resolveSibling("foreign-" + ItEnv.randomHex(3)));
        for (javax.net.ssl.SSLContext ctx : List.of(ca.contextWithoutClientCertificate(), ca.context(foreign))) {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(ctx)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThatThrownBy(() -> client.send(
                            HttpRequest.newBuilder(URI.create(n1.baseUrl() + "/v1/health"))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            HttpResponse<String> viaN2 = client.send(
                    HttpRequest.newBuilder(URI.create(n2.baseUrl() + "/v1/buckets/" + bucket))
                            .method("GET", HttpRequest.BodyPublishers.ofString("{\"action\":\"list\"}"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(viaN2.statusCode()).isEqualTo(200);
        }
        assertThat(call("GET", n1.baseUrl() + "/v1/health", null).statusCode()).isEqualTo(200);
        assertThat(curlExit("-sS", "--cacert", ca.caPem().toString(), "-o", "/dev/null", n1.baseUrl() + "/v1/health"))
                .isNotZero();
        // node 1's objects in a listing through node 2
        String onN1 = null;
        for (int i = 0; i < 60 && onN1 == null; i++) {
            String obj = "mtls/" + i;
            HttpResponse<String> r = call("PUT", n2.baseUrl() + "/v1/objects/" + bucket + "/" + obj, "x");
            if (r.statusCode() == 307) {
                assertThat(call("PUT", r.headers().firstValue("Location").orElseThrow(), "x")
                                .statusCode())
                        .isEqualTo(200);
                onN1 = obj;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        }
        assertThat(onN1).as("an object owned by node 1").isNotNull();
        HttpResponse<String> list = call("GET", n2.baseUrl() + "/v1/buckets/" + bucket, "{\"action\":\"list\"}");
        assertThat(list.body()).contains("\"" + onN1 + "\"");
    }

    /**
     * Certificate reload without restart (AIS): after the certificate files are replaced, node 1 serves the new
     * certificate once asked ({@code PUT /v1/daemon/load-x509}), and node 2 by itself once it sees the files change.
     * Runs last: the other tests pin the first certificate.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aReplacedCertificateIsServedWithoutARestart() throws Exception {
        java.math.BigInteger old = ca.serial();
        assertThat(servedSerial(n1.baseUrl())).isEqualTo(old);
        ca.reissue();
        java.math.BigInteger renewed = ca.serial();
        assertThat(renewed).isNotEqualTo(old);
        HttpResponse<String> r = call("PUT", n1.baseUrl() + "/v1/daemon/load-x509", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains(renewed.toString(16));
        assertThat(servedSerial(n1.baseUrl())).isEqualTo(renewed);
        Poll.until(
                Duration.ofSeconds(30),
                "node 2 serves the renewed certificate",
                () -> servedSerial(n2.baseUrl()).equals(renewed));
        assertThat(call("GET", n2.baseUrl() + "/v1/health", null).statusCode()).isEqualTo(200);
    }

    /** The serial number of the certificate a new TLS connection to {@code baseUrl} is shown. */
    static java.math.BigInteger servedSerial(String baseUrl) {
        URI u = URI.create(baseUrl);
        try (javax.net.ssl.SSLSocket s =
                (javax.net.ssl.SSLSocket) ca.context().getSocketFactory().createSocket(u.getHost(), u.getPort())) {
            s.startHandshake();
            return ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void plainHttpAndClientsWithoutTheCaGetNothing() {
        HttpClient plain = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        for (String base : List.of(n1.baseUrl(), n2.baseUrl(), n2.servletUrl())) {
            String http = base.replaceFirst("^https:", "http:");
            assertThatThrownBy(() -> plain.send(
                            HttpRequest.newBuilder(URI.create(http + "/v1/health"))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP to " + http)
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> plain.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/health"))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("https without the CA to " + base)
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private static int curlExit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
