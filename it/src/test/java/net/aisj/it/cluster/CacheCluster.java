package net.aisj.it.cluster;

import java.util.HashMap;
import java.util.Map;
import net.aisj.it.support.S3ProxyServer;
import net.aisj.it.support.SharedFixture;

/**
 * The 3-node cluster of the cache-tier tests (one per test JVM): its nodes get the shared s3proxy as their S3 backend
 * the way AIS configures one ({@code S3_ENDPOINT}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_REGION}) and S3 API credentials of their own ({@code AIS_S3_CREDENTIALS}).
 */
final class CacheCluster {

    static final String S3_KEY = "cachekey";
    static final String S3_SECRET = "cachesecret";

    private static final SharedFixture<LocalCluster> CLUSTER = new SharedFixture<>("cache cluster", () -> {
        Map<String, String> env = new HashMap<>(S3ProxyServer.shared().nodeEnv());
        env.put("AIS_S3_CREDENTIALS", S3_KEY + ":" + S3_SECRET);
        return SharedFixture.startOrClose(new LocalCluster("cache", 3).withEnv(env), c -> {
            c.start(1, 2, 3);
            System.out.println("[it-cluster cache] formed: " + c.awaitSettled().brief());
        });
    });

    private CacheCluster() {}

    static LocalCluster get() {
        return CLUSTER.get();
    }
}
