package net.aisj.service.dsort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import net.aisj.cluster.MetaJson;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.ScratchFile;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.service.BucketService;
import net.aisj.service.JobControl;
import net.aisj.service.MirrorService;
import net.aisj.service.ObjectService;
import net.aisj.service.PlannedTargets;
import net.aisj.service.StorageErrors;
import net.aisj.service.StorageNode;
import net.aisj.service.archive.ShardWriter;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;

/**
 * dsort's entry points. The public API ({@code /v1/sort}, any node): {@link #start} validates the spec, creates a
 * missing output bucket, starts a part on every target in service under one id (the coordinator being the first
 * target by HRW of the id) and answers the id; {@link #metrics}, {@link #list}, {@link #abort}, {@link #remove}
 * gather from or act on every target. The intra API ({@code /v1/intra/dsort}) reaches this node's part. A part is
 * an ordinary job of kind {@code dsort} (jobs API status and stop work on it); a target that leaves aborts it.
 * Thread-safe.
 */
@ApplicationScoped
public class DsortService {

    private static final Logger LOG = Logger.getLogger(DsortService.class.getName());

    @Inject
    StorageNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectService objects;

    @Inject
    ShardWriter writer;

    @Inject
    XactionRegistry registry;

    @Inject
    JobControl jobs;

    @Inject
    PlannedTargets planned;

    private volatile DsortIntra intra;

    /**
     * Starts a dsort job (body: AIS's request spec JSON) and returns its id.
     *
     * @throws AisException BAD_REQUEST for an invalid spec, NOT_FOUND for a missing input bucket
     */
    public String start(String body) {
        if (body == null || body.isBlank()) {
            throw AisException.badRequest("invalid dsort spec: missing request body (a dsort spec)");
        }
        DsortSpec spec = DsortSpecJson.parse(MetaJson.parse(body));
        spec.inputNames();
        buckets.props(spec.input());
        if (!buckets.list(null).contains(spec.output())) {
            buckets.create(spec.output(), MetaJson.props(buckets.props(spec.input())));
        }
        ClusterMap map = node.clusterMap();
        List<String> targets = map.targets().stream().filter(NodeInfo::inService).map(NodeInfo::id).sorted()
                .toList();
        String id = MirrorService.newId();
        String coordinator = TargetPlacement.owner(map, "dsort/" + id).id();
        try {
            for (String t : targets) {
                if (t.equals(node.self().id())) {
                    startLocal(id, coordinator, targets, body);
                } else {
                    intra().start(map.nodes().get(t), id, coordinator, targets, body);
                }
            }
        } catch (RuntimeException e) {
            jobs.abortEverywhere(id, XactKind.DSORT.wire(), "could not start on every target: " + e.getMessage());
            throw e;
        }
        LOG.info(() -> "dsort[" + id + "] started: " + spec.input().cname() + " -> " + spec.output().cname()
                + " on " + targets.size() + " targets, coordinator " + coordinator);
        return id;
    }

    /** Starts this target's part (intra). */
    public void startLocal(String id, String coordinator, List<String> targets, String specJson) {
        DsortSpec spec = DsortSpecJson.parse(MetaJson.parse(specJson));
        Xaction x = registry.start(new DsortXaction(id, spec, coordinator, targets, localNode()));
        planned.watch(x, java.util.Set.copyOf(targets));
    }

