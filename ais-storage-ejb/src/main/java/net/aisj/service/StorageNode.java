package net.aisj.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.cluster.DataGrid;
import net.aisj.cluster.GridMembership;
import net.aisj.cluster.IntraClient;
import net.aisj.cluster.MetaJson;
import net.aisj.cluster.VersionedStore;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * Starts the node and wires it, nothing else: at deployment it opens the mountpaths through the storage adapter, recovers the newest BMD from
 * disk and the data grid, and publishes its cluster map. If any of that fails the deployment fails, so
 * {@code /v1/health} never answers 200 for a node that cannot serve. What it opened is published in
 * {@link LocalNode}, which the rest of the application reads. Thread-safe: state is published through volatile
 * fields.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@ConnectionFactoryDefinition(
        name = StorageNode.CF_NAME,
        interfaceName = "net.aisj.connector.api.StorageConnectionFactory",
        resourceAdapter = "ais-connector",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 512)
public class StorageNode {

    static final String CF_NAME = "java:app/eis/ais-storage";
    private static final Logger LOG = Logger.getLogger(StorageNode.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = CF_NAME)
    StorageConnectionFactory connections;

    @Inject
    DataGrid grid;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    NodeConfig config;

    @Inject
    TlsSettings tls;

    /** Where request threads read self, the cluster map and connections without an EJB call. */
    @Inject
    LocalNode local;

    /** The attached remote AIS clusters: their document is opened with the BMD's. */
    @Inject
    net.aisj.service.cache.RemoteClusters remoteClusters;

    /** The ETL metadata: its document is opened with the BMD's. */
    @Inject
    net.aisj.service.etl.EtlService etls;

    /** The embedded AuthN: its document is opened with the BMD's. */
    @Inject
    net.aisj.service.auth.AuthnService authn;

    /** Every newer cluster map, delivered asynchronously (rebalance listens). */
    @Inject
    Event<ClusterMap> clusterMapEvents;

    private volatile NodeInfo self;
    private volatile VersionedStore<ClusterMap> smap;
    private volatile VersionedStore<BucketMetadata> bmd;
    private volatile GridMembership membership;
    private volatile NodeVolume volume;
    private volatile IntraClient intra;
    private volatile String intraSecret;
    private volatile boolean markedReady;
    private volatile java.util.concurrent.ScheduledFuture<?> joiner;
    private BucketMetadata lastBmd;

