package net.aisj.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;

import net.aisj.cluster.GridMembership;
import net.aisj.cluster.IntraClient;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * What request threads read of this node on every object call: its identity, the cluster map, the shared storage
 * connection and the intra-cluster client. {@link StorageNode} publishes them once at startup (and its identity again when it
 * joins). Reading them here is a field read; the same getters on the {@code StorageNode} EJB are container
 * invocations, which cost about a tenth of a small GET. Before startup has published them, the getters answer
 * UNAVAILABLE. Thread-safe: published through volatile fields.
 */
@ApplicationScoped
public class LocalNode {

    private volatile StorageConnectionFactory connections;
    private volatile VersionedStore<ClusterMap> smap;
    private volatile IntraClient intra;
    private volatile NodeInfo self;
    private volatile byte[] intraSecret;
    private volatile GridMembership membership;

    /** Called by {@link StorageNode} when it has opened its storage and the cluster map. */
    void publish(StorageConnectionFactory connections, VersionedStore<ClusterMap> smap, IntraClient intra,
                 String intraSecret, NodeInfo self) {
        this.intraSecret = intraSecret.getBytes(StandardCharsets.UTF_8);
        this.connections = connections;
        this.smap = smap;
        this.intra = intra;
        this.self = self;
    }

    /** Called by {@link StorageNode} once it follows the grid's membership. */
    void membership(GridMembership membership) {
        this.membership = membership;
    }

    /**
     * Fails with UNAVAILABLE (503) while this node is cut off from the majority of its cluster map (a network
     * partition): it must not serve or accept objects as their owner then. A field read otherwise.
     */
    public void checkQuorum() {
        GridMembership m = membership;
        if (m != null && !m.hasQuorum()) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "node " + (self == null ? "?" : self.id())
                    + " is cut off from the majority of the cluster (" + m.quorumState() + "): it refuses object"
                    + " calls until it rejoins; use another node");
        }
    }

    /** Called by {@link StorageNode} when its entry in the cluster map changes (on join). */
    void self(NodeInfo self) {
        this.self = self;
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

    public IntraClient intra() {
        return started(intra);
    }

    /** Whether a request carries the cluster's shared secret (calls forwarded by a member). */
    public boolean isIntraCaller(String secretHeader) {
        byte[] s = intraSecret;
        return s != null && secretHeader != null
                && MessageDigest.isEqual(s, secretHeader.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T started(T value) {
        if (value == null) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "the node is starting");
        }
        return value;
    }
}
