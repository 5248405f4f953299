package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.xact.Xaction;

/**
 * Jobs whose plan covers a set of targets (multi-object jobs, archive, dsort): when one of those targets leaves the
 * cluster, the job's part on this node is aborted, and its status says which target left. Thread-safe.
 */
@ApplicationScoped
public class PlannedTargets {

    @Inject
    LocalNode node;

    private final Map<Xaction, Set<String>> watched = new ConcurrentHashMap<>();

    /** Watches {@code x}, planned over the targets of the current cluster map, until it ends. */
    public void watch(Xaction x) {
        watch(x, node.clusterMap().targets().stream().map(NodeInfo::id).collect(Collectors.toSet()));
    }

    /** Watches {@code x}, planned over {@code targets} (ids), until it ends. */
    public void watch(Xaction x, Set<String> targets) {
        watched.keySet().removeIf(j -> !j.isRunning());
        if (x.isRunning()) {
            watched.put(x, Set.copyOf(targets));
        }
    }

    void onClusterMap(@ObservesAsync ClusterMap map) {
        Set<String> now = map.targets().stream().map(NodeInfo::id).collect(Collectors.toSet());
        watched.forEach((x, targets) -> {
            Set<String> gone = new TreeSet<>(targets);
            gone.removeAll(now);
            if (!x.isRunning()) {
                watched.remove(x);
            } else if (!gone.isEmpty()) {
                x.abort("target(s) " + gone + " left the cluster during the job");
                watched.remove(x);
            }
        });
    }
}
