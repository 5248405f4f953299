package net.aisj.service.etl;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import net.aisj.cluster.DataGrid;
import net.aisj.cluster.EtlIntra;
import net.aisj.cluster.EtlJson;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.etl.EtlEntry;
import net.aisj.core.etl.EtlMetadata;
import net.aisj.core.etl.EtlNodeState;
import net.aisj.core.etl.EtlSpec;
import net.aisj.core.etl.EtlStage;
import net.aisj.service.LocalNode;

/**
 * The ETL control plane (AIS {@code /v1/etl}): init, list, details, logs, health and metrics per target, stop,
 * start, delete. The ETLs are the cluster's ETL metadata (AIS's EtlMD): one versioned document on the data grid,
 * kept on every node's mountpaths like the BMD, so a full restart keeps them.
 *
 * <p>Init is all-or-nothing (AIS's two-phase init): the ETL is recorded {@code Initializing}, every target starts
 * its transformer in parallel and answers once it is healthy; if any fails (or {@code init_timeout} passes) every
 * target stops its own and the ETL is {@code Aborted} with the reason, else it is {@code Running}. A transformer
 * that exits aborts its ETL cluster-wide, as AIS's pod watcher does. Every node stops its transformer of an ETL
 * that the metadata shows aborted or deleted; a node that starts (or joins) starts the running ETLs; a target that
 * leaves aborts them (AIS). Unknown
 * names fail with "etl job &lt;name&gt; does not exist" (AIS's SDK maps 404/409 by that text). Thread-safe.
 */
@ApplicationScoped
public class EtlService {

    private static final Logger LOG = Logger.getLogger(EtlService.class.getName());
    private static final String DOC = "etlmd";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Added to {@code init_timeout} for the fan-out itself. */
    private static final long INIT_MARGIN_MILLIS = 30_000;

    /** One row of {@code GET /v1/etl}. */
    public record Summary(EtlEntry entry, long objCount, long inBytes, long outBytes) {}

    /** {@code GET /v1/etl/<name>}: the init message and the recorded object errors of every target. */
    public record Details(EtlEntry entry, List<EtlNodeState.ObjError> errors) {}

    @Inject
    LocalNode node;

    @Inject
    DataGrid grid;

    @Inject
    TransformerSupervisor supervisor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile VersionedStore<EtlMetadata> store;
    private volatile Set<String> targetsSeen;

    /** Opens the metadata at startup (StorageNode): the newest copy on the mountpaths is offered to the grid. */
    public synchronized void open(StorageConnection c) throws StorageException {
        if (store != null) {
            return;
        }
        EtlMetadata best = null;
        for (byte[] doc : c.loadMeta(DOC)) {
            try {
                EtlMetadata m = EtlJson.metadataOf(new String(doc, StandardCharsets.UTF_8));
                if (best == null || m.version() > best.version()) {
                    best = m;
                }
            } catch (RuntimeException e) {
                LOG.warning("ignoring an unreadable " + DOC + " copy on a mountpath: " + e.getMessage());
            }
        }
        VersionedStore<EtlMetadata> s = grid.versionedStore(
                DOC, EtlJson::metadataOf, EtlJson::metadataText, EtlMetadata::version, EtlMetadata::empty);
        s.addListener(this::persist);
        s.addListener(this::reconcile);
        if (best != null) {
            s.offer(best);
        }
        store = s;
        scheduler.scheduleWithFixedDelay(this::supervise, 2, 1, TimeUnit.SECONDS);
        scheduler.schedule(this::startRunning, 1, TimeUnit.SECONDS);
    }

    /** The cluster's ETL metadata now. */
    public EtlMetadata metadata() {
        return store().current();
    }

    /**
     * Initializes an ETL on every target (AIS {@code PUT /v1/etl}).
     *
     * @return the job id ({@code etl-<id>})
     * @throws AisException CONFLICT "etl job &lt;name&gt; already exists"; a target's failure (the ETL is then
     *                      Aborted with it)
     */
    public String init(EtlSpec spec) {
        supervisor.checkRunnable(spec);
        EtlEntry e = new EtlEntry(spec, EtlStage.INITIALIZING, newSecret(), newXid(), "");
        store().update(md -> {
            if (md.get(spec.name()).isPresent()) {
                throw AisException.conflict(node.self().id() + ": etl job " + spec.name() + " already exists");
            }
            return md.with(e);
        });
        return run(e);
    }

