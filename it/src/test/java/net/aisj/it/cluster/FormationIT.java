package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes launched at the same moment form one cluster; a node launched with them, with the same member list but
 * another cluster name, stays out (and they stay out of its map), and their bucket metadata stays apart.
 */
@Tag("cluster")
class FormationIT {

    @Test
    void twoNodesLaunchedTogetherFormOneClusterAndANodeWithAnotherNameStaysOut() {
        LocalCluster pair = PairCluster.get();
        PairCluster.Formation f = PairCluster.formation();
        if (f.pairError() != null) {
            throw new AssertionError(
                    "the two nodes launched together did not agree on one Smap listing both", f.pairError());
        }
        assertThat(f.pairSmap().tmap().keySet())
                .as("targets of %s", f.pairSmap().brief())
                .isEqualTo(f.pairIds());
        assertThat(f.pairSmap().primaryId())
                .as("primary of %s", f.pairSmap().brief())
                .isIn(f.pairIds());
        assertThat(f.outsiderSmap().tmap().keySet())
                .as("targets in the outsider's Smap %s", f.outsiderSmap().brief())
                .containsExactly(f.outsiderId());

        NodeProcess outsider = PairCluster.outsider();
        AisClient oc = new AisClient(outsider.baseUrl());
        // it stays that way: neither side ever lists the other
        Poll.holdsFor(
                Duration.ofSeconds(5),
                "the outsider and the pair never list each other",
                () -> {
                    if (!Smap.parse(oc.daemon("smap").expect(200).json())
                            .tmap()
                            .keySet()
                            .equals(java.util.Set.of(f.outsiderId()))) {
                        return false;
                    }
                    for (int s : pair.runningSlots()) {
                        if (pair.smap(s).tmap().containsKey(f.outsiderId())) {
                            return false;
                        }
                    }
                    return true;
                },
                () -> "outsider: " + Smap.parse(oc.daemon("smap").json()).brief() + "; pair: "
                        + pair.smap(pair.runningSlots().get(0)).brief());

        String x = ItEnv.bucketName("apart");
        int via = pair.runningSlots().get(0);
        pair.client(via).createBucket(x).expect(200);
        try {
            assertThat(oc.headBucket(x).status())
                    .as("HEAD on the outsider of a bucket created in the pair")
                    .isEqualTo(404);
        } finally {
            pair.client(via).destroyQuietly(x);
        }
        outsider.stop(); // not needed any more; frees CPU for the other tests
    }
}
