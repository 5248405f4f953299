package net.aisj.it.cluster;

import net.aisj.it.support.SharedFixture;

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

    private static Smap initialSmap;
    private static final SharedFixture<LocalCluster> CLUSTER = new SharedFixture<>(
            "shared cluster",
            () -> SharedFixture.startOrClose(new LocalCluster("shared", SLOTS), c -> {
                c.start(1, 2, 3);
                initialSmap = c.awaitSettled();
                System.out.println("[it-cluster shared] formed: " + initialSmap.brief());
            }));

    private SharedCluster() {}

    static LocalCluster get() {
        return CLUSTER.get();
    }

    /** The Smap all 3 initial nodes agreed on right after they started. */
    static synchronized Smap initialSmap() {
        get();
        return initialSmap;
    }
}
