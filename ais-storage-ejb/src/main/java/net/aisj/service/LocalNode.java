package net.aisj.service;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import net.aisj.cluster.DataGrid;
import net.aisj.cluster.GridMembership;
import net.aisj.cluster.IntraClient;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;

/**
 * This node as the rest of the application uses it: its identity, the cluster map and bucket metadata, the shared
 * storage connection, the intra-cluster client, readiness and health. Request threads, services and jobs all read
 * it here; {@link StorageNode} only starts the node and publishes what it opened (once at startup, and the node's
 * identity again when it joins). Reading is a field read (the same getters on an EJB were container invocations,
 * about a tenth of a small GET). Before startup has published them, the getters answer UNAVAILABLE.
 * Thread-safe: published through volatile fields.
 */
@ApplicationScoped
public class LocalNode {

    private static final Logger LOG = Logger.getLogger(LocalNode.class.getName());
    /** Data-grid table: the newest BMD version each node has applied ({@code <node id>/bmd}). */
    static final String SEEN = "ais.seen";

    @Inject
    DataGrid grid;

    @Inject
    NodeConfig config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final long startedNanos = System.nanoTime();
    private volatile StorageConnectionFactory connections;
    private volatile VersionedStore<ClusterMap> smap;
    private volatile VersionedStore<BucketMetadata> bmd;
    private volatile GridMembership membership;
    private volatile IntraClient intra;
    private volatile NodeInfo self;
    private volatile byte[] intraSecret;
    private volatile boolean ready;

    /** What {@link StorageNode} opened at startup. */
    record Published(
            StorageConnectionFactory connections,
            VersionedStore<ClusterMap> smap,
            VersionedStore<BucketMetadata> bmd,
            GridMembership membership,
            IntraClient intra,
            String intraSecret,
            NodeInfo self) {}

    /** Called by {@link StorageNode} when it has opened its storage, the metadata and the membership. */
    void publish(Published p) {
        this.intraSecret = p.intraSecret().getBytes(StandardCharsets.UTF_8);
        this.connections = p.connections();
        this.smap = p.smap();
        this.bmd = p.bmd();
        this.membership = p.membership();
        this.intra = p.intra();
        this.self = p.self();
    }

    /**
     * Called by {@link StorageNode} when a split-brain merge gave this node a new grid member id and it registered
     * again under it.
     */
    void rejoined(NodeInfo again) {
        this.self = again;
        separated();
    }

    /** Called by {@link StorageNode} when this node lost the quorum (cut off by a partition, or stopped too long). */
    void separated() {
        separatedAtMillis = System.currentTimeMillis();
        separations.incrementAndGet();
    }

    private final java.util.concurrent.atomic.AtomicLong separations = new java.util.concurrent.atomic.AtomicLong();
    private volatile long separatedAtMillis;

    /**
     * How many times this node was separated from the cluster: it lost the quorum, or a split-brain merge brought it
     * back ({@link #rejoined}). Its copies may then be older than what the other side wrote meanwhile, so the next
     * cluster map starts a rebalance and the rebalance window is open until that rebalance has ended
     * ({@link RebalanceWindow}); while it has no quorum it refuses object calls anyway.
     */
    public long separations() {
        return separations.get();
    }

    /** When this node was last separated (wall clock), 0 if never. */
    public long separatedAtMillis() {
        return separatedAtMillis;
    }

    /**
     * Registered targets missing from the cluster map: down, or back but not ready yet (see
     * {@link GridMembership#targetsNotInMap()}); none before the membership is known.
     */
    public java.util.List<NodeInfo> departedTargets() {
        GridMembership m = membership;
        return m == null ? java.util.List.of() : m.targetsNotInMap();
    }

