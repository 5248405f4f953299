package net.aisj.service.dsort;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
            if (net.aisj.backend.Backends.isRemote(spec.input(), buckets.props(spec.input()))) {
                buckets.create(spec.output(), null); // AIS's defaults: the output is no copy of a remote bucket
            } else {
                buckets.create(
                        spec.output(), base -> buckets.props(spec.input()).withIdentity(base.created(), base.bid()));
            }
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

    /** Every target's metrics of job {@code id} (AIS {@code map[target id]JobInfo}); NOT_FOUND when none knows it. */
    public JsonObject metrics(String id) {
        requireId(id);
        JsonObjectBuilder out = Json.createObjectBuilder();
        boolean any = false;
        for (NodeInfo t : node.clusterMap().targets()) {
            Optional<JsonObject> m = t.id().equals(node.self().id())
                    ? parts.localMetrics(id)
                    : parts.intra().metrics(t, id);
            if (m.isPresent()) {
                out.add(t.id(), m.get());
                any = true;
            }
        }
        if (!any) {
            throw AisException.notFound("dsort job \"" + id + "\" does not exist");
        }
        return out.build();
    }

    /**
     * The jobs every target knows, one aggregated JobInfo each (AIS {@code ListDsort}), newest first; {@code regex}
     * filters by description, {@code onlyActive} leaves out finished and aborted jobs.
     */
    public JsonArray list(String regex, boolean onlyActive) {
        Pattern p;
        try {
            p = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw AisException.badRequest("invalid regex: " + e.getMessage());
        }
        Map<String, JsonObject> merged = new LinkedHashMap<>();
        for (NodeInfo t : node.clusterMap().targets()) {
            JsonArray jobs = t.id().equals(node.self().id())
                    ? parts.localList()
                    : parts.intra().list(t);
            for (JsonValue v : jobs) {
                JsonObject j = v.asJsonObject();
                merged.merge(j.getString("id"), j, DsortService::aggregate);
            }
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        merged.values().stream()
                .filter(j -> p == null
                        || p.matcher(j.getJsonObject("Metrics").getString("description", ""))
                                .find())
                .filter(j -> !onlyActive || (!j.getBoolean("aborted") && !j.getBoolean("archived")))
                .sorted((a, b) -> b.getString("started_time").compareTo(a.getString("started_time")))
                .forEach(out::add);
        return out.build();
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
        JsonObject m = metrics(id);
        for (JsonValue v : m.values()) {
            JsonObject j = v.asJsonObject();
            if (!j.getBoolean("aborted") && !j.getBoolean("archived")) {
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

    /** AIS {@code JobInfo.Aggregate}: earliest start, latest end, aborted if any, archived if all, sums. */
    private static JsonObject aggregate(JsonObject a, JsonObject b) {
        String start = min(a.getString("started_time"), b.getString("started_time"));
        boolean running = a.getString("finish_time").startsWith("0001")
                || b.getString("finish_time").startsWith("0001");
        String end = running ? "0001-01-01T00:00:00Z" : max(a.getString("finish_time"), b.getString("finish_time"));
        JsonObjectBuilder o = Json.createObjectBuilder(a)
                .add("started_time", start)
                .add("finish_time", end)
                .add("aborted", a.getBoolean("aborted") || b.getBoolean("aborted"))
                .add("archived", a.getBoolean("archived") && b.getBoolean("archived"))
                .add(
                        "loc-objs",
                        Long.toString(
                                Long.parseLong(a.getString("loc-objs")) + Long.parseLong(b.getString("loc-objs"))))
                .add(
                        "loc-bytes",
                        Long.toString(
                                Long.parseLong(a.getString("loc-bytes")) + Long.parseLong(b.getString("loc-bytes"))));
        for (String d : List.of("started_meta_sorting", "started_shard_creation", "finished_shard_creation")) {
            o.add(d, Math.max(a.getJsonNumber(d).longValue(), b.getJsonNumber(d).longValue()));
        }
        return o.build();
    }

    private static String min(String a, String b) {
        return a.startsWith("0001") ? b : b.startsWith("0001") || a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
