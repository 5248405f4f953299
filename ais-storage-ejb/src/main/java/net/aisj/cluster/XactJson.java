package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.aisj.xact.XactSnapshot;

/**
 * Job snapshots in AIS's {@code core.Snap} JSON shape ({@code id, kind, start-time, end-time, stats{loc-objs, ...},
 * aborted, is_idle, ...}; counters as strings, times RFC 3339, zero time for "not ended"), used both on the wire to
 * clients and between nodes (plus {@code "node"}).
 */
public final class XactJson {

    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private XactJson() {}

    public static JsonObject snap(XactSnapshot s) {
        JsonObject noBck = Json.createObjectBuilder()
                .add("name", s.bucket())
                .add("provider", s.bucket().isEmpty() ? "" : "ais")
                .add("namespace", Json.createObjectBuilder().add("uuid", "").add("name", ""))
                .build();
        return Json.createObjectBuilder()
                .add("id", s.id())
                .add("kind", s.kind())
                .add("node", s.nodeId())
                .add("start-time", time(s.startMillis()))
                .add("end-time", time(s.endMillis()))
                .add("bck", noBck)
                .add("src-bck", noBck)
                .add("dst-bck", noBck)
                .add("abort-err", s.abortErr())
                .add("err", s.err())
                .add("glob.id", "0")
                .add(
                        "stats",
                        Json.createObjectBuilder()
                                .add("loc-objs", Long.toString(s.locObjs()))
                                .add("loc-bytes", Long.toString(s.locBytes()))
                                .add("out-objs", Long.toString(s.outObjs()))
                                .add("out-bytes", Long.toString(s.outBytes()))
                                .add("in-objs", Long.toString(s.inObjs()))
                                .add("in-bytes", Long.toString(s.inBytes())))
                .add("aborted", s.aborted())
                .add("is_idle", s.idle())
                .build();
    }

    public static JsonArray snaps(List<XactSnapshot> list) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        list.forEach(s -> a.add(snap(s)));
        return a.build();
    }

    public static List<XactSnapshot> readSnaps(JsonArray a) {
        List<XactSnapshot> out = new ArrayList<>();
        for (JsonValue v : a) {
            JsonObject o = v.asJsonObject();
            JsonObject st = o.getJsonObject("stats");
            out.add(new XactSnapshot(
                    o.getString("id"),
                    o.getString("kind"),
                    o.getString("node"),
                    o.getJsonObject("bck").getString("name"),
                    millis(o.getString("start-time")),
                    millis(o.getString("end-time")),
                    o.getBoolean("aborted"),
                    o.getString("abort-err"),
                    o.getString("err"),
                    n(st, "loc-objs"),
                    n(st, "loc-bytes"),
                    n(st, "out-objs"),
                    n(st, "out-bytes"),
                    n(st, "in-objs"),
                    n(st, "in-bytes"),
                    o.getBoolean("is_idle", !ZERO_TIME.equals(o.getString("end-time")))));
        }
        return out;
    }

    private static long n(JsonObject o, String k) {
        return Long.parseLong(o.getString(k));
    }

    static String time(long millis) {
        return millis == 0 ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
    }

    static long millis(String t) {
        return ZERO_TIME.equals(t) ? 0 : Instant.parse(t).toEpochMilli();
    }
}
