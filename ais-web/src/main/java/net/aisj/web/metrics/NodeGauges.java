package net.aisj.web.metrics;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import net.aisj.cluster.DataGrid;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.NodeVolume;
import net.aisj.core.AisException;
import net.aisj.service.LocalNode;
import net.aisj.service.ec.EcService;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactSnapshot;
import net.aisj.xact.XactionRegistry;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Node gauges and job counters, refreshed every {@value #PERIOD_SECONDS} s: uptime, per-mountpath capacity and
 * state (label {@code mountpath}), cluster map and data-grid membership sizes, running jobs per kind, jobs started
 * and finished per kind (counted from the registry's snapshots), and the latest rebalance's progress. Mountpaths
 * that appear or disappear get or lose their series at the next refresh. Logs mountpath state changes.
 */
@ApplicationScoped
public class NodeGauges {

    static final int PERIOD_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(NodeGauges.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    LocalNode node;

    @Inject
    XactionRegistry jobs;

    @Inject
    EcService ec;

    @Inject
    net.aisj.service.etl.EtlTransforms etl;

    @Inject
    DataGrid grid;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile NodeVolume volume;
    private volatile List<XactSnapshot> snaps = List.of();
    private final Map<String, Boolean> mountpathState = new HashMap<>();
    private final Set<String> started = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private String nodeId;
    private ScheduledFuture<?> task;

    void init(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::refresh, 1, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private synchronized void refresh() {
        try {
            if (node.self() == null) {
                return;
            }
            if (nodeId == null) {
                nodeId = node.self().id();
                registerNodeGauges();
            }
            volume = node.volume();
            snaps = jobs.snapshots("", "", false);
            syncMountpaths(volume);
            countJobs(snaps);
        } catch (AisException | IllegalStateException e) {
            LOG.fine(() -> "metrics refresh skipped: " + e.getMessage());
        }
    }

    private void registerNodeGauges() {
        gauge(
                "ais_target_uptime",
                "this node's uptime since its startup (seconds)",
                MetricUnits.NONE,
                () -> node.uptimeNanos() / 1_000_000_000L);
        gauge("ais_cluster_members", "members of the data grid this node sees", MetricUnits.NONE, () ->
                (long) grid.memberCount());
        gauge(
                "ais_cluster_smap_version",
                "version of the cluster map",
                MetricUnits.NONE,
                () -> node.clusterMap().version());
        gauge("ais_cluster_targets", "targets in the cluster map", MetricUnits.NONE, () ->
                (long) node.clusterMap().targets().size());
        for (XactKind k : XactKind.values()) {
            gauge(
                    "ais_target_xact_running",
                    "jobs of a kind running on this node",
                    MetricUnits.NONE,
                    () -> snaps.stream()
                            .filter(s -> s.kind().equals(k.wire()) && s.running())
                            .count(),
                    new Tag("kind", k.wire()));
        }
        reb("ais_target_reb_visited_count", "rebalance: local objects visited", XactSnapshot::locObjs);
        reb("ais_target_reb_tx_count", "rebalance: objects sent to their new owner", XactSnapshot::outObjs);
        reb("ais_target_reb_tx_bytes", "rebalance: bytes sent to their new owner", XactSnapshot::outBytes);
        reb("ais_target_reb_rx_count", "rebalance: objects received", XactSnapshot::inObjs);
        reb("ais_target_reb_rx_bytes", "rebalance: bytes received", XactSnapshot::inBytes);
        String[] refusals = {"refused", "replaced", "unresolved"};
        for (int i = 0; i < refusals.length; i++) {
            int at = i;
            gauge(
                    "ais_target_ec_slice_refusals",
                    "slices/replicas a holder refused for holding a newer generation: "
                            + "refused in all, replaced by this main's, left unresolved",
                    MetricUnits.NONE,
                    () -> ec.refusalCounters()[at],
                    new Tag("outcome", refusals[i]));
        }
        etl("inline", "ETL inline transform requests", etl::inlineStats);
        etl("offline", "requests to ETL made by offline transform jobs", etl::offlineStats);
        gauge(
                "ais_target_reb_running",
                "1 while this node's part of a rebalance runs",
                MetricUnits.NONE,
                () -> latestRebalance().filter(XactSnapshot::running).isPresent() ? 1L : 0L);
    }

    /** AIS's {@code etl.<mode>.n}, {@code .ns.total}, {@code .size} under their Prometheus names. */
    private void etl(String mode, String what, Supplier<net.aisj.service.etl.EtlTransforms.Stats> stats) {
        String p = "ais_target_etl_" + mode;
        gauge(
                p + "_count",
                "total number of " + what,
                MetricUnits.NONE,
                () -> stats.get().count());
        gauge(
                p + "_ns_total",
                "total accumulated latency of " + what + " (nanoseconds)",
                MetricUnits.NONE,
                () -> stats.get().nsTotal());
        gauge(
                p + "_bytes",
                "object bytes handed to the transformers by " + what,
                MetricUnits.NONE,
                () -> stats.get().bytes());
    }

    private void reb(String name, String help, ToLongFunction<XactSnapshot> f) {
        gauge(
                name,
                help + " (latest rebalance)",
                MetricUnits.NONE,
                () -> latestRebalance().map(f::applyAsLong).orElse(0L));
    }

    private Optional<XactSnapshot> latestRebalance() {
        return snaps.stream()
                .filter(s -> s.kind().equals(XactKind.REBALANCE.wire()))
                .findFirst();
    }

    private void syncMountpaths(NodeVolume v) {
        Set<String> now = new HashSet<>();
        for (MountpathInfo m : v.mountpaths()) {
            now.add(m.path());
            Boolean was = mountpathState.put(m.path(), m.enabled());
            if (was == null) {
                Tag mp = new Tag("mountpath", m.path());
                gauge(
                        "ais_target_mountpath_used_bytes",
                        "bytes used on the mountpath's file system",
                        MetricUnits.NONE,
                        () -> mountpath(m.path()).map(MountpathInfo::usedBytes).orElse(0L),
                        mp);
                gauge(
                        "ais_target_mountpath_total_bytes",
                        "capacity of the mountpath's file system",
                        MetricUnits.NONE,
                        () -> mountpath(m.path()).map(MountpathInfo::totalBytes).orElse(0L),
                        mp);
                gauge(
                        "ais_target_disk_read_bytes",
                        "object bytes read from the mountpath since the node started",
                        MetricUnits.NONE,
                        () -> mountpath(m.path()).map(MountpathInfo::readBytes).orElse(0L),
                        mp);
                gauge(
                        "ais_target_disk_write_bytes",
                        "object bytes written to the mountpath since the node started",
                        MetricUnits.NONE,
                        () -> mountpath(m.path())
                                .map(MountpathInfo::writtenBytes)
                                .orElse(0L),
                        mp);
                gauge(
                        "ais_target_err_cksum_count",
                        "copies on the mountpath found bad (checksum or size mismatch)"
                                + " by reads and scrubs since the node started",
                        MetricUnits.NONE,
                        () -> mountpath(m.path()).map(MountpathInfo::badCopies).orElse(0L),
                        mp);
                gauge(
                        "ais_target_mountpath_enabled",
                        "1 when the mountpath is usable",
                        MetricUnits.NONE,
                        () -> mountpath(m.path()).filter(MountpathInfo::enabled).isPresent() ? 1L : 0L,
                        mp);
            } else if (was != m.enabled()) {
                LOG.warning("mountpath " + m.path() + " is now " + (m.enabled() ? "enabled" : "disabled"));
            }
        }
        for (String gone : Set.copyOf(mountpathState.keySet())) {
            if (!now.contains(gone)) {
                mountpathState.remove(gone);
                LOG.warning("mountpath " + gone + " is gone from this node");
                for (String n : List.of(
                        "ais_target_mountpath_used_bytes",
                        "ais_target_mountpath_total_bytes",
                        "ais_target_mountpath_enabled")) {
                    registry.remove(new MetricID(n, new Tag("node_id", nodeId), new Tag("mountpath", gone)));
                }
            }
        }
    }

    private Optional<MountpathInfo> mountpath(String path) {
        NodeVolume v = volume;
        return v == null
                ? Optional.empty()
                : v.mountpaths().stream().filter(m -> m.path().equals(path)).findFirst();
    }

    /** Counts jobs the first time they are seen, and again when seen ended. */
    private void countJobs(List<XactSnapshot> list) {
        for (XactSnapshot s : list) {
            Tag kind = new Tag("kind", s.kind());
            if (started.add(s.id() + "@" + s.kind())) {
                counter("ais_target_xact_started_count", "jobs started on this node", kind);
            }
            if (!s.running() && finished.add(s.id() + "@" + s.kind())) {
                counter(
                        s.aborted() ? "ais_target_xact_aborted_count" : "ais_target_xact_finished_count",
                        s.aborted() ? "jobs aborted on this node" : "jobs finished on this node",
                        kind);
            }
        }
        if (started.size() > 10_000) {
            started.clear();
            finished.clear();
            list.forEach(s -> {
                started.add(s.id() + "@" + s.kind());
                if (!s.running()) {
                    finished.add(s.id() + "@" + s.kind());
                }
            });
        }
    }

    private void counter(String name, String help, Tag kind) {
        registry.counter(
                        Metadata.builder().withName(name).withDescription(help).build(),
                        new Tag("node_id", nodeId),
                        kind)
                .inc();
    }

    private void gauge(String name, String help, String unit, Supplier<Long> value, Tag... extra) {
        Tag[] tags = new Tag[extra.length + 1];
        tags[0] = new Tag("node_id", nodeId);
        System.arraycopy(extra, 0, tags, 1, extra.length);
        registry.gauge(
                Metadata.builder()
                        .withName(name)
                        .withDescription(help)
                        .withUnit(unit)
                        .build(),
                value,
                tags);
    }
}
