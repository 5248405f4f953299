package net.aisj.web.nat;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import net.aisj.cluster.BucketPropsJson;
import net.aisj.cluster.MetaJson;
import net.aisj.cluster.XactJson;
import net.aisj.core.AisException;
import net.aisj.service.ClusterService;
import net.aisj.service.JobControl;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.cache.RemoteClusters;
import net.aisj.service.ec.EcJobs;
import net.aisj.web.nat.json.ActMsg;
import net.aisj.web.nat.json.ArgsMsg;
import net.aisj.xact.XactSnapshot;

/**
 * {@code /v1/cluster}: cluster metadata ({@code what=smap|bmd}), job status ({@code what=status|status_all|
 * qryxstats|running_all}, body = ArgsMsg) and node lifecycle ({@code PUT} with {@code start-maintenance},
 * {@code stop-maintenance}, {@code decommission-node}, {@code shutdown-node}), jobs ({@code start}/{@code stop}
 * with an ArgsMsg value), every node's {@code node_status}, and remote AIS clusters ({@code what=remote},
 * {@code attach}, {@code detach}).
 */
@Path("v1/cluster")
public class ClusterResource {

    @Inject
    LocalNode node;

    @Inject
    ClusterService cluster;

    @Inject
    MirrorService mirror;

    @Inject
    JobControl jobs;

    @Inject
    NodeStatus nodeStatus;

    @Inject
    EcJobs ecJobs;

    @Inject
    net.aisj.service.cache.LruService lru;

