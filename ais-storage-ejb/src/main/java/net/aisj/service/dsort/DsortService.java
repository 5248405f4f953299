package net.aisj.service.dsort;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.dsort.DsortJobInfo;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.service.BucketService;
import net.aisj.service.JobControl;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.xact.XactKind;

/**
 * dsort's entry points. The public API ({@code /v1/sort}, any node): {@link #start} validates the spec, creates a
 * missing output bucket, starts a part on every target in service under one id (the coordinator being the first
 * target by HRW of the id) and answers the id; {@link #metrics}, {@link #list}, {@link #abort}, {@link #remove}
 * gather from or act on every target; this node's parts are in {@link DsortParts}. A part is an ordinary job of
 * kind {@code dsort} (jobs API status and stop work on it); a target that leaves aborts it. Thread-safe.
 */
@ApplicationScoped
public class DsortService {

    private static final Logger LOG = Logger.getLogger(DsortService.class.getName());

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    JobControl jobs;

    @Inject
    DsortParts parts;

    /**
     * Starts a dsort job and returns its id: {@code spec} parsed by the transport from AIS's request spec,
     * {@code specJson} that spec as received (every target's part is started with it).
     *
     * @throws AisException BAD_REQUEST for an invalid spec, NOT_FOUND for a missing input bucket
     */
    public String start(DsortSpec spec, String specJson) {
        spec.inputNames();
        buckets.props(spec.input());
        if (!buckets.list(null).contains(spec.output())) {
            buckets.create(spec.output(), base -> buckets.props(spec.input()).withIdentity(base.created(), base.bid()));
        }
        ClusterMap map = node.clusterMap();
        List<String> targets = map.targets().stream()
                .filter(NodeInfo::inService)
                .map(NodeInfo::id)
                .sorted()
                .toList();
        String id = MirrorService.newId();
        String coordinator = TargetPlacement.owner(map, "dsort/" + id).id();
        try {
            for (String t : targets) {
                if (t.equals(node.self().id())) {
                    parts.startLocal(id, coordinator, targets, spec);
                } else {
                    parts.intra().start(map.nodes().get(t), id, coordinator, targets, specJson);
                }
            }
        } catch (RuntimeException e) {
            jobs.abortEverywhere(id, XactKind.DSORT.wire(), "could not start on every target: " + e.getMessage());
            throw e;
        }
        LOG.info(() -> "dsort[" + id + "] started: " + spec.input().cname() + " -> "
                + spec.output().cname() + " on " + targets.size() + " targets, coordinator " + coordinator);
        return id;
    }

    /**
     * Every target's report of job {@code id} by target id (AIS {@code map[target id]JobInfo}).
     *
     * @throws AisException NOT_FOUND when no target knows the job
     */
    public Map<String, DsortJobInfo> metrics(String id) {
        requireId(id);
        Map<String, DsortJobInfo> out = new LinkedHashMap<>();
        for (NodeInfo t : node.clusterMap().targets()) {
            Optional<DsortJobInfo> m = t.id().equals(node.self().id())
                    ? parts.localMetrics(id)
                    : parts.intra().metrics(t, id);
            m.ifPresent(j -> out.put(t.id(), j));
        }
        if (out.isEmpty()) {
            throw AisException.notFound("dsort job \"" + id + "\" does not exist");
        }
        return out;
    }

    /**
     * The jobs every target knows, each aggregated over the targets (AIS {@code ListDsort}), newest first;
     * {@code regex} filters by description, {@code onlyActive} leaves out finished and aborted jobs.
     *
     * @throws AisException BAD_REQUEST for an invalid regex
     */
    public List<DsortJobInfo> list(String regex, boolean onlyActive) {
        Pattern p;
        try {
            p = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw AisException.badRequest("invalid regex: " + e.getMessage());
        }
        Map<String, DsortJobInfo> merged = new LinkedHashMap<>();
        for (NodeInfo t : node.clusterMap().targets()) {
            List<DsortJobInfo> jobs = t.id().equals(node.self().id())
                    ? parts.localList()
                    : parts.intra().list(t);
            jobs.forEach(j -> merged.merge(j.id(), j, DsortJobInfo::aggregate));
        }
        return merged.values().stream()
                .filter(j -> p == null || p.matcher(j.description()).find())
                .filter(j -> !onlyActive || (!j.aborted() && !j.archived()))
                .sorted(Comparator.comparingLong(DsortJobInfo::startedMillis).reversed())
                .toList();
    }

    /** Aborts job {@code id} on every target; NOT_FOUND when it does not run anywhere. */
    public void abort(String id) {
        requireId(id);
        jobs.abort(id, XactKind.DSORT.wire());
    }

    /**
     * Forgets a job that ended on every target.
     *
     * @throws AisException NOT_FOUND for an unknown job, BAD_REQUEST while it still runs somewhere
     */
    public void remove(String id) {
        for (DsortJobInfo j : metrics(id).values()) {
            if (!j.aborted() && !j.archived()) {
                throw AisException.badRequest("dsort job \"" + id + "\" is still running; abort it first");
            }
        }
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                parts.localRemove(id);
            } else {
                parts.intra().remove(t, id);
            }
        }
    }

    private static void requireId(String id) {
        if (id == null || id.isEmpty()) {
            throw AisException.badRequest("missing dsort job id (query parameter uuid)");
        }
    }
}
