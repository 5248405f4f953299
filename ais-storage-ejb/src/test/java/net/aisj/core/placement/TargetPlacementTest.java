package net.aisj.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import org.junit.jupiter.api.Test;

/**
 * Which target owns a name. The expected owners and orders are AIStore's own (computed by its Python client, the
 * {@code targets} vectors of the connector API's {@code hrw-vectors.json}); the rest are the rules around them:
 * only targets in service own data, and too few targets is UNAVAILABLE.
 */
class TargetPlacementTest {

    static final List<String> FIVE = List.of("txdyZeZvm", "tgpbNU3My", "t2LHM12fp", "tZMv4EaK5", "tm7bYfGdC");
    static final String A = "ais/@#/imagenet/a";
    static final List<String> A_RANKED = List.of("tm7bYfGdC", "t2LHM12fp", "txdyZeZvm", "tZMv4EaK5", "tgpbNU3My");
    static final String JPG = "ais/@#/imagenet/train/0001.jpg";
    static final List<String> JPG_RANKED = List.of("txdyZeZvm", "t2LHM12fp", "tgpbNU3My", "tm7bYfGdC", "tZMv4EaK5");
    static final String UNICODE = "ais/@#/imagenet/\u00fcn\u00efc\u00f6d\u00e9/\u043a\u043b\u044e\u0447/\u9375.txt";
    static final List<String> UNICODE_RANKED = List.of("txdyZeZvm", "tZMv4EaK5", "tgpbNU3My", "tm7bYfGdC", "t2LHM12fp");

    static NodeInfo target(String id) {
        return new NodeInfo(id, false, true, "127.0.0.1", 8080, "http://127.0.0.1:8080", 0, "");
    }

    static ClusterMap map(long version, List<NodeInfo> nodes) {
        Map<String, NodeInfo> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        return new ClusterMap("u", version, byId, "", 0);
    }

    static ClusterMap five() {
        return map(7, FIVE.stream().map(TargetPlacementTest::target).toList());
    }

    static List<String> ids(List<NodeInfo> nodes) {
        return nodes.stream().map(NodeInfo::id).toList();
    }

    @Test
    void ownersAndOrdersAreAisOwn() {
        assertThat(TargetPlacement.owner(five(), A).id()).isEqualTo("tm7bYfGdC");
        assertThat(ids(TargetPlacement.all(five(), A))).isEqualTo(A_RANKED);
        assertThat(TargetPlacement.owner(five(), JPG).id()).isEqualTo("txdyZeZvm");
        assertThat(ids(TargetPlacement.all(five(), JPG))).isEqualTo(JPG_RANKED);
        assertThat(ids(TargetPlacement.all(five(), UNICODE))).isEqualTo(UNICODE_RANKED);
        assertThat(ids(TargetPlacement.ranked(five(), JPG, 3))).isEqualTo(JPG_RANKED.subList(0, 3));
        assertThat(ids(TargetPlacement.ranked(five(), A, 5))).isEqualTo(A_RANKED);
    }

    @Test
    void targetsOutOfServiceAndProxiesOwnNothing() {
        String owner = A_RANKED.get(0);
        NodeInfo proxy = new NodeInfo("pOnly", true, false, "127.0.0.1", 8081, "http://127.0.0.1:8081", 0, "");
        for (long flag : new long[] {NodeInfo.MAINT, NodeInfo.DECOMM}) {
            List<NodeInfo> nodes = new java.util.ArrayList<>(FIVE.stream()
                    .map(id -> id.equals(owner) ? target(id).withFlags(flag) : target(id))
                    .toList());
            nodes.add(proxy);
            ClusterMap m = map(8, nodes);
            // the next one by weight takes over, the others keep their order
            assertThat(TargetPlacement.owner(m, A).id()).isEqualTo(A_RANKED.get(1));
            assertThat(ids(TargetPlacement.all(m, A))).isEqualTo(A_RANKED.subList(1, 5));
        }
    }

    @Test
    void aDepartingTargetMovesOnlyTheNamesItOwned() {
        ClusterMap before = five();
        ClusterMap after = map(
                8,
                FIVE.stream()
                        .filter(id -> !id.equals("t2LHM12fp"))
                        .map(TargetPlacementTest::target)
                        .toList());
        int moved = 0;
        for (int i = 0; i < 500; i++) {
            String uname = "ais/@#/b/obj-" + i;
            String was = TargetPlacement.owner(before, uname).id();
            String now = TargetPlacement.owner(after, uname).id();
            if (was.equals("t2LHM12fp")) {
                moved++;
                assertThat(now)
                        .isEqualTo(TargetPlacement.all(before, uname).get(1).id());
            } else {
                assertThat(now).as(uname).isEqualTo(was);
            }
        }
        assertThat(moved).isPositive();
    }

    @Test
    void tooFewTargetsIsUnavailable() {
        ClusterMap none = map(3, List.of(target("t1").withFlags(NodeInfo.MAINT)));
        assertThatThrownBy(() -> TargetPlacement.owner(none, A))
                .isInstanceOfSatisfying(
                        AisException.class, e -> assertThat(e.kind()).isEqualTo(AisException.Kind.UNAVAILABLE))
                .hasMessageContaining("v3");
        assertThatThrownBy(() -> TargetPlacement.all(none, A))
                .isInstanceOfSatisfying(
                        AisException.class, e -> assertThat(e.kind()).isEqualTo(AisException.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> TargetPlacement.ranked(five(), A, 6))
                .isInstanceOfSatisfying(
                        AisException.class, e -> assertThat(e.kind()).isEqualTo(AisException.Kind.UNAVAILABLE))
                .hasMessageContaining("need 6")
                .hasMessageContaining("has 5");
    }
}
