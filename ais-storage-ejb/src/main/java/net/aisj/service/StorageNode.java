package net.aisj.service;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import com.hazelcast.core.HazelcastInstance;

import net.aisj.cluster.BucketMetadataStore;
import net.aisj.cluster.HazelcastBucketMetadataStore;
import net.aisj.cluster.MetaJson;
import net.aisj.connector.api.NodeVolume;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * The node itself: at deployment it opens the mountpaths through the storage adapter, recovers the newest BMD from
 * disk and the data grid, and publishes its cluster map. If any of that fails the deployment fails, so
 * {@code /v1/health} never answers 200 for a node that cannot serve. Thread-safe: state is published through
 * volatile fields.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@ConnectionFactoryDefinition(name = StorageNode.CF_NAME, interfaceName = "net.aisj.connector.api.StorageConnectionFactory",
        resourceAdapter = "ais-connector", transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0, maxPoolSize = 512)
public class StorageNode {

    static final String CF_NAME = "java:app/eis/ais-storage";
    private static final Logger LOG = Logger.getLogger(StorageNode.class.getName());

    @Resource(lookup = CF_NAME)
    StorageConnectionFactory connections;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @Inject
    NodeConfig config;

    private volatile NodeInfo self;
    private volatile ClusterMap clusterMap;
    private volatile BucketMetadataStore bmd;
    private volatile NodeVolume volume;
    private final long startedNanos = System.nanoTime();
    private volatile boolean ready;

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
            BucketMetadata onDisk = newestOnDisk(c);
            String uuid = onDisk != null ? onDisk.uuid() : newUuid();
            bmd = new HazelcastBucketMetadataStore(hazelcast.getMap("ais.meta"), uuid, this::persist);
            if (onDisk != null) {
                bmd.offer(onDisk);
            }
            String url = config.publicUrl();
            self = new NodeInfo(volume.nodeId(), config.isProxy(), config.isTarget(), config.httpAddress(),
                    config.httpPort(), url, 0);
            clusterMap = new ClusterMap(bmd.current().uuid(), 1, Map.of(self.id(), self), self.id(),
                    System.currentTimeMillis() * 1_000_000L);
            ready = true;
            LOG.info(() -> "node " + self.id() + " ready: mountpaths " + mps + ", public URL " + url
                    + ", BMD v" + bmd.current().version() + " with " + bmd.current().buckets().size() + " bucket(s)");
        } catch (StorageException e) {
            throw new IllegalStateException("cannot open mountpaths " + mps + ": " + e.getMessage(), e);
        }
    }

    private BucketMetadata newestOnDisk(StorageConnection c) throws StorageException {
        BucketMetadata best = null;
        for (byte[] doc : c.loadMeta("bmd")) {
            try {
                BucketMetadata m = MetaJson.readBmd(MetaJson.parse(new String(doc,
                        java.nio.charset.StandardCharsets.UTF_8)));
                if (best == null || m.version() > best.version()) {
                    best = m;
                }
            } catch (AisException | ClassCastException | NullPointerException e) {
                LOG.warning("ignoring an unreadable BMD copy on a mountpath: " + e.getMessage());
            }
        }
        return best;
    }

    private void persist(BucketMetadata m) {
        try (StorageConnection c = connection()) {
            c.storeMeta("bmd", MetaJson.bmd(m).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (StorageException | AisException e) {
            LOG.log(Level.WARNING, "cannot persist BMD v" + m.version() + ": " + e.getMessage());
        }
    }

    private static String newUuid() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A connection to the storage adapter; close it. */
    public StorageConnection connection() {
        try {
            return connections.getConnection();
        } catch (ResourceException e) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "storage adapter unavailable: " + e.getMessage(), e);
        }
    }

    /** True once started and while at least one mountpath is usable. */
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

    public NodeInfo self() {
        return self;
    }

    public ClusterMap clusterMap() {
        return clusterMap;
    }

    public BucketMetadataStore bucketMetadata() {
        return bmd;
    }

    /** The node's identity and current mountpath state. */
    public NodeVolume volume() {
        try (StorageConnection c = connection()) {
            return c.volume();
        } catch (StorageException e) {
            throw new AisException(AisException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    public NodeConfig config() {
        return config;
    }

    public long uptimeNanos() {
        return System.nanoTime() - startedNanos;
    }
}
