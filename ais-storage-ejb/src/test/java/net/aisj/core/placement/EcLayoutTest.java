package net.aisj.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import org.junit.jupiter.api.Test;

/** Placement of EC replicas and slices on the HRW target list: size threshold, losses, stable slice ids. */
class EcLayoutTest {

    static NodeInfo t(String id, long flags) {
        return new NodeInfo(id, true, true, "127.0.0.1", 8080, "http://127.0.0.1:8080", flags, "m-" + id);
    }

    static ClusterMap map(NodeInfo... nodes) {
        Map<String, NodeInfo> m = new LinkedHashMap<>();
        for (NodeInfo n : nodes) {
            m.put(n.id(), n);
        }
        return new ClusterMap("u", 1, m, nodes[0].id(), 1);
    }

    static final String UNAME = "ais/@#/b/some/object";

    @Test
    void smallObjectsAreReplicatedToPTargetsLargeOnesSlicedToDPlusP() {
        List<NodeInfo> ranked = TargetPlacement.all(map(t("a", 0), t("b", 0), t("c", 0), t("d", 0), t("e", 0)), UNAME);
        EcLayout small = EcLayout.of(ranked, 2, 1, 1000, 999);
        assertThat(small.replicated()).isTrue();
        assertThat(small.main()).isEqualTo(ranked.get(0));
        assertThat(small.holders()).containsExactly(ranked.get(1));
        assertThat(small.assign(Map.of()))
                .containsExactly(Map.entry(ranked.get(1).id(), 0));
        EcLayout big = EcLayout.of(ranked, 2, 1, 1000, 1000);
        assertThat(big.replicated()).isFalse();
        assertThat(big.holders()).containsExactlyElementsOf(ranked.subList(1, 4));
        assertThat(big.complete()).isTrue();
        assertThat(big.assign(Map.of()).values()).containsExactly(1, 2, 3);
    }

    @Test
    void theListSkipsMaintenanceNodesAndTheMainIsTheHrwOwner() {
        ClusterMap m = map(t("a", 0), t("b", NodeInfo.MAINT), t("c", 0), t("d", 0));
        List<NodeInfo> ranked = TargetPlacement.all(m, UNAME);
        assertThat(ranked).extracting(NodeInfo::id).doesNotContain("b").hasSize(3);
        assertThat(ranked.get(0)).isEqualTo(TargetPlacement.owner(m, UNAME));
    }

    @Test
    void afterALossTheSurvivingHoldersKeepTheirSlicesAndTheRestAreFilledIn() {
        List<NodeInfo> four = TargetPlacement.all(map(t("a", 0), t("b", 0), t("c", 0), t("d", 0)), UNAME);
        Map<String, Integer> before = EcLayout.of(four, 2, 1, 0, 10).assign(Map.of());
        // lose the first holder: the relative HRW order of the others stays, they keep their slice ids
        NodeInfo lost = four.get(1);
        List<NodeInfo> three = four.stream().filter(n -> n != lost).toList();
        EcLayout degraded = EcLayout.of(three, 2, 1, 0, 10);
        assertThat(degraded.complete()).isFalse();
        Map<String, Integer> have = new LinkedHashMap<>(before);
        have.remove(lost.id());
        Map<String, Integer> after = degraded.assign(have);
        assertThat(after).hasSize(2);
        after.forEach((id, s) -> assertThat(s).isEqualTo(before.get(id)));
        // lose the main instead: its first holder becomes main, the others keep theirs and one more is made
        List<NodeInfo> noMain = four.subList(1, 4);
        EcLayout shifted = EcLayout.of(noMain, 2, 1, 0, 10);
        assertThat(shifted.main()).isEqualTo(four.get(1));
        Map<String, Integer> kept = shifted.assign(before);
        assertThat(kept.get(four.get(2).id())).isEqualTo(before.get(four.get(2).id()));
        assertThat(kept.get(four.get(3).id())).isEqualTo(before.get(four.get(3).id()));
    }

    @Test
    void duplicateOrInvalidSliceIdsAreReassigned() {
        List<NodeInfo> ranked = TargetPlacement.all(map(t("a", 0), t("b", 0), t("c", 0), t("d", 0)), UNAME);
        EcLayout l = EcLayout.of(ranked, 2, 1, 0, 10);
        Map<String, Integer> have = Map.of(
                ranked.get(1).id(), 2, ranked.get(2).id(), 2, ranked.get(3).id(), 7);
        Map<String, Integer> got = l.assign(have);
        assertThat(got.values()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(got.get(ranked.get(1).id())).isEqualTo(2);
    }

    @Test
    void aSingleTargetHasNoHolders() {
        List<NodeInfo> one = TargetPlacement.all(map(t("a", 0)), UNAME);
        assertThat(EcLayout.of(one, 2, 2, 0, 10).holders()).isEmpty();
    }
}
