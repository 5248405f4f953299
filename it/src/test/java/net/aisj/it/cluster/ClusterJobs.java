package net.aisj.it.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Resp;

/** Jobs (status as AIS's SDK polls it) and node lifecycle actions through a {@link LocalCluster}'s API. */
final class ClusterJobs {

    private final LocalCluster cluster;
    private final String tag;

    ClusterJobs(LocalCluster cluster, String tag) {
        this.cluster = cluster;
        this.tag = tag;
    }

    /** {@code GET /v1/cluster?what=status} with ArgsMsg {@code {"ID","Kind"}} (ID omitted when null). */
    Resp xactStatus(int via, String id, String kind) {
        return cluster.client(via).control("GET", "/v1/cluster?what=status", argsMsg(id, kind));
    }

    /** {@code GET /v1/cluster?what=qryxstats}: daemon id to the list of snaps. */
    JsonObject qryxstats(int via, String id, String kind) {
        return cluster.client(via)
                .control("GET", "/v1/cluster?what=qryxstats", argsMsg(id, kind))
                .expect(200)
                .json();
    }

    private static String argsMsg(String id, String kind) {
        var b = Json.createObjectBuilder();
        if (id != null) {
            b.add("ID", id);
        }
        if (kind != null) {
            b.add("Kind", kind);
        }
        return b.build().toString();
    }

    /**
     * Polls the status of job {@code id} (or, with a null id, of the latest job of {@code kind}) through any running
     * node until it has ended ({@code end_time != 0}); fails when it was aborted or ended with an error.
     */
    JsonObject awaitEnd(String id, String kind, Duration timeout) {
        JsonObject[] last = new JsonObject[1];
        String[] lastResp = {"none"};
        Poll.until(
                timeout,
                "[" + tag + "] " + kind + " job " + (id == null ? "(latest)" : id) + " ends",
                () -> {
                    List<Integer> r = cluster.runningSlots();
                    Resp resp = xactStatus(r.get(Math.floorMod(System.nanoTime(), r.size())), id, kind);
                    lastResp[0] = resp.toString();
                    if (resp.status() != 200) {
                        return false;
                    }
                    JsonObject st = resp.json();
                    last[0] = st;
                    Long end = JsonUtil.lng(st, "end_time");
                    return (id == null || id.equals(JsonUtil.str(st, "uuid"))) && end != null && end != 0;
                },
                () -> lastResp[0]);
        JsonObject st = last[0];
        String err = JsonUtil.str(st, "err");
        if (st.getBoolean("aborted", false) || !(err == null || err.isEmpty())) {
            throw new AssertionError("[" + tag + "] " + kind + " job ended aborted or with an error: " + st);
        }
        return st;
    }

    /** {@code PUT /v1/cluster} {@code {"action":action,"value":{"sid":sid}}} through node {@code via}. */
    Resp lifecycle(int via, String action, String sid) {
        JsonObject value = Json.createObjectBuilder().add("sid", sid).build();
        return cluster.client(via).control("PUT", "/v1/cluster", JsonUtil.actMsg(action, null, value));
    }

    /** Test cleanup: takes node {@code sid} out of maintenance (through node {@code via}) if it is in it. */
    void stopMaintenanceIfOn(int via, String sid) {
        Smap m = cluster.smap(via);
        if (m.tmap().containsKey(sid) && m.tmap().get(sid).inMaintenance()) {
            System.out.println("[it-cluster " + tag + "] cleanup: stop-maintenance " + sid + ": "
                    + lifecycle(via, "stop-maintenance", sid).status());
        }
    }
}
