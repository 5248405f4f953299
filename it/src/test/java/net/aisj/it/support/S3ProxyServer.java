package net.aisj.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3proxy 4.1.0 (Maven Central, fetched into {@code it/target/s3proxy} by the build) as the remote S3 of the
 * cache-tier tests: one process per test JVM on a free loopback port, objects on disk ({@code filesystem-nio2}) under
 * the work dir, started by the first caller and stopped by a shutdown hook. It can be killed and restarted on the
 * same port with the same data (fault tests).
 *
 * <p>Remote reads are counted on s3proxy's side: it runs with {@code LOG_LEVEL=debug}, where its handler logs
 * every request line ({@code request: ...{GET@... http://host/bucket/key HTTP/1.1}}) before serving it;
 * {@link #gets} counts those lines for one object.
 */
public final class S3ProxyServer extends LaunchedServer {

    public static final String IDENTITY = "local-identity";
    public static final String CREDENTIAL = "local-credential";
    private static final Pattern REQUEST = Pattern.compile(
            "request: .*\\{(GET|HEAD|PUT|DELETE)@[0-9a-f]+ " + "http://[^/ ]+/([^/? ]+)/([^? ]+)(\\?[^ ]*)? HTTP/");

    private static final SharedFixture<S3ProxyServer> SHARED = new SharedFixture<>(
            "s3proxy",
            () -> SharedFixture.startOrClose(
                    new S3ProxyServer(ItEnv.workDir().resolve("s3proxy-" + ItEnv.randomHex(3)), Ports.freePort()),
                    S3ProxyServer::start));

    private S3ProxyServer(Path dir, int port) {
        super("s3proxy", dir, port);
    }

    /** The test JVM's s3proxy, started on first use. */
    public static S3ProxyServer shared() {
        return SHARED.get();
    }

    /** Started again, it serves the same data. */
    @Override
    protected ProcessBuilder command() throws IOException {
        Path jar = Path.of(System.getProperty("ais.s3proxy.jar", "target/s3proxy/s3proxy.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy not found: " + jar + " (mvn pre-integration-test fetches it)");
        }
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(
                dir.resolve("s3proxy.conf"),
                String.join(
                                "\n",
                                "s3proxy.endpoint=" + endpoint(),
                                "s3proxy.authorization=aws-v2-or-v4",
                                "s3proxy.identity=" + IDENTITY,
                                "s3proxy.credential=" + CREDENTIAL,
                                "jclouds.provider=filesystem-nio2",
                                "jclouds.filesystem.basedir=" + dir.resolve("data"))
                        + "\n");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--properties",
                dir.resolve("s3proxy.conf").toString());
        pb.environment().put("LOG_LEVEL", "debug");
        return pb;
    }

    @Override
    protected void probe() {
        try (S3Client c = client()) {
            c.listBuckets();
        }
    }

    public String endpoint() {
        return hostUrl();
    }

    /** What a node needs to reach it as its S3 backend (AIS's environment names). */
    public Map<String, String> nodeEnv() {
        return Map.of(
                "S3_ENDPOINT",
                endpoint(),
                "AWS_ACCESS_KEY_ID",
                IDENTITY,
                "AWS_SECRET_ACCESS_KEY",
                CREDENTIAL,
                "AWS_REGION",
                "us-east-1");
    }

    /** A direct client (the caller closes it). */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .build();
    }

    /** How many GET requests for {@code bucket/key} s3proxy has received so far (all launches). */
    public long gets(String bucket, String key) {
        return counts("GET").getOrDefault(bucket + "/" + key, 0L);
    }

    /** Requests of {@code method} per {@code bucket/key} received so far (all launches). */
    public Map<String, Long> counts(String method) {
        return logged(REQUEST, m -> m.group(1).equals(method) ? m.group(2) + "/" + decoded(m.group(3)) : null);
    }
}