    /**
     * Fails with UNAVAILABLE (503) while this node is cut off from the majority of its cluster map (a network
     * partition): it must not serve or accept objects as their owner then. A field read otherwise.
     */
    public void checkQuorum() {
        GridMembership m = membership;
        if (m != null && !m.hasQuorum()) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE,
                    "node " + (self == null ? "?" : self.id())
                            + " is cut off from the majority of the cluster (" + m.quorumState()
                            + "): it refuses object"
                            + " calls until it rejoins; use another node");
        }
    }

    /** Called by {@link StorageNode} once the node is listed in the cluster map with its grid member. */
    void joined(NodeInfo listed) {
        this.self = listed;
        this.ready = true;
    }

    /**
     * The application's shared connection to the storage adapter (closing it is harmless, so callers use
     * try-with-resources as with any connection): a pool round trip per call cost about a quarter of a small GET.
     */
    public StorageConnection connection() {
        StorageConnectionFactory f = started(connections);
        try {
            return f.getSharedConnection();
        } catch (ResourceException e) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "storage adapter unavailable: " + e.getMessage(), e);
        }
    }

    public NodeInfo self() {
        return started(self);
    }

    public ClusterMap clusterMap() {
        return started(smap).current();
    }

    /**
     * Waits until this node knows cluster map {@code version} or a later one, at most {@code timeout} (then returns
     * anyway: the caller goes on with the map it has).
     */
    public void awaitClusterMapVersion(long version, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clusterMap().version() < version && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // the map arrives on a grid thread
        }
    }

    /** Whether this node is the HRW owner of {@code id} in the current cluster map. */
    public boolean owns(ObjectId id) {
        return TargetPlacement.owner(clusterMap(), id.uname()).id().equals(self().id());
    }

    public VersionedStore<ClusterMap> clusterMapStore() {
        return started(smap);
    }

    public VersionedStore<BucketMetadata> bucketMetadata() {
        return started(bmd);
    }

    public GridMembership membership() {
        return started(membership);
    }

    public IntraClient intra() {
        return started(intra);
    }

    public NodeConfig config() {
        return config;
    }

    /** Whether a request carries the cluster's shared secret (calls forwarded by a member). */
    public boolean isIntraCaller(String secretHeader) {
        byte[] s = intraSecret;
        return s != null
                && secretHeader != null
                && MessageDigest.isEqual(s, secretHeader.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key of signed redirects ({@link net.aisj.core.auth.RedirectSignature}): derived from the cluster's shared
     * secret, so every member computes the same one and nobody outside can.
     */
    public byte[] redirectKey() {
        byte[] s = started(intraSecret);
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update("ais-redirect-signature:".getBytes(StandardCharsets.UTF_8));
            return d.digest(s);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Joined: listed in the cluster map with this process's grid member. */
    public boolean isReady() {
        return ready;
    }

    /** True once joined and while at least one mountpath is usable. */
    public boolean healthy() {
        if (!ready) {
            return false;
        }
        try (StorageConnection c = connection()) {
            return c.healthy();
        } catch (AisException e) {
            return false;
        }
    }

    /** The node's identity and current mountpath state. */
    public NodeVolume volume() {
        try (StorageConnection c = connection()) {
            return c.volume();
        } catch (StorageException e) {
            throw new AisException(AisException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    public long uptimeNanos() {
        return System.nanoTime() - startedNanos;
    }

    /**
     * Waits until every node in the Smap has seen BMD {@code version} (bounded: a node that does not answer within
     * a few seconds is reported and skipped), so that a bucket change is visible everywhere when the call returns.
     */
    public void awaitBmdEverywhere(long version) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (NodeInfo n : clusterMap().nodes().values()) {
            while (grid.number(SEEN, n.id() + "/bmd").orElse(-1) < version) {
                if (System.nanoTime() > deadline) {
                    LOG.warning("node " + n.id() + " has not seen BMD v" + version + " within 5 s");
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
    }

    /** Tells the other nodes which BMD version this node has applied (read by {@link #awaitBmdEverywhere}). */
    void bmdApplied(String nodeId, long version) {
        grid.putNumber(SEEN, nodeId + "/bmd", version);
    }

    /**
     * Stops this node's process shortly (after the current responses are written): Payara's shutdown hooks run,
     * the grid member leaves gracefully.
     */
    public void shutdownSoon() {
        LOG.info(() -> "node " + self().id() + " shutting down on request");
        scheduler.schedule(() -> System.exit(0), 500, TimeUnit.MILLISECONDS);
    }

    private static <T> T started(T value) {
        if (value == null) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "the node is starting");
        }
        return value;
    }
}
