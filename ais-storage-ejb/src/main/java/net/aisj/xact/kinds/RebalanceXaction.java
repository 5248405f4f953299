package net.aisj.xact.kinds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * This target's part of a rebalance: walk every local object of every bucket and send those that the new cluster
 * map places on another target to their owner; the local copy is deleted only after the owner committed a
 * checksum-verified copy (and only if it did not change meanwhile). Before the objects, the delete records of names
 * other targets now own are forwarded to them. Reads never see a gap: until the owner has the
 * object, it serves it from here (get-from-neighbor).
 */
public final class RebalanceXaction extends Xaction {

    /** What the rebalance needs from the node, kept narrow so the job stays testable. */
    public interface Node {
        String selfId();

        List<BucketId> buckets();

        ObjectPage localList(BucketId bucket, ListRequest request);

        Optional<ObjectStat> localStat(ObjectId id);

        /** Streams the local object to {@code owner} for job {@code xactId}; returns when the owner committed it. */
        void send(NodeInfo owner, ObjectId id, ObjectStat stat, String xactId);

        /** Deletes the local object if it still is {@code expected} (same version and checksum). */
        void deleteIfUnchanged(ObjectId id, ObjectStat expected);

        /** The delete records this node keeps: object and when a client deleted it (see core.RecentDeletes). */
        Map<ObjectId, Long> deleteRecords();

        /** Tells {@code owner} that a client deleted {@code id} at {@code atMillis} (it drops older copies). */
        void sendDeleteRecord(NodeInfo owner, ObjectId id, long atMillis);
    }

    /** Sends of one object tried before the job records an error (the owner may be briefly busy). */
    static final int ATTEMPTS = 3;

    private final ClusterMap map;
    private final Node node;
    private final Consumer<RebalanceXaction> onFinish;

    public RebalanceXaction(ClusterMap map, Node node, Consumer<RebalanceXaction> onFinish) {
        super(id(map), XactKind.REBALANCE, node.selfId(), "");
        this.map = map;
        this.node = node;
        this.onFinish = onFinish;
    }

    /** AIS's rebalance id for a cluster map version. */
    public static String id(ClusterMap map) {
        return "g" + map.version();
    }

    public ClusterMap clusterMap() {
        return map;
    }

    @Override
    protected void work() {
        forwardDeleteRecords();
        for (BucketId b : node.buckets()) {
            boolean done = LocalWalk.each(node::localList, b, this::isAborted, e -> {
                locObjs.incrementAndGet();
                locBytes.addAndGet(e.stat() == null ? 0 : e.stat().size());
                move(new ObjectId(b, e.name()));
            });
            if (!done) {
                return;
            }
        }
    }

    /**
     * First, the delete records of names another target now owns go to that owner: a target back with old copies of
     * objects deleted while it was away drops them (a delete is ordered against a copy as a later write is).
     */
    private void forwardDeleteRecords() {
        for (Map.Entry<ObjectId, Long> d : node.deleteRecords().entrySet()) {
            if (isAborted()) {
                return;
            }
            NodeInfo owner = TargetPlacement.owner(map, d.getKey().uname());
            if (owner.id().equals(node.selfId())) {
                continue;
            }
            try {
                node.sendDeleteRecord(owner, d.getKey(), d.getValue());
            } catch (RuntimeException e) {
                error("cannot forward the delete of " + d.getKey().cname() + " to " + owner.displayName() + ": "
                        + e.getMessage());
            }
        }
    }

    private void move(ObjectId id) {
        NodeInfo owner = TargetPlacement.owner(map, id.uname());
        if (owner.id().equals(node.selfId())) {
            return;
        }
        Optional<ObjectStat> stat = node.localStat(id);
        if (stat.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS && !isAborted(); attempt++) {
            try {
                node.send(owner, id, stat.get(), id());
                node.deleteIfUnchanged(id, stat.get());
                outObjs.incrementAndGet();
                outBytes.addAndGet(stat.get().size());
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    error("cannot move " + id.cname() + " to " + owner.displayName() + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    protected void finished() {
        onFinish.accept(this);
    }
}