    @PostConstruct
    void start() {
        PayaraRuntime.warnAboutOverriddenOptions();
        List<String> mps = config.mountpaths();
        if (mps.isEmpty()) {
            throw new IllegalStateException("ais.mountpaths is empty");
        }
        if (!config.isProxy() && !config.isTarget()) {
            throw new IllegalStateException("ais.roles must name proxy and/or target");
        }
        try (StorageConnection c = connection()) {
            volume = c.open(config.nodeId().orElse(null), mps);
            BucketMetadata bmdOnDisk = newestOnDisk(c, "bmd", MetaJson::bmdOf, BucketMetadata::version);
            ClusterMap smapOnDisk = newestOnDisk(c, "smap", MetaJson::smapOf, ClusterMap::version);
            String uuid = bmdOnDisk != null ? bmdOnDisk.uuid() : smapOnDisk != null ? smapOnDisk.uuid() : newUuid();
            bmd = grid.versionedStore(
                    "bmd",
                    MetaJson::bmdOf,
                    MetaJson::bmdText,
                    BucketMetadata::version,
                    () -> BucketMetadata.empty(uuid));
            smap = grid.versionedStore(
                    "smap",
                    MetaJson::smapOf,
                    MetaJson::smapText,
                    ClusterMap::version,
                    () -> new ClusterMap(bmd.current().uuid(), 0, Map.of(), "", 0));
            bmd.addListener(m -> persist("bmd", MetaJson.bmdText(m), m.version()));
            bmd.addListener(this::dropDestroyedBuckets);
            smap.addListener(m -> persist("smap", MetaJson.smapText(m), m.version()));
            smap.addListener(m -> {
                if (local.isReady()) {
                    clusterMapEvents.fireAsync(m);
                }
            });
            if (bmdOnDisk != null) {
                bmd.offer(bmdOnDisk);
            }
            synchronized (this) {
                lastBmd = bmd.current();
            }
            if (smapOnDisk != null) {
                smap.offer(smapOnDisk);
            }
            intraSecret = grid.agreeOn("intra-secret", newUuid() + newUuid());
            intra = new IntraClient(intraSecret, tls.enabled() ? tls.clientContext() : null);
            membership = grid.membership(smap);
            self = new NodeInfo(
                    volume.nodeId(),
                    config.isProxy(),
                    config.isTarget(),
                    config.httpAddress(),
                    config.publicPort(),
                    config.publicUrl(),
                    0,
                    membership.localMemberId());
            local.publish(new LocalNode.Published(connections, smap, bmd, membership, intra, intraSecret, self));
            remoteClusters.open(c);
            etls.open(c);
            authn.open(c);
            membership.onRejoin(again -> {
                self = again;
                local.rejoined(again);
            });
            membership.onQuorumLost(local::separated);
            membership.join(self);
            local.bmdApplied(self.id(), bmd.current().version());
            bmd.addListener(m -> local.bmdApplied(self.id(), m.version()));
            joiner = scheduler.scheduleWithFixedDelay(this::completeJoin, 100, 100, TimeUnit.MILLISECONDS);
            LOG.info(() -> "node " + self.id() + " started: mountpaths " + mps + ", public URL " + self.publicUrl()
                    + ", BMD v" + bmd.current().version() + " with "
                    + bmd.current().buckets().size()
                    + " bucket(s); joining the cluster");
        } catch (StorageException e) {
            throw new IllegalStateException("cannot open mountpaths " + mps + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs every 100 ms after deployment until the node has joined: once this node answers HTTP on its public URL
     * (the application is deployed), it tells the primary it is ready; once the primary has put it (with its
     * current grid member id) into the Smap, the node is ready and {@code /v1/health} answers 200. So no client or
     * peer is ever sent to a node that cannot serve yet.
     */
    private void completeJoin() {
        try {
            if (!markedReady) {
                if (!intra.ping(self)) {
                    return;
                }
                membership.markReady(self.id());
                markedReady = true;
            }
            NodeInfo listed = smap.current().nodes().get(self.id());
            if (listed == null || !listed.memberId().equals(self.memberId())) {
                membership.reconcileIfPrimary();
                return;
            }
            self = listed;
            local.joined(listed);
            joiner.cancel(false);
            clusterMapEvents.fireAsync(smap.current());
            LOG.info(() -> "node " + self.id() + " joined: Smap v"
                    + smap.current().version() + " with "
                    + smap.current().targets().size() + " target(s); ready "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms after JVM start");
        } catch (RuntimeException e) {
            LOG.fine(() -> "join not complete yet: " + e.getMessage());
        }
    }

    private <T> T newestOnDisk(
            StorageConnection c,
            String name,
            java.util.function.Function<String, T> read,
            java.util.function.ToLongFunction<T> version)
            throws StorageException {
        T best = null;
        for (byte[] doc : c.loadMeta(name)) {
            try {
                T m = read.apply(new String(doc, StandardCharsets.UTF_8));
                if (best == null || version.applyAsLong(m) > version.applyAsLong(best)) {
                    best = m;
                }
            } catch (RuntimeException e) {
                LOG.warning("ignoring an unreadable " + name + " copy on a mountpath: " + e.getMessage());
            }
        }
        return best;
    }

    /**
     * Runs for every new BMD version, in order, before the version counts as seen: local data of buckets that are
     * gone (or were re-created with a new bid) is removed, so a destroy is complete on every node when it returns.
     */
    private synchronized void dropDestroyedBuckets(BucketMetadata next) {
        BucketMetadata prev = lastBmd;
        lastBmd = next;
        if (prev == null) {
            return;
        }
        prev.buckets().forEach((id, props) -> {
            var now = next.get(id);
            if (now.isEmpty() || now.get().bid() != props.bid()) {
                try (StorageConnection c = connection()) {
                    c.destroyBucket(id);
                    LOG.info(() -> "removed the local data of destroyed bucket " + id.cname());
                } catch (StorageException | AisException e) {
                    LOG.log(Level.WARNING, "cannot remove the local data of " + id.cname() + ": " + e.getMessage());
                }
            }
        });
    }

    private void persist(String name, String json, long version) {
        try (StorageConnection c = connection()) {
            c.storeMeta(name, json.getBytes(StandardCharsets.UTF_8));
        } catch (StorageException | AisException e) {
            LOG.log(Level.WARNING, "cannot persist " + name + " v" + version + ": " + e.getMessage());
        }
    }

    private static String newUuid() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A pooled connection of the node's own startup work (request code uses {@link LocalNode#connection()}). */
    private StorageConnection connection() {
        try {
            return connections.getConnection();
        } catch (ResourceException e) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "storage adapter unavailable: " + e.getMessage(), e);
        }
    }
}