    /** {@code start}: runs an Aborted ETL again (new secret, new job id). */
    public String start(String name) {
        EtlEntry cur = entry(name);
        if (cur.stage() != EtlStage.ABORTED) {
            throw AisException.badRequest(
                    "can't start etl job " + name + " during " + cur.stage().wire() + " stage");
        }
        EtlEntry e = new EtlEntry(cur.spec(), EtlStage.INITIALIZING, newSecret(), newXid(), "");
        store().update(md -> {
            EtlEntry now = md.get(name).orElseThrow(() -> notFound(name));
            if (now.stage() != EtlStage.ABORTED) {
                throw AisException.badRequest(
                        "can't start etl job " + name + " during " + now.stage().wire() + " stage");
            }
            return md.with(e);
        });
        return run(e);
    }

    /** {@code stop}: every target stops its transformer; the ETL is Aborted. */
    public void stop(String name) {
        entry(name);
        abort(name, "stopped by user");
    }

    /** {@code DELETE}: stops the ETL and removes it from the metadata. */
    public void delete(String name) {
        entry(name);
        stopEverywhere(name);
        store().update(md -> md.without(name));
        LOG.info(() -> "etl job " + name + " deleted");
    }

    /** Every ETL with the inline counters summed over the targets. */
    public List<Summary> list() {
        List<Summary> out = new ArrayList<>();
        for (EtlEntry e : metadata().etls().values()) {
            long n = 0;
            long in = 0;
            long outB = 0;
            if (e.stage() == EtlStage.RUNNING) {
                for (EtlNodeState s : states(e.name(), "").values()) {
                    n += s.objCount();
                    in += s.inBytes();
                    outB += s.outBytes();
                }
            }
            out.add(new Summary(e, n, in, outB));
        }
        return out;
    }

    /** The ETL and the object errors of every target: inline ones, or those of offline job {@code job}. */
    public Details details(String name, String job) {
        EtlEntry e = entry(name);
        List<EtlNodeState.ObjError> errs = new ArrayList<>();
        states(name, job == null ? "" : job).values().forEach(s -> errs.addAll(s.errors()));
        return new Details(e, errs);
    }

