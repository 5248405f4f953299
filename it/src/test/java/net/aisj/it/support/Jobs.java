package net.aisj.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;

/** Job status through AIS's API ({@code GET /v1/cluster?what=status} with an ArgsMsg). */
public final class Jobs {

    private Jobs() {}

    public static Resp status(AisClient c, String id, String kind) {
        var b = Json.createObjectBuilder();
        if (id != null) {
            b.add("ID", id);
        }
        if (kind != null) {
            b.add("Kind", kind);
        }
        return c.control("GET", "/v1/cluster?what=status", b.build().toString());
    }

    /** Polls until the job has ended; fails when it was aborted or ended with an error. */
    public static JsonObject awaitEnd(AisClient c, String id, String kind, Duration timeout) {
        JsonObject[] last = new JsonObject[1];
        String[] lastResp = {"none"};
        Poll.until(
                timeout,
                kind + " job " + id + " ends",
                () -> {
                    Resp r = status(c, id, kind);
                    lastResp[0] = r.toString();
                    if (r.status() != 200) {
                        return false;
                    }
                    last[0] = r.json();
                    Long end = JsonUtil.lng(last[0], "end_time");
                    return end != null && end != 0;
                },
                () -> lastResp[0]);
        String err = JsonUtil.str(last[0], "err");
        if (last[0].getBoolean("aborted", false) || !(err == null || err.isEmpty())) {
            throw new AssertionError(kind + " job " + id + " ended aborted or with an error: " + last[0]);
        }
        return last[0];
    }

    /**
     * The sum of one counter ({@code loc-objs}, {@code out-bytes}, ...) over every node's jobs of {@code kind}
     * (optionally only job {@code id}), running or ended, from {@code GET /v1/cluster?what=qryxstats}.
     */
    public static long statTotal(AisClient c, String id, String kind, String stat) {
        var b = Json.createObjectBuilder().add("Kind", kind);
        if (id != null) {
            b.add("ID", id);
        }
        JsonObject qry = c.control(
                        "GET", "/v1/cluster?what=qryxstats", b.build().toString())
                .expect(200)
                .json();
        long sum = 0;
        for (var perNode : qry.values()) {
            for (var snap : perNode.asJsonArray()) {
                sum += Long.parseLong(snap.asJsonObject().getJsonObject("stats").getString(stat));
            }
        }
        return sum;
    }
}