    @Inject
    RemoteClusters remoteClusters;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@QueryParam("what") String what) throws IOException {
        return switch (what == null ? "" : what) {
            case "smap" -> MetaJson.smap(node.clusterMap()).toString();
            case "bmd" -> MetaJson.bmd(node.bucketMetadata().current()).toString();
            case "status" -> status(ArgsMsg.read(request.getInputStream()));
            case "status_all" -> statusAll(ArgsMsg.read(request.getInputStream()));
            case "qryxstats" -> qryxstats(ArgsMsg.read(request.getInputStream()));
            case "running_all" -> runningAll(ArgsMsg.read(request.getInputStream()));
            case "node_status" -> nodeStatus.cluster().toString();
            case "remote" -> remote();
            default ->
                throw AisException.badRequest("invalid query \"what=" + what + "\" for GET /v1/cluster "
                        + "(expected smap, bmd, status, status_all, qryxstats, running_all, node_status or remote)");
        };
    }

    /**
     * {@code PUT /v1/cluster/attach?what=remote} (AIS {@code remote-attach}): headers {@code Ais-Remote-Ais-Alias}
     * and {@code Ais-Remote-Ais-Url}.
     */
    @PUT
    @Path("attach")
    public Response attach(
            @QueryParam("what") String what,
            @HeaderParam("Ais-Remote-Ais-Alias") String alias,
            @HeaderParam("Ais-Remote-Ais-Url") String url) {
        requireRemote(what, "attach");
        remoteClusters.attach(alias, url);
        return Response.ok().build();
    }

    /** {@code PUT /v1/cluster/detach?what=remote} (AIS {@code remote-detach}): header {@code Ais-Remote-Ais-Alias}. */
    @PUT
    @Path("detach")
    public Response detach(@QueryParam("what") String what, @HeaderParam("Ais-Remote-Ais-Alias") String alias) {
        requireRemote(what, "detach");
        remoteClusters.detach(alias);
        return Response.ok().build();
    }

    private static void requireRemote(String what, String action) {
        if (!"remote".equals(what)) {
            throw AisException.badRequest("invalid query \"what=" + (what == null ? "" : what)
                    + "\" for PUT /v1/cluster/" + action + " (expected what=remote)");
        }
    }

    /** AIS's {@code RemAisVec}: the attached clusters with their Smaps (absent when one does not answer). */
    private String remote() {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (RemoteClusters.Info i : remoteClusters.list()) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            i.smap().ifPresent(m -> b.add("smap", MetaJson.smap(m)));
            a.add(b.add("url", i.cluster().url())
                    .add("alias", i.cluster().alias())
                    .add("uuid", i.cluster().uuid()));
        }
        return Json.createObjectBuilder()
                .add("a", a)
                .add("ver", remoteClusters.version())
                .build()
                .toString();
    }

    /**
     * Node lifecycle actions (value: AIS's {@code ActValRmNode {"sid": ...}}; returns the rebalance id) and job
     * start/stop (value: ArgsMsg; start returns the job id).
     */
    @PUT
    public Response put(String body) {
        ActMsg msg = ActMsg.parse(body);
        JsonObject v = msg.valueObject();
        String sid = v != null && v.get("sid") instanceof JsonString s ? s.getString() : "";
        String reb = switch (msg.action()) {
            case "start-maintenance" -> cluster.startMaintenance(sid);
            case "stop-maintenance" -> cluster.stopMaintenance(sid);
            case "decommission-node" -> cluster.decommission(sid);
            case "stop" -> {
                ArgsMsg a = ArgsMsg.of(v);
                jobs.abort(a.id(), a.kind());
                yield "";
            }
            case "shutdown-node" -> {
                cluster.shutdownNode(sid);
                yield "";
            }
            case "start" -> start(v);
            default ->
                throw AisException.badRequest(
                        msg.action().isEmpty()
                                ? "PUT /v1/cluster requires an action"
                                : "invalid action \"" + msg.action() + "\" for PUT /v1/cluster");
        };
        return Response.ok(reb, MediaType.TEXT_PLAIN_TYPE).build();
    }

    /**
     * {@code start} with AIS's {@code xact.ArgsMsg} value: {@code kind}, optional {@code node} (resilver) or
     * {@code bck} (scrub); kind {@code lru} evicts cached copies down to the low watermark. Returns the id.
     */
    private String start(JsonObject v) {
        ArgsMsg a = ArgsMsg.of(v);
        String kind = a.kind();
        return switch (kind) {
            case "rebalance" -> jobs.start(kind);
            case "resilver" -> mirror.startResilver(a.daemonId());
            case "scrub" ->
                mirror.startScrub(
                        v.get("bck") instanceof JsonObject b
                                        && b.get("name") instanceof JsonString n
                                        && !n.getString().isEmpty()
                                ? Bck.of(n.getString(), null, null)
                                : null);
            case "ec-encode" -> startEcEncode(v);
            case "lru" -> lru.start();
            case "" -> throw AisException.badRequest("start: the value needs a job \"kind\"");
            default ->
                throw AisException.badRequest("job kind \"" + kind + "\" cannot be started this way"
                        + (kind.equals("make-n-copies") ? " (use the bucket action make-n-copies)" : ""));
        };
    }

    /** {@code start} {@code ec-encode} of the bucket in {@code bck} (EC must be on or is turned on with defaults). */
    private String startEcEncode(JsonObject v) {
        JsonObject bck = v.get("bck") instanceof JsonObject o ? o : null;
        if (bck == null || bck.getString("name", "").isEmpty()) {
            throw AisException.badRequest("start ec-encode: missing the bucket (\"bck\": {\"name\": ...})");
        }
        JsonObject ns = bck.get("namespace") instanceof JsonObject o ? o : null;
        return ecJobs.encodeBucket(
                Bck.of(
                        bck.getString("name"),
                        bck.getString("provider", ""),
                        ns == null ? "" : ns.getString("name", "")),
                BucketPropsJson.ecOn(null),
                false);
    }

    private String status(ArgsMsg a) {
        ClusterService.JobStatus s = cluster.status(a.id(), a.kind());
        return statusJson(s).toString();
    }

    private String statusAll(ArgsMsg a) {
        Map<String, List<XactSnapshot>> all = cluster.snapshots(a.id(), a.kind(), a.onlyRunning());
        JsonArrayBuilder arr = Json.createArrayBuilder();
        all.values().stream()
                .flatMap(List::stream)
                .map(XactSnapshot::id)
                .distinct()
                .forEach(id -> arr.add(statusJson(cluster.status(id, a.kind()))));
        return arr.build().toString();
    }

    private String qryxstats(ArgsMsg a) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        cluster.snapshots(a.id(), a.kind(), a.onlyRunning())
                .forEach((nodeId, snaps) -> b.add(nodeId, XactJson.snaps(snaps)));
        return b.build().toString();
    }

    /** Multi-object jobs AIS keeps listed (idle) for a while after their work is done. */
    static final java.util.Set<String> LINGERING =
            java.util.Set.of("delete-listrange", "evict-listrange", "prefetch-listrange", "copy-listrange", "archive");

    /** How long a finished multi-object job stays in {@code running_all}. */
    static final long LINGER_MILLIS = 10_000;

    /**
     * AIS {@code running_all}: the running jobs, and multi-object jobs finished (not aborted) within the last
     * {@value #LINGER_MILLIS} ms, as AIS keeps those listed idle (a client listing right after a start sees its job).
     */
    private String runningAll(ArgsMsg a) {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        long now = System.currentTimeMillis();
        cluster.snapshots("", a.kind(), false).values().stream()
                .flatMap(List::stream)
                .filter(s -> s.endMillis() == 0
                        || LINGERING.contains(s.kind()) && !s.aborted() && now - s.endMillis() < LINGER_MILLIS)
                .map(s -> s.kind() + "[" + s.id() + "]")
                .distinct()
                .forEach(arr::add);
        return arr.build().toString();
    }

    private static JsonObject statusJson(ClusterService.JobStatus s) {
        return Json.createObjectBuilder()
                .add("kind", s.kind())
                .add("uuid", s.uuid())
                .add("err", s.err())
                .add("end_time", s.endTimeNanos())
                .add("aborted", s.aborted())
                .add("is_idle", s.idle())
                .build();
    }
}