    /** Every target's metrics of job {@code id} (AIS {@code map[target id]JobInfo}); NOT_FOUND when none knows it. */
    public JsonObject metrics(String id) {
        requireId(id);
        JsonObjectBuilder out = Json.createObjectBuilder();
        boolean any = false;
        for (NodeInfo t : node.clusterMap().targets()) {
            Optional<JsonObject> m = t.id().equals(node.self().id()) ? localJob(id).map(x -> x.metrics.jobInfo())
                    : intra().metrics(t, id);
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
            JsonArray jobs = t.id().equals(node.self().id()) ? localList() : intra().list(t);
            for (JsonValue v : jobs) {
                JsonObject j = v.asJsonObject();
                merged.merge(j.getString("id"), j, DsortService::aggregate);
            }
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        merged.values().stream()
                .filter(j -> p == null || p.matcher(j.getJsonObject("Metrics").getString("description", "")).find())
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
                registry.remove(id);
            } else {
                intra().remove(t, id);
            }
        }
    }

    // ------------------------------------------------------------------ this node's part (intra endpoints)

    /** This part's records once extracted; empty while extracting (after waiting a few seconds). */
    public Optional<List<DsortRecord>> localRecords(String id) {
        return Optional.ofNullable(part(id).records(DsortCoordinator.RECORDS_WAIT_MILLIS));
    }

    public void writeRecords(List<DsortRecord> records, OutputStream out) {
        DsortWire.writeRecords(records, out);
    }

    public void localPlan(String id, InputStream body) {
        part(id).receivePlan(DsortWire.readPlan(body));
    }

    public void localBuilt(String id, String target) {
        part(id).markBuilt(target);
    }

    public void localFinish(String id) {
        part(id).finishNow();
    }

    /** Streams the requested ranges ({@code [[offset, size], ...]}) of this part's scratch file. */
    public void localServe(String id, JsonArray ranges, OutputStream out) throws IOException {
        List<long[]> rs = new ArrayList<>(ranges.size());
        for (JsonValue v : ranges) {
            JsonArray a = v.asJsonArray();
            rs.add(new long[] {a.getJsonNumber(0).longValue(), a.getJsonNumber(1).longValue()});
        }
        part(id).serve(rs, out);
    }

    /** Total bytes of the ranges (the response length of a pull). */
    public static long rangesLength(JsonArray ranges) {
        long n = 0;
        for (JsonValue v : ranges) {
            n += v.asJsonArray().getJsonNumber(1).longValue();
        }
        return n;
    }

    public Optional<JsonObject> localMetrics(String id) {
        return localJob(id).map(x -> x.metrics.jobInfo());
    }

    public JsonArray localList() {
        JsonArrayBuilder b = Json.createArrayBuilder();
        registry.snapshots(null, XactKind.DSORT.wire(), false).forEach(s -> localJob(s.id())
                .ifPresent(x -> b.add(x.metrics.jobInfo())));
        return b.build();
    }

    public boolean localRemove(String id) {
        return localJob(id).isPresent() && registry.remove(id);
    }

    private DsortXaction part(String id) {
        return localJob(id).orElseThrow(() -> AisException.notFound("dsort job \"" + id + "\" is not running on "
                + node.self().id()));
    }

    private Optional<DsortXaction> localJob(String id) {
        return registry.get(id).filter(DsortXaction.class::isInstance).map(DsortXaction.class::cast);
    }

    private static void requireId(String id) {
        if (id == null || id.isEmpty()) {
            throw AisException.badRequest("missing dsort job id (query parameter uuid)");
        }
    }

    /** AIS {@code JobInfo.Aggregate}: earliest start, latest end, aborted if any, archived if all, sums. */
    private static JsonObject aggregate(JsonObject a, JsonObject b) {
        String start = min(a.getString("started_time"), b.getString("started_time"));
        boolean running = a.getString("finish_time").startsWith("0001") || b.getString("finish_time")
                .startsWith("0001");
        String end = running ? "0001-01-01T00:00:00Z" : max(a.getString("finish_time"), b.getString("finish_time"));
        JsonObjectBuilder o = Json.createObjectBuilder(a).add("started_time", start).add("finish_time", end)
                .add("aborted", a.getBoolean("aborted") || b.getBoolean("aborted"))
                .add("archived", a.getBoolean("archived") && b.getBoolean("archived"))
                .add("loc-objs", Long.toString(Long.parseLong(a.getString("loc-objs"))
                        + Long.parseLong(b.getString("loc-objs"))))
                .add("loc-bytes", Long.toString(Long.parseLong(a.getString("loc-bytes"))
                        + Long.parseLong(b.getString("loc-bytes"))));
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

    static final int MAX_EKM_BYTES = 64 << 20;

    private static String fetchText(String url) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .connectTimeout(java.time.Duration.ofSeconds(10)).build();
        try {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(java.time.Duration.ofMinutes(2)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw AisException.badRequest("unexpected status code (" + r.statusCode()
                            + ") when requesting ekm file from \"" + url + "\"");
                }
                byte[] b = in.readNBytes(MAX_EKM_BYTES + 1);
                if (b.length > MAX_EKM_BYTES) {
                    throw AisException.badRequest("ekm file " + url + " is larger than " + MAX_EKM_BYTES + " bytes");
                }
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw AisException.badRequest("cannot read ekm file " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AisException.badRequest("interrupted reading ekm file " + url);
        }
    }

    private DsortIntra intra() {
        DsortIntra i = intra;
        if (i == null) {
            i = new DsortIntra(node.intra());
            intra = i;
        }
        return i;
    }

    private DsortNode localNode() {
        return new DsortNode() {
            @Override
            public String selfId() {
                return node.self().id();
            }

            @Override
            public ClusterMap clusterMap() {
                return node.clusterMap();
            }

            @Override
            public NodeInfo target(String id) {
                NodeInfo t = node.clusterMap().nodes().get(id);
                if (t == null) {
                    throw new AisException(AisException.Kind.UNAVAILABLE, "target " + id + " is not in the cluster");
                }
                return t;
            }

            @Override
            public ObjectReader localOpen(ObjectId id) {
                return objects.localOpen(id);
            }

            @Override
            public ScratchFile scratch(String prefix) {
                try (StorageConnection c = node.connection()) {
                    return c.createScratch(prefix);
                } catch (StorageException e) {
                    throw StorageErrors.map(e);
                }
            }

            @Override
            public ObjectStat put(ObjectId dst, ShardWriter.Producer producer) {
                return writer.put(dst, producer);
            }

            @Override
            public DsortIntra intra() {
                return DsortService.this.intra();
            }

            @Override
            public String fetchText(String url) {
                return DsortService.fetchText(url);
            }

            @Override
            public void abortEverywhere(String id, String reason) {
                jobs.abortEverywhere(id, XactKind.DSORT.wire(), reason);
            }
        };
    }
}
