package net.aisj.it.support;

/**
 * A second cluster of ours, one node, as the remote AIS cluster of the cache-tier tests (AIS is not packaged
 * anywhere we can run it): its own cluster name, ports and mountpath; one per test JVM, started by the first caller
 * and stopped by a shutdown hook.
 */
public final class RemoteAisNode {

    private static final SharedFixture<NodeProcess> NODE =
            new SharedFixture<>("remote AIS node", () -> NodeProcess.start("remais", 1, "-Xmx256m"));

    private RemoteAisNode() {}

    public static NodeProcess get() {
        return NODE.get();
    }

    /** A client of the remote cluster itself. */
    public static AisClient client() {
        return new AisClient(get().baseUrl());
    }
}
