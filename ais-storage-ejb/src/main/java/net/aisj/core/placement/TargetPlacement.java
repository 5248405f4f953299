package net.aisj.core.placement;

import java.util.List;
import net.aisj.connector.api.hrw.Hrw;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * Which target owns a name: HRW over the targets in service (AIS {@code HrwName2T}, {@code HrwTargetList}). See also
 * the connector's mountpath selection, which uses the same primitive.
 */
public final class TargetPlacement {

    private TargetPlacement() {}

    /** The owner of {@code uname}; UNAVAILABLE when no target is in service. */
    public static NodeInfo owner(ClusterMap map, String uname) {
        NodeInfo best = Hrw.best(inService(map), Hrw.digest(uname), NodeInfo::idDigest);
        if (best == null) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "no targets in the cluster map (v" + map.version() + ")");
        }
        return best;
    }

    /** The first {@code n} targets by weight for {@code uname}: element 0 is the owner. */
    public static List<NodeInfo> ranked(ClusterMap map, String uname, int n) {
        List<NodeInfo> all = Hrw.ranked(inService(map), Hrw.digest(uname), NodeInfo::idDigest);
        if (all.size() < n) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "need " + n + " targets, the cluster map has " + all.size());
        }
        return all.subList(0, n);
    }

    /** Every target in service, by weight for {@code uname} (AIS {@code HrwTargetList}); element 0 is the owner. */
    public static List<NodeInfo> all(ClusterMap map, String uname) {
        List<NodeInfo> all = Hrw.ranked(inService(map), Hrw.digest(uname), NodeInfo::idDigest);
        if (all.isEmpty()) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "no targets in the cluster map (v" + map.version() + ")");
        }
        return all;
    }

    private static List<NodeInfo> inService(ClusterMap map) {
        return map.targets().stream().filter(NodeInfo::inService).toList();
    }
}
