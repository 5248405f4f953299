package net.aisj.service.ec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.BucketPropsChange;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectListing;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.EcWalkXaction;

/**
 * Starts EC jobs: {@code ec-recover} on every target whenever the set of targets in service changes (id
 * {@code e<smap version>}, the same on every node), and {@code ec-encode} for a bucket on request (the bucket action
 * turns EC on, then every target walks its objects). Thread-safe.
 */
@ApplicationScoped
public class EcJobs {

    private static final Logger LOG = Logger.getLogger(EcJobs.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectListing listing;

    @Inject
    EcService ec;

    @Inject
    XactionRegistry registry;

    private Set<String> lastTargets;

    void onClusterMap(@ObservesAsync ClusterMap map) {
        startRecovery(map);
    }

    private synchronized void startRecovery(ClusterMap map) {
        NodeInfo self = map.nodes().get(node.self().id());
        if (self == null || !self.target()) {
            return;
        }
        Set<String> targets = map.targets().stream()
                .filter(NodeInfo::inService)
                .map(NodeInfo::id)
                .collect(Collectors.toSet());
        if (targets.equals(lastTargets)) {
            return;
        }
        boolean first = lastTargets == null;
        lastTargets = targets;
        List<BucketId> ecBuckets = ecBuckets(null);
        if (ecBuckets.isEmpty() || (first && targets.size() <= 1)) {
            return;
        }
        LOG.info(() -> "cluster map v" + map.version() + ": targets " + targets + "; starting ec-recover");
        registry.start(new EcWalkXaction("e" + map.version(), XactKind.EC_RECOVER, new Walk(null), "", false));
    }

    /**
     * The {@code ec-encode} bucket action: turns erasure coding on with {@code value}'s data/parity slices (AIS
     * {@code ECConfToSet}, an object or its JSON as a string) unless already on, then starts the job on every
     * target. With {@code recover}, holders also re-read their slices and bad ones are re-sent. Returns the job id.
     */
    public String encodeBucket(BucketId bucket, BucketPropsChange ecOn, boolean recover) {
        BucketProps p = buckets.props(bucket);
        if (!p.ec().enabled()) {
            buckets.setProps(bucket, ecOn);
        }
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        String id = "ec-" + HexFormat.of().formatHex(b);
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                startLocal(XactKind.EC_ENCODE.wire(), id, bucket, recover);
            } else {
                ec.intra().startJob(t, XactKind.EC_ENCODE.wire(), id, bucket, recover);
            }
        }
        return id;
    }

    /** Starts this target's part of an EC job (intra call from the node that took the request). */
    public void startLocal(String kind, String id, BucketId bucket, boolean verify) {
        if (!XactKind.EC_ENCODE.wire().equals(kind)) {
            throw AisException.badRequest("cannot start job kind \"" + kind + "\" this way");
        }
        buckets.props(bucket);
        registry.start(new EcWalkXaction(id, XactKind.EC_ENCODE, new Walk(bucket), bucket.cname(), verify));
    }

    private List<BucketId> ecBuckets(BucketId only) {
        return node.bucketMetadata().current().buckets().entrySet().stream()
                .filter(e -> e.getValue().ec().enabled() && (only == null || only.equals(e.getKey())))
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    /** The node as an EC job sees it. */
    private final class Walk implements EcWalkXaction.Node {
        private final BucketId only;

        Walk(BucketId only) {
            this.only = only;
        }

        @Override
        public String selfId() {
            return node.self().id();
        }

        @Override
        public List<BucketId> buckets() {
            return ecBuckets(only);
        }

        @Override
        public ObjectPage localList(BucketId bucket, ListRequest request) {
            return listing.localList(bucket, request);
        }

        @Override
        public List<String> orphans(BucketId bucket) {
            return ec.orphans(bucket);
        }

        @Override
        public int protect(ObjectId id, boolean verify) {
            return ec.protect(id, verify);
        }

        @Override
        public long restore(ObjectId id) {
            return ec.restore(id, buckets.props(id.bucket()), false)
                    .map(ObjectStat::size)
                    .orElse(-1L);
        }
    }
}
