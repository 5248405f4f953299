package net.aisj.it.support;

/**
 * The one node most test classes share (one per test JVM): {@code -Xmx256m} and two mountpaths,
 * started lazily by the first caller and stopped by a JVM shutdown hook.
 */
public final class SharedNode {

    private static final SharedFixture<NodeProcess> NODE =
            new SharedFixture<>("shared node", () -> NodeProcess.start("shared", 2, "-Xmx256m"));

    private SharedNode() {}

    public static NodeProcess get() {
        return NODE.get();
    }

    /** A client for the shared node. */
    public static AisClient client() {
        return new AisClient(get().baseUrl());
    }
}