    /** Each target's state of the ETL (targets that run no transformer for it are absent). */
    public Map<String, EtlNodeState> states(String name, String job) {
        entry(name);
        Map<String, EtlNodeState> out = new LinkedHashMap<>();
        for (NodeInfo t : node.clusterMap().targets()) {
            try {
                Optional<EtlNodeState> s = t.id().equals(node.self().id())
                        ? supervisor.state(name, job)
                        : new EtlIntra(node.intra()).state(t, name, job);
                s.ifPresent(x -> out.put(t.id(), x));
            } catch (AisException ex) {
                LOG.fine(() -> "etl job " + name + ": no state from " + t.id() + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /** The targets in the cluster map, by id (health and metrics list every one of them). */
    public List<String> targetIds() {
        return node.clusterMap().targets().stream().map(NodeInfo::id).sorted().toList();
    }

    /**
     * The captured output of the ETL's transformers: of every target, or of {@code targetId} only.
     *
     * @throws AisException NOT_FOUND for an unknown ETL or target
     */
    public Map<String, byte[]> logs(String name, String targetId) {
        entry(name);
        Map<String, byte[]> out = new LinkedHashMap<>();
        boolean found = false;
        for (NodeInfo t : node.clusterMap().targets()) {
            if (targetId != null && !targetId.isEmpty() && !t.id().equals(targetId)) {
                continue;
            }
            found = true;
            Optional<byte[]> l =
                    t.id().equals(node.self().id()) ? supervisor.logs(name) : new EtlIntra(node.intra()).logs(t, name);
            out.put(t.id(), l.orElse(new byte[0]));
        }
        if (!found) {
            throw AisException.notFound("target " + targetId + " does not exist");
        }
        return out;
    }

    /**
     * The running ETL {@code name}.
     *
     * @throws AisException NOT_FOUND "etl job &lt;name&gt; does not exist" (also when it is not running)
     */
    public EtlEntry running(String name) {
        EtlEntry e = metadata().get(name).orElse(null);
        if (e == null || e.stage() != EtlStage.RUNNING) {
            throw AisException.notFound("etl job " + name + " does not exist"
                    + (e == null ? "" : " - its stage is " + e.stage().wire() + ": try starting it"));
        }
        return e;
    }

    /** The ETL {@code name} in any stage, or NOT_FOUND. */
    public EtlEntry entry(String name) {
        return metadata().get(name).orElseThrow(() -> notFound(name));
    }

    /**
     * Checks a transformer's call back into the cluster: {@code secret} must be the running ETL's (compared in
     * constant time).
     *
     * @throws TransformException 403 otherwise
     */
    public EtlEntry authorize(String name, String secret) {
        EtlEntry e = metadata().get(name).orElse(null);
        if (e == null
                || e.stage() == EtlStage.ABORTED
                || secret == null
                || !java.security.MessageDigest.isEqual(
                        e.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw new net.aisj.core.etl.TransformException(403, "etl job " + name + ": invalid secret");
        }
        return e;
    }

    /** This node's half of an init: start the transformer and wait until it is healthy. */
    public void startLocal(EtlEntry e) {
        supervisor.start(e);
    }

    /** This node's half of a stop. */
    public boolean stopLocal(String name) {
        return supervisor.stop(name);
    }

    private String run(EtlEntry e) {
        String name = e.name();
        List<NodeInfo> targets = node.clusterMap().targets();
        Map<NodeInfo, Future<?>> started = new LinkedHashMap<>();
        for (NodeInfo t : targets) {
            started.put(t, scheduler.submit(() -> {
                if (t.id().equals(node.self().id())) {
                    supervisor.start(e);
                } else {
                    new EtlIntra(node.intra()).start(t, e);
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + (e.spec().initTimeoutMillis() + INIT_MARGIN_MILLIS) * 1_000_000;
        AisException failure = null;
        for (Map.Entry<NodeInfo, Future<?>> f : started.entrySet()) {
            try {
                f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException ex) {
                if (failure == null) {
                    failure = ex.getCause() instanceof AisException ae
                            ? ae
                            : new AisException(AisException.Kind.INTERNAL, String.valueOf(ex.getCause()), ex);
                }
            } catch (TimeoutException ex) {
                f.getValue().cancel(true);
                if (failure == null) {
                    failure = new AisException(
                            AisException.Kind.UNAVAILABLE,
                            "etl job " + name + ": target " + f.getKey().id() + " did not start its transformer"
                                    + " within init_timeout");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failure = new AisException(AisException.Kind.UNAVAILABLE, "interrupted initializing etl job " + name);
            }
        }
        if (failure != null) {
            String reason = failure.getMessage();
            abort(name, reason);
            // AIS answers a failed init 400 (its default error status); a retryable 5xx would make AIS's SDK send the
            // init again and show "already exists" (the aborted ETL stays listed) instead of this reason
            throw new AisException(
                    failure.kind() == AisException.Kind.CONFLICT ? failure.kind() : AisException.Kind.BAD_REQUEST,
                    reason.contains("etl job " + name) ? reason : "etl job " + name + ": " + reason,
                    failure);
        }
        store().update(md -> md.change(
                name,
                x -> x.xid().equals(e.xid()) && x.stage() == EtlStage.INITIALIZING
                        ? x.withStage(EtlStage.RUNNING, "")
                        : x));
        if (metadata().get(name).map(x -> x.stage() != EtlStage.RUNNING).orElse(true)) {
            throw AisException.conflict("etl job " + name + " was stopped or deleted while it initialized");
        }
        LOG.info(() -> "etl job " + name + " running on " + targets.size() + " target(s): " + e.xid());
        return e.xid();
    }

    /** Marks the ETL Aborted with {@code reason} and stops every target's transformer. */
    void abort(String name, String reason) {
        store().update(md ->
                md.change(name, x -> x.stage() == EtlStage.ABORTED ? x : x.withStage(EtlStage.ABORTED, reason)));
        stopEverywhere(name);
        LOG.info(() -> "etl job " + name + " aborted: " + reason);
    }

    private void stopEverywhere(String name) {
        for (NodeInfo t : node.clusterMap().targets()) {
            try {
                if (t.id().equals(node.self().id())) {
                    supervisor.stop(name);
                } else {
                    new EtlIntra(node.intra()).stop(t, name);
                }
            } catch (AisException e) {
                LOG.warning("etl job " + name + ": cannot stop the transformer on " + t.id() + ": " + e.getMessage());
            }
        }
    }

    /** Every node: a transformer of an ETL that is aborted or gone is stopped (a missed stop call, a restart). */
    private void reconcile(EtlMetadata md) {
        for (String name : List.copyOf(md.etls().keySet())) {
            EtlEntry e = md.etls().get(name);
            if (e.stage() == EtlStage.ABORTED && supervisor.runs(name)) {
                scheduler.execute(() -> supervisor.stop(name));
            }
        }
        supervisor.runningNames().stream()
                .filter(n -> !md.etls().containsKey(n))
                .forEach(n -> scheduler.execute(() -> supervisor.stop(n)));
    }

    /**
     * A target that leaves the cluster map aborts every running ETL, as AIS does (its share of the data moves to
     * other targets; {@code start} runs the ETL again on the targets there are). Every node sees the change; the
     * first update wins and every node's {@link #reconcile} stops its own transformer.
     */
    void onClusterMap(@ObservesAsync ClusterMap map) {
        Set<String> now = map.targets().stream().map(NodeInfo::id).collect(Collectors.toSet());
        Set<String> before = targetsSeen;
        targetsSeen = now;
        if (before == null || store == null) {
            return;
        }
        Set<String> gone = new TreeSet<>(before);
        gone.removeAll(now);
        if (gone.isEmpty()) {
            return;
        }
        for (EtlEntry e : metadata().etls().values()) {
            if (e.stage() == EtlStage.RUNNING) {
                String reason = "target(s) " + gone + " left the cluster";
                store().update(md -> md.change(
                        e.name(), x -> x.stage() == EtlStage.RUNNING ? x.withStage(EtlStage.ABORTED, reason) : x));
                LOG.info(() -> "etl job " + e.name() + " aborted: " + reason);
            }
        }
    }

    /** Once a second: a transformer that exited aborts its ETL everywhere (AIS never restarts one). */
    private void supervise() {
        try {
            for (Map.Entry<String, String> dead : supervisor.checkAll()) {
                EtlEntry e = metadata().get(dead.getKey()).orElse(null);
                if (e != null && e.stage() == EtlStage.RUNNING) {
                    abort(dead.getKey(), dead.getValue());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "etl supervision round failed: " + e.getMessage(), e);
        }
    }

    /** At startup (and so on joining): start the running ETLs this node does not run yet. */
    private void startRunning() {
        if (!node.isReady()) {
            scheduler.schedule(this::startRunning, 1, TimeUnit.SECONDS);
            return;
        }
        if (!node.self().target()) {
            return;
        }
        for (EtlEntry e : metadata().etls().values()) {
            if (e.stage() == EtlStage.RUNNING && !supervisor.runs(e.name())) {
                try {
                    supervisor.start(e);
                } catch (AisException ex) {
                    abort(e.name(), ex.getMessage());
                }
            }
        }
    }

    private VersionedStore<EtlMetadata> store() {
        VersionedStore<EtlMetadata> s = store;
        if (s == null) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "the node is starting: ETLs not known yet");
        }
        return s;
    }

    private void persist(EtlMetadata md) {
        try (StorageConnection c = node.connection()) {
            c.storeMeta(DOC, EtlJson.metadataText(md).getBytes(StandardCharsets.UTF_8));
        } catch (StorageException | AisException e) {
            LOG.log(Level.WARNING, "cannot persist " + DOC + " v" + md.version() + ": " + e.getMessage());
        }
    }

    private AisException notFound(String name) {
        return AisException.notFound(node.self().id() + ": etl job " + name + " does not exist");
    }

    private static String newSecret() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String newXid() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "etl-" + HexFormat.of().formatHex(b);
    }
}
