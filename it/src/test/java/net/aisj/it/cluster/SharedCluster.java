package net.aisj.it.cluster;

/**
 * The cluster most cluster test classes share (one per test JVM): 3 nodes started at the same moment, plus a 4th
 * slot planned from the start (its Hazelcast port is in every node's member list) for the scale-out test. Started
 * lazily by the first caller, stopped by a JVM shutdown hook. Tests on it use their own buckets and leave the
 * membership as they found it, except {@link ScaleOutIT}, which adds node 4 for good; so tests read the current
 * membership rather than assume 3 nodes.
 */
final class SharedCluster {

    static final int INITIAL = 3;
    static final int SLOTS = 4;

    private static LocalCluster cluster;
    private static AssertionError startFailure;
    private static Smap initialSmap;

    private SharedCluster() {
    }

    static synchronized LocalCluster get() {
        if (startFailure != null) {
            throw new AssertionError("the shared cluster failed to start earlier", startFailure);
        }
        if (cluster == null) {
            LocalCluster c = new LocalCluster("shared", SLOTS);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "stop-shared-ais-cluster"));
            try {
                c.start(1, 2, 3);
                initialSmap = c.awaitSettled();
                System.out.println("[it-cluster shared] formed: " + initialSmap.brief());
            } catch (AssertionError | RuntimeException e) {
                startFailure = e instanceof AssertionError ae ? ae : new AssertionError(e);
                c.close();
                throw startFailure;
            }
            cluster = c;
        }
        return cluster;
    }

    /** The Smap all 3 initial nodes agreed on right after they started. */
    static synchronized Smap initialSmap() {
        get();
        return initialSmap;
    }
}
