package net.aisj.it.support;

/**
 * The one node most test classes share (one per test JVM): {@code -Xmx256m} and two mountpaths,
 * started lazily by the first caller and stopped by a JVM shutdown hook.
 */
public final class SharedNode {

    private static NodeProcess node;
    private static AssertionError startFailure;

    private SharedNode() {
    }

    public static synchronized NodeProcess get() {
        if (startFailure != null) {
            throw new AssertionError("the shared node failed to start earlier", startFailure);
        }
        if (node == null) {
            try {
                node = NodeProcess.start("shared", 2, "-Xmx256m");
            } catch (AssertionError | RuntimeException e) {
                startFailure = e instanceof AssertionError ae ? ae : new AssertionError(e);
                throw startFailure;
            }
            NodeProcess n = node;
            Runtime.getRuntime().addShutdownHook(new Thread(n::close, "stop-shared-ais-node"));
        }
        return node;
    }

    /** A client for the shared node. */
    public static AisClient client() {
        return new AisClient(get().baseUrl());
    }
}
