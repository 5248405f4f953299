package net.aisj.it.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.aisj.it.support.AzuriteServer;
import net.aisj.it.support.S3ProxyServer;
import net.aisj.it.support.SharedFixture;

/**
 * The 3-node cluster of the cache-tier tests (one per test JVM): its nodes get the shared s3proxy as their S3 backend
 * the way AIS configures one ({@code S3_ENDPOINT}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_REGION}) and S3 API credentials of their own ({@code AIS_S3_CREDENTIALS}). No other provider is set up
 * on them: the provider tests reach Azurite, the GCS emulator and HDFS through buckets' own {@code extra.*} props;
 * only the Azurite account's key is a node setting ({@code ais.azure.key.<account>}, never a bucket prop).
 */
public final class CacheCluster {

    static final String S3_KEY = "cachekey";
    static final String S3_SECRET = "cachesecret";

    private static final SharedFixture<LocalCluster> CLUSTER = new SharedFixture<>("cache cluster", () -> {
        Map<String, String> env = new HashMap<>(S3ProxyServer.shared().nodeEnv());
        env.put("AIS_S3_CREDENTIALS", S3_KEY + ":" + S3_SECRET);
        env.put("AIS_AZURE_KEY_" + AzuriteServer.ACCOUNT.toUpperCase(java.util.Locale.ROOT), AzuriteServer.KEY);
        return SharedFixture.startOrClose(new LocalCluster("cache", 3).withEnv(env), c -> {
            c.start(1, 2, 3);
            System.out.println("[it-cluster cache] formed: " + c.awaitSettled().brief());
        });
    });

    private CacheCluster() {}

    static LocalCluster get() {
        return CLUSTER.get();
    }

    /** The base URLs of the cluster's three nodes (started on first use), for tests outside this package. */
    public static List<String> nodeUrls() {
        LocalCluster c = CLUSTER.get();
        return IntStream.rangeClosed(1, 3).mapToObj(c::url).toList();
    }
}
