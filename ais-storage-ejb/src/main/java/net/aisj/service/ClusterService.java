package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.xact.XactSnapshot;
import net.aisj.xact.XactionRegistry;

/**
 * Cluster-wide control: node lifecycle (maintenance, decommission, shutdown, as AIS's {@code PUT /v1/cluster}
 * actions), job status merged from every node's snapshots, and every node's status document.
 */
@ApplicationScoped
public class ClusterService {

    private static final Logger LOG = Logger.getLogger(ClusterService.class.getName());
    private static final Duration NODE_STATUS_TIMEOUT = Duration.ofSeconds(3);

    @Inject
    LocalNode node;

    @Inject
    XactionRegistry registry;

    /** Puts a node in maintenance: it stays in the map, owns no data, and rebalance drains it. */
    public String startMaintenance(String sid) {
        return changeFlags(sid, NodeInfo.MAINT, 0, "start-maintenance");
    }

    public String stopMaintenance(String sid) {
        return changeFlags(sid, 0, NodeInfo.MAINT | NodeInfo.DECOMM, "stop-maintenance");
    }

    /** Drains a node by rebalance, then it leaves the map and its process stops. */
    public String decommission(String sid) {
        return changeFlags(sid, NodeInfo.MAINT | NodeInfo.DECOMM, 0, "decommission-node");
    }

    /** Stops a node's process gracefully (it leaves the map; its data stays on its disks). */
    public void shutdownNode(String sid) {
        NodeInfo n = known(sid);
        LOG.info(() -> "shutdown-node " + n.displayName());
        if (n.id().equals(node.self().id())) {
            node.shutdownSoon();
        } else {
            node.intra().shutdown(n);
        }
    }

    private String changeFlags(String sid, long set, long clear, String action) {
        NodeInfo n = known(sid);
        long flags = (n.flags() | set) & ~clear;
        if (set != 0 && n.target()) {
            long others = node.clusterMap().targets().stream()
                    .filter(NodeInfo::inService)
                    .filter(t -> !t.id().equals(n.id()))
                    .count();
            if (others == 0) {
                throw AisException.conflict(action + ": " + n.displayName()
                        + " is the only target in service; its data would have nowhere to go");
            }
        }
        LOG.info(() -> action + " " + n.displayName());
        node.membership().setFlags(n.id(), flags);
        ClusterMap m = awaitFlags(n.id(), flags);
        return "g" + m.version();
    }

    private NodeInfo known(String sid) {
        if (sid == null || sid.isEmpty()) {
            throw AisException.badRequest("missing node id (\"sid\")");
        }
        NodeInfo n = node.clusterMap().nodes().get(sid);
        if (n == null) {
            throw AisException.notFound("node \"" + sid + "\" is not in the cluster map");
        }
        return n;
    }

    private ClusterMap awaitFlags(String id, long flags) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            ClusterMap m = node.clusterMap();
            NodeInfo n = m.nodes().get(id);
            if (n != null && n.flags() == flags) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new AisException(
                        AisException.Kind.UNAVAILABLE,
                        "the cluster map did not reflect the change " + "of node " + id + " within 15 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Every node's snapshots matching id/kind, by node id (AIS {@code qryxstats}). */
    public Map<String, List<XactSnapshot>> snapshots(String id, String kind, boolean onlyRunning) {
        Map<String, List<XactSnapshot>> out = new LinkedHashMap<>();
        for (NodeInfo n : node.clusterMap().nodes().values()) {
            if (n.id().equals(node.self().id())) {
                out.put(n.id(), registry.snapshots(id, kind, onlyRunning));
            } else {
                try {
                    out.put(n.id(), node.intra().xactions(n, id, kind, onlyRunning));
                } catch (AisException e) {
                    LOG.warning("job status from " + n.displayName() + " unavailable: " + e.getMessage());
                }
            }
        }
        return out;
    }

    /**
     * Every node's status document (AIS {@code node_status}), fetched in parallel: this node's is
     * {@code localStatus}; a node that does not answer within 3 s, and one that left the data grid but is still
     * known, is reported with why. In cluster-map order, departed nodes last.
     */
    public Map<String, NodeStatusAnswer> nodeStatuses(String localStatus) {
        Map<String, CompletableFuture<String>> calls = new LinkedHashMap<>();
        Map<String, NodeInfo> nodes = new LinkedHashMap<>();
        for (NodeInfo n : node.clusterMap().nodes().values()) {
            nodes.put(n.id(), n);
            calls.put(
                    n.id(),
                    n.id().equals(node.self().id())
                            ? CompletableFuture.completedFuture(localStatus)
                            : node.intra().nodeStatus(n, NODE_STATUS_TIMEOUT));
        }
        Map<String, NodeStatusAnswer> out = new LinkedHashMap<>();
        calls.forEach((id, f) -> {
            try {
                out.put(id, new NodeStatusAnswer(nodes.get(id), f.join(), ""));
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                out.put(
                        id,
                        new NodeStatusAnswer(
                                nodes.get(id),
                                null,
                                String.valueOf(cause.getMessage() == null ? cause : cause.getMessage())));
            }
        });
        for (NodeInfo gone : node.membership().departed()) {
            out.putIfAbsent(gone.id(), new NodeStatusAnswer(gone, null, "the node left the data grid"));
        }
        return out;
    }

    /**
     * One node's answer to {@link #nodeStatuses}: its status document, or null and why not.
     *
     * @param statusJson the node's {@code node_status} JSON text, or null when it is down
     */
    public record NodeStatusAnswer(NodeInfo node, String statusJson, String err) {}

    /**
     * The cluster-wide status of one job (AIS {@code nl.Status}): running while any node runs it; the id of the
     * newest job of {@code kind} when {@code id} is empty. NOT_FOUND when no node knows it.
     */
    public JobStatus status(String id, String kind) {
        Map<String, List<XactSnapshot>> all = snapshots(id, kind, false);
        String wanted = id;
        if (wanted == null || wanted.isEmpty()) {
            wanted = all.values().stream()
                    .flatMap(List::stream)
                    .max(java.util.Comparator.comparingLong(XactSnapshot::startMillis))
                    .map(XactSnapshot::id)
                    .orElse("");
        }
        List<XactSnapshot> parts = new ArrayList<>();
        for (List<XactSnapshot> l : all.values()) {
            for (XactSnapshot s : l) {
                if (s.id().equals(wanted)) {
                    parts.add(s);
                }
            }
        }
        if (parts.isEmpty()) {
            throw AisException.notFound("job "
                    + (id == null || id.isEmpty() ? "of kind \"" + kind + "\"" : "\"" + id + "\"") + " not found");
        }
        boolean running = parts.stream().anyMatch(XactSnapshot::running);
        long end = running
                ? 0
                : parts.stream().mapToLong(XactSnapshot::endMillis).max().orElse(0);
        boolean aborted = parts.stream().anyMatch(XactSnapshot::aborted);
        String err = parts.stream()
                .map(s -> s.err().isEmpty() ? s.abortErr() : s.err())
                .filter(e -> !e.isEmpty())
                .findFirst()
                .orElse("");
        return new JobStatus(
                parts.get(0).kind(),
                wanted,
                err,
                end * 1_000_000L,
                aborted,
                parts.stream().allMatch(XactSnapshot::idle));
    }

    /** AIS {@code nl.Status}: {@code end_time} in unix ns, 0 while running. */
    public record JobStatus(String kind, String uuid, String err, long endTimeNanos, boolean aborted, boolean idle) {}
}
