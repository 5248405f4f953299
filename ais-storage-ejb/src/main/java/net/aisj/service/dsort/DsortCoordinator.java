package net.aisj.service.dsort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import net.aisj.cluster.DsortJson;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.core.dsort.ExternalKeyMap;
import net.aisj.core.dsort.RecordOrder;
import net.aisj.core.dsort.ShardCutter;
import net.aisj.core.placement.TargetPlacement;

/**
 * The sorting phase, run by one target (the job's coordinator, first by HRW of the job id): it gathers every
 * target's extracted record metadata (each target answers once its extraction ended), orders it, cuts it into
 * output shards (by the output template, or by the external key map it downloads) and sends each target the
 * shards it owns by HRW - every target gets a plan, possibly empty. Runs on
 * the coordinator's job thread. Only metadata is held in memory here (about 100 bytes a record).
 */
final class DsortCoordinator {

    private static final Logger LOG = Logger.getLogger(DsortCoordinator.class.getName());
    static final long RECORDS_WAIT_MILLIS = 5_000;

    private final DsortXaction x;
    private final DsortNode node;

    DsortCoordinator(DsortXaction x, DsortNode node) {
        this.x = x;
        this.node = node;
    }

    void run(List<DsortRecord> own) {
        List<DsortRecord> all = new ArrayList<>(own);
        for (String t : x.targets) {
            if (t.equals(node.selfId())) {
                continue;
            }
            NodeInfo target = node.target(t);
            Optional<List<DsortRecord>> recs;
            do {
                if (x.isAborted()) {
                    throw new DsortXaction.Aborted();
                }
                recs = node.intra().records(target, x.id());
            } while (recs.isEmpty());
            all.addAll(recs.get());
        }
        x.metrics.sorting.start();
        List<DsortRecord> ordered = RecordOrder.order(all, x.spec.algorithm());
        List<ShardCutter.OutputShard> shards;
        if (x.spec.ekmFile().isEmpty()) {
            shards = ShardCutter.cut(ordered, x.spec.shardSize(), x.spec.shardRecords(), x.spec.outputNames());
        } else {
            ExternalKeyMap ekm =
                    x.spec.checkKeyMap(DsortJson.keyMap(node.fetchText(x.spec.ekmFile()), x.spec.ekmSep()));
            shards = ShardCutter.cutByKeyMap(
                    ordered,
                    x.spec.shardSize(),
                    x.spec.shardRecords(),
                    ekm,
                    x.spec.algorithm().kind() == DsortSpec.Kind.CONTENT,
                    x.spec::outputNames);
        }
        Map<String, List<ShardCutter.OutputShard>> byOwner = new LinkedHashMap<>();
        x.targets.forEach(t -> byOwner.put(t, new ArrayList<>()));
        ClusterMap map = node.clusterMap();
        for (ShardCutter.OutputShard s : shards) {
            String owner = TargetPlacement.owner(map, new ObjectId(x.spec.output(), s.name()).uname())
                    .id();
            List<ShardCutter.OutputShard> list = byOwner.get(owner);
            if (list == null) {
                throw new AisException(
                        AisException.Kind.UNAVAILABLE,
                        "output shard " + s.name() + " belongs to " + owner + ", which joined after the job started");
            }
            list.add(s);
        }
        LOG.info(() -> "dsort[" + x.id() + "]: " + all.size() + " records ordered ("
                + x.spec.algorithm().kind().wire() + ") into " + shards.size() + " shards over " + x.targets.size()
                + " targets");
        for (Map.Entry<String, List<ShardCutter.OutputShard>> e : byOwner.entrySet()) {
            if (e.getKey().equals(node.selfId())) {
                x.receivePlan(e.getValue());
            } else {
                node.intra().plan(node.target(e.getKey()), x.id(), e.getValue());
            }
        }
    }
}
