package net.aisj.it.s3;

import java.net.URI;
import java.time.Duration;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.SharedFixture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The node the S3 tests share (one per test JVM), started with S3 credentials ({@code -Dais.s3.credentials}), and
 * SDK clients for it: path style, endpoint override, region us-east-1, no retries (a failure shows at once).
 */
public final class S3Node {

    public static final String ACCESS_KEY = "AKIAAISJIT0000000001";
    public static final String SECRET_KEY = "it/secret+Key=0123456789abcdefghijklmnopq";
    public static final String OTHER_KEY = "AKIAAISJIT0000000002";
    public static final String OTHER_SECRET = "other-secret";

    /** Requests for {@code Host: {bucket}.s3.test} are virtual-hosted style (ais.s3.domains). */
    public static final String VIRTUAL_HOST_DOMAIN = "s3.test";

    private static final SharedFixture<NodeProcess> NODE = new SharedFixture<>(
            "S3 node",
            () -> NodeProcess.start(
                    "s3",
                    1,
                    "-Xmx256m",
                    "-Dais.s3.credentials=" + ACCESS_KEY + ":" + SECRET_KEY + "," + OTHER_KEY + ":" + OTHER_SECRET,
                    "-Dais.s3.domains=" + VIRTUAL_HOST_DOMAIN));

    private S3Node() {}

    public static NodeProcess get() {
        return NODE.get();
    }

    public static String baseUrl() {
        return get().baseUrl();
    }

    /** Native API client of the same node. */
    public static AisClient ais() {
        return new AisClient(baseUrl());
    }

    public static S3Client client() {
        return client(ACCESS_KEY, SECRET_KEY, baseUrl());
    }

    public static S3Client client(String accessKey, String secretKey, String endpoint) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .overrideConfiguration(
                        o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofMinutes(2)))
                .build();
    }

    public static S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(URI.create(baseUrl()))
                .region(Region.US_EAST_1)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** A fresh bucket name valid for S3 ({@code s3it-<tag>-<hex>}). */
    public static String bucketName(String tag) {
        return "s3it-" + tag + "-" + ItEnv.randomHex(4);
    }
}
