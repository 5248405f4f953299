package net.aisj.it.backends;

import java.util.HashMap;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.AzuriteServer;
import net.aisj.it.support.GcsEmulator;
import net.aisj.it.support.HdfsServer;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.SharedFixture;

/**
 * The one node of the provider tests (one per test JVM), configured for every provider's shared test server the way
 * AIS configures a node (environment variables), started after them.
 */
final class ProvidersNode {

    private static final SharedFixture<NodeProcess> NODE = new SharedFixture<>("providers node", () -> {
        Map<String, String> env = new HashMap<>(AzuriteServer.shared().nodeEnv());
        env.putAll(GcsEmulator.shared().nodeEnv());
        env.putAll(HdfsServer.shared().nodeEnv());
        NodeProcess n = NodeProcess.prepare("providers", 1, null, "-Xmx256m").withEnv(env);
        return SharedFixture.startOrClose(n, p -> {
            p.spawn();
            p.awaitReady();
        });
    });

    private ProvidersNode() {}

    static AisClient client() {
        return new AisClient(url());
    }

    static String url() {
        return NODE.get().baseUrl();
    }
}
