package net.aisj.service;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.service.ec.EcService;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.CopiesXaction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Target-local redundancy and mountpaths (AIS's mirroring and resilver): the {@code make-n-copies} bucket action
 * (props, then the job on every target), {@code resilver} jobs, the mountpath actions, and the filesystem health
 * check, which runs every {@value #FSHC_SECONDS} s once the node has joined and starts a resilver whenever the set
 * of usable mountpaths changed. A detach waits for the resilver that drains the mountpath: the mountpath is
 * disabled first (still readable, nothing new placed there) and detached when a resilver has finished cleanly.
 * With {@code ais.scrub.interval.seconds} &gt; 0 the node also starts a scrub of all its buckets that often (not
 * while one runs). Thread-safe.
 */
@ApplicationScoped
public class MirrorService {

    static final int FSHC_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(MirrorService.class.getName());
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectListing listing;

    @Inject
    XactionRegistry registry;

    @Inject
    EcService ec;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Period of the automatic scrub of every bucket on this node; 0 = only on request. */
    @Inject
    @ConfigProperty(name = "ais.scrub.interval.seconds", defaultValue = "0")
    long scrubIntervalSeconds;

    private final Set<String> pendingDetach = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> fshc;
    private volatile ScheduledFuture<?> periodicScrub;
    private volatile long generation = -1;

    /** AIS-style job id: 9 letters and digits, starting with a letter. */
    public static String newId() {
        StringBuilder b = new StringBuilder(9).append(ID_CHARS.charAt(RANDOM.nextInt(52)));
        while (b.length() < 9) {
            b.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }

    /**
     * The bucket action {@code make-n-copies}: sets {@code mirror.copies} (and {@code mirror.enabled} = n > 1),
     * then starts the job on every target. Returns the job id.
     */
    public String makeNCopies(BucketId bucket, int n) {
        if (n < 1 || n > 32) {
            throw AisException.badRequest("make-n-copies: invalid number of copies " + n + " (expected 1..32)");
        }
        buckets.setProps(
                bucket,
                p -> p.withMirror(new BucketProps.Mirror(
                        n > 1, n, p.mirror().burstBuffer(), p.mirror().syncPut())));
        String id = newId();
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                startLocal(XactKind.MAKE_N_COPIES.wire(), id, bucket);
            } else {
                node.intra().startXaction(t, XactKind.MAKE_N_COPIES.wire(), id, bucket.name());
            }
        }
        return id;
    }

    /** Starts a resilver on the given target (all targets when {@code nodeId} is empty); returns the job id. */
    public String startResilver(String nodeId) {
        String id = newId();
        boolean any = false;
        for (NodeInfo t : node.clusterMap().targets()) {
            if (nodeId != null && !nodeId.isEmpty() && !t.id().equals(nodeId)) {
                continue;
            }
            any = true;
            if (t.id().equals(node.self().id())) {
                startLocal(XactKind.RESILVER.wire(), id, null);
            } else {
                node.intra().startXaction(t, XactKind.RESILVER.wire(), id, "");
            }
        }
        if (!any) {
            throw AisException.notFound("no target \"" + nodeId + "\" in the cluster map");
        }
        return id;
    }

    /** Starts a scrub of one bucket (or all, when null) on every target; returns the job id. */
    public String startScrub(BucketId bucket) {
        if (bucket != null) {
            buckets.props(bucket);
        }
        String id = newId();
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                startLocal(XactKind.SCRUB.wire(), id, bucket);
            } else {
                node.intra().startXaction(t, XactKind.SCRUB.wire(), id, bucket == null ? "" : bucket.name());
            }
        }
        return id;
    }

    /** This node's part of a job (from a local call or another node's broadcast). */
    public Xaction startLocal(String kind, String id, BucketId bucket) {
        XactKind k = XactKind.of(kind)
                .filter(x -> x == XactKind.MAKE_N_COPIES || x == XactKind.RESILVER || x == XactKind.SCRUB)
                .orElseThrow(() -> AisException.badRequest("cannot start job kind \"" + kind + "\" here"));
        if (k == XactKind.MAKE_N_COPIES && bucket == null) {
            throw AisException.badRequest("make-n-copies needs a bucket");
        }
        if (k == XactKind.RESILVER) {
            generation = currentGeneration();
        }
        return registry.start(new CopiesXaction(
                id, k, k == XactKind.RESILVER ? null : bucket, walker(k == XactKind.SCRUB), this::finished));
    }

    /**
     * A mountpath action on this node ({@code attach-mp}, {@code enable-mp}, {@code disable-mp}, {@code detach-mp});
     * a resilver follows unless {@code dontResilver}. Returns the volume after the change.
     */
    public NodeVolume mountpath(String action, String path, boolean dontResilver) {
        if (path == null || path.isBlank()) {
            throw AisException.badRequest(action + ": the value must be the mountpath");
        }
        try (StorageConnection c = node.connection()) {
            NodeVolume v = switch (action) {
                case "attach-mp" -> c.attachMountpath(path);
                case "enable-mp" -> c.enableMountpath(path, true);
                case "disable-mp" -> c.enableMountpath(path, false);
                case "detach-mp" -> {
                    if (dontResilver) {
                        yield c.detachMountpath(path);
                    }
                    pendingDetach.add(path);
                    yield c.enableMountpath(path, false);
                }
                default ->
                    throw AisException.badRequest("invalid mountpath action \"" + action + "\" (expected "
                            + "attach-mp, enable-mp, disable-mp or detach-mp)");
            };
            LOG.info(() -> action + " " + path + " on " + node.self().id());
            if (dontResilver) {
                generation = c.mountpathGeneration(); // the health check must not resilver either
            } else {
                startLocal(XactKind.RESILVER.wire(), newId(), null);
            }
            return v;
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** Starts the health check once the node has joined (the first cluster map after ready). */
    void onClusterMap(@ObservesAsync ClusterMap map) {
        if (fshc == null && node.isReady()) {
            synchronized (this) {
                if (fshc == null) {
                    generation = currentGeneration();
                    fshc = scheduler.scheduleWithFixedDelay(
                            this::healthCheck, FSHC_SECONDS, FSHC_SECONDS, TimeUnit.SECONDS);
                    if (scrubIntervalSeconds > 0) {
                        periodicScrub = scheduler.scheduleWithFixedDelay(
                                this::scrubIfIdle, scrubIntervalSeconds, scrubIntervalSeconds, TimeUnit.SECONDS);
                        LOG.info(() -> "periodic scrub every " + scrubIntervalSeconds + " s");
                    }
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {fshc, periodicScrub}) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** The periodic scrub: this node's part only, all buckets, skipped while a scrub runs here. */
    private void scrubIfIdle() {
        try {
            if (registry.latest(XactKind.SCRUB).map(Xaction::isRunning).orElse(false)) {
                return;
            }
            startLocal(XactKind.SCRUB.wire(), newId(), null);
        } catch (RuntimeException e) {
            LOG.warning("periodic scrub not started: " + e.getMessage());
        }
    }

    private void healthCheck() {
        try (StorageConnection c = node.connection()) {
            List<String> disabled = c.checkMountpaths();
            for (String p : disabled) {
                LOG.warning("mountpath " + p + " disabled by the filesystem health check; resilvering");
            }
            if (c.mountpathGeneration() != generation) {
                startLocal(XactKind.RESILVER.wire(), newId(), null);
            }
        } catch (StorageException | RuntimeException e) {
            LOG.fine(() -> "health check skipped: " + e.getMessage());
        }
    }

    private long currentGeneration() {
        try (StorageConnection c = node.connection()) {
            return c.mountpathGeneration();
        } catch (StorageException e) {
            return -1;
        }
    }

    /** A resilver that ended cleanly lets the mountpaths waiting for it go. */
    private void finished(CopiesXaction x) {
        if (x.kind() != XactKind.RESILVER
                || x.isAborted()
                || !x.snapshot().err().isEmpty()) {
            return;
        }
        for (String p : List.copyOf(pendingDetach)) {
            try (StorageConnection c = node.connection()) {
                c.detachMountpath(p);
                pendingDetach.remove(p);
                generation = c.mountpathGeneration();
                LOG.info(() -> "mountpath " + p + " drained by resilver " + x.id() + " and detached");
            } catch (StorageException e) {
                LOG.warning("cannot detach " + p + " after resilver " + x.id() + ": " + e.getMessage());
            }
        }
    }

    private CopiesXaction.Node walker(boolean scrub) {
        return new CopiesXaction.Node() {
            @Override
            public String selfId() {
                return node.self().id();
            }

            @Override
            public List<BucketId> buckets() {
                return buckets.list(null);
            }

            @Override
            public ObjectPage localList(BucketId bucket, ListRequest request) {
                return listing.localList(bucket, request);
            }

            @Override
            public int copies(BucketId bucket) {
                return buckets.props(bucket).mirror().effectiveCopies();
            }

            @Override
            public int place(ObjectId id, int copies) {
                return scrub ? scrubOne(id) : placeCopies(id, copies);
            }
        };
    }

    private int placeCopies(ObjectId id, int copies) {
        try (StorageConnection c = node.connection()) {
            return c.placeCopies(id, copies);
        } catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NOT_FOUND) {
                return 0; // deleted meanwhile
            }
            throw StorageErrors.map(e);
        }
    }

    /**
     * The scrub of one object: every local copy is verified (bad ones re-made from a good one); in an erasure-coded
     * bucket a main copy with no good copy left is restored from its replicas/slices, and (on its main target) every
     * holder re-reads its replica or slice against its metafile: a bad one is dropped there and re-sent. Returns how
     * many copies, replicas and slices were bad or missing and re-made.
     */
    private int scrubOne(ObjectId id) {
        BucketProps p = buckets.props(id.bucket());
        int fixed;
        try (StorageConnection c = node.connection()) {
            fixed = c.scrub(id);
        } catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NOT_FOUND) {
                return 0; // deleted meanwhile
            }
            if (e.reason() != StorageException.Reason.CORRUPTED
                    || ec.restore(id, p, true).isEmpty()) {
                throw StorageErrors.map(e);
            }
            LOG.warning("scrub: " + e.getMessage() + "; restored from its erasure-coded replicas/slices");
            fixed = 1;
        }
        return p.ec().enabled() ? fixed + ec.protect(id, true) : fixed;
    }
}
