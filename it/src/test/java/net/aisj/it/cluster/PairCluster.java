package net.aisj.it.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.SharedFixture;

/**
 * A second, small cluster shared by {@link FormationIT} and {@link DecommissionIT} (one per test JVM): two nodes
 * launched at the same moment, and at that same moment an outsider with the same member list but another cluster
 * name. How they formed is recorded at start ({@link Formation}), because {@link DecommissionIT} removes one of the
 * two for good. Started lazily, stopped by a JVM shutdown hook.
 */
final class PairCluster {

    /** The three nodes once started: the pair's agreed Smap (or why there was none), the outsider's Smap. */
    record Formation(
            Smap pairSmap, AssertionError pairError, Set<String> pairIds, String outsiderId, Smap outsiderSmap) {}

    /** The pair, the outsider and how they formed; closing stops all three. */
    private record Pair(LocalCluster cluster, NodeProcess outsider, Formation formation) implements AutoCloseable {
        @Override
        public void close() {
            outsider.close();
            cluster.close();
        }
    }

    private static final SharedFixture<Pair> PAIR = new SharedFixture<>("pair cluster", PairCluster::start);

    private PairCluster() {}

    static LocalCluster get() {
        return PAIR.get().cluster();
    }

    private static Pair start() {
        List<Integer> ports = LocalCluster.planHzPorts(3, Set.of());
        LocalCluster c =
                new LocalCluster("pair", "itc-pair-" + ItEnv.randomHex(4), ports.subList(0, 2), ports.subList(2, 3));
        NodeProcess out = NodeProcess.prepare(
                "outsider",
                1,
                new NodeProcess.Membership(ports.get(2), ports, "itc-outsider-" + ItEnv.randomHex(4)),
                LocalCluster.JVM_ARGS);
        try {
            out.spawn();
            c.start(1, 2);
            out.awaitReady();
            Set<String> ids = new TreeSet<>(List.of(c.id(1), c.id(2)));
            Smap agreed = null;
            AssertionError error = null;
            try {
                agreed = c.awaitTargets(ids, Duration.ofSeconds(90));
            } catch (AssertionError e) {
                error = e;
            }
            AisClient oc = new AisClient(out.baseUrl());
            Formation formation = new Formation(
                    agreed,
                    error,
                    ids,
                    oc.daemonId(),
                    Smap.parse(oc.daemon("smap").expect(200).json()));
            System.out.println("[it-cluster pair] formed: " + (agreed == null ? error.getMessage() : agreed.brief())
                    + "; outsider " + formation.outsiderSmap().brief());
            return new Pair(c, out, formation);
        } catch (AssertionError | RuntimeException e) {
            out.close();
            c.close();
            throw e;
        }
    }

    static Formation formation() {
        return PAIR.get().formation();
    }

    static NodeProcess outsider() {
        return PAIR.get().outsider();
    }
}
