package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import net.aisj.cluster.DataGrid;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.RebalanceXaction;

/**
 * Starts this target's rebalance whenever the set of targets that own data changes (join, leave, maintenance,
 * decommission), and finishes a decommission: once this node has drained itself, it leaves the cluster map and
 * stops. Every node derives the same rebalance id ({@code g<smap version>}) from the same map.
 */
@ApplicationScoped
public class RebalanceService {

    private static final Logger LOG = Logger.getLogger(RebalanceService.class.getName());

    @Inject
    LocalNode node;

    @Inject
    DataGrid grid;

    @Inject
    ObjectService objects;

    @Inject
    ObjectListing listing;

    @Inject
    ObjectReceiver receiver;

    @Inject
    BucketService buckets;

    @Inject
    XactionRegistry registry;

    @Inject
    RebalanceWindow window;

    private static final String REQUESTS = "ais.reb.requests";
    private static final String REQUEST_KEY = "requested-smap-version";

    private Set<String> lastOwners;
    /** {@link LocalNode#separations()} when the last rebalance started. */
    private long lastSeparations;

    void onClusterMap(@ObservesAsync ClusterMap map) {
        start(map);
    }

    private synchronized void start(ClusterMap map) {
        NodeInfo self = map.nodes().get(node.self().id());
        if (self == null || !self.target()) {
            return;
        }
        Set<String> owners = map.targets().stream()
                .filter(NodeInfo::inService)
                .map(NodeInfo::id)
                .collect(Collectors.toSet());
        Optional<Xaction> latest = registry.latest(XactKind.REBALANCE);
        long latestVersion =
                latest.map(x -> ((RebalanceXaction) x).clusterMap().version()).orElse(-1L);
        // a node that was separated (partition, long stop) rebalances even if the owners look unchanged to it: it
        // missed the maps of the other side, whose writes must come to it
        long separations = node.separations();
        if (map.version() <= latestVersion
                || owners.equals(lastOwners) && separations == lastSeparations && !requested(map.version())) {
            return;
        }
        lastOwners = owners;
        lastSeparations = separations;
        LOG.info(() -> "cluster map v" + map.version() + ": data owners " + owners + "; starting rebalance");
        window.started(map.version(), separations);
        registry.start(new RebalanceXaction(map, new Local(), this::finished));
    }

    /**
     * A user's rebalance: publishes the cluster map again under the next version, marked on the data grid as a
     * requested rebalance, so every target starts rebalance {@code g<version>} even though no owner changed.
     */
    public ClusterMap requestRebalance() {
        while (true) {
            ClusterMap cur = node.clusterMap();
            grid.putNumber(REQUESTS, REQUEST_KEY, cur.version() + 1);
            ClusterMap next = node.clusterMapStore()
                    .update(m -> m.version() != cur.version()
                            ? m
                            : new ClusterMap(m.uuid(), m.version() + 1, m.nodes(), m.primaryId(), m.created()));
            if (next.version() == cur.version() + 1 && next != cur) {
                return next;
            }
        }
    }

    private boolean requested(long version) {
        return grid.number(REQUESTS, REQUEST_KEY).orElse(-1) == version;
    }

    /** Stores an object a rebalancing target sent here and counts it in this node's part of job {@code xactId}. */
    public void receive(ObjectId id, ObjectStat meta, java.io.InputStream in, String xactId) {
        receiver.receive(id, meta, in);
        if (xactId != null && !xactId.isEmpty()) {
            registry.get(xactId).ifPresent(x -> x.received(meta.size()));
        }
    }

    private void finished(RebalanceXaction x) {
        if (!x.isAborted()) {
            window.finished(x.clusterMap().version());
        }
        NodeInfo self = x.clusterMap().nodes().get(node.self().id());
        boolean decommissioning = self != null && (self.flags() & NodeInfo.DECOMM) != 0;
        if (decommissioning
                && !x.isAborted()
                && x.snapshot().err().isEmpty()
                && node.clusterMap().version() == x.clusterMap().version()) {
            LOG.info(() -> "decommission of " + self.id() + ": drained; leaving the cluster map and stopping");
            node.membership().forget(self.id());
            node.shutdownSoon();
        }
    }

    /** The node as the rebalance sees it. */
    private final class Local implements RebalanceXaction.Node {

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
        public Optional<ObjectStat> localStat(ObjectId id) {
            return objects.localStat(id);
        }

        @Override
        public void send(NodeInfo owner, ObjectId id, ObjectStat stat, String xactId) {
            try (ObjectReader r = objects.localOpen(id)) {
                node.intra().push(owner, id, r.stat(), r.stream(), xactId);
            } catch (java.io.IOException e) {
                throw new AisException(AisException.Kind.INTERNAL, "reading " + id.cname() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void deleteIfUnchanged(ObjectId id, ObjectStat expected) {
            objects.localDeleteIfUnchanged(id, expected);
        }

        @Override
        public java.util.Map<ObjectId, Long> deleteRecords() {
            return receiver.deleteRecords();
        }

        @Override
        public void sendDeleteRecord(NodeInfo owner, ObjectId id, long atMillis) {
            node.intra().deleteRecord(owner, id, atMillis);
        }
    }
}
