package net.aisj.web.nat.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import net.aisj.cluster.MetaJson;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.NodeVolume;
import net.aisj.core.NodeInfo;

/**
 * AIS's {@code stats.NodeStatus} subset: {@code snode}, {@code status} (online / maintenance / decommissioning),
 * {@code version}, {@code deployment}, {@code pid}, {@code uptime} (ns, as a string), {@code smap_version},
 * {@code capacity} per mountpath ({@code used, avail, total} as strings, {@code pct_used}, {@code fs},
 * {@code enabled}) and {@code tracker} ({@code {"get.n": {"v": "12"}, ...}}).
 */
public final class NodeStatusJson {

    private NodeStatusJson() {}

    /** The node's state as the console shows it. */
    public static String state(NodeInfo n) {
        if ((n.flags() & NodeInfo.DECOMM) != 0) {
            return "decommissioning";
        }
        return (n.flags() & NodeInfo.MAINT) != 0 ? "maintenance" : "online";
    }

    public static JsonObject of(
            NodeInfo self,
            String state,
            String version,
            long pid,
            long uptimeNanos,
            long smapVersion,
            NodeVolume volume,
            Map<String, Long> counters) {
        JsonObjectBuilder cap = Json.createObjectBuilder();
        for (MountpathInfo m : volume.mountpaths()) {
            cap.add(m.path(), capacity(m));
        }
        JsonObjectBuilder tracker = Json.createObjectBuilder();
        counters.forEach((k, v) -> tracker.add(k, Json.createObjectBuilder().add("v", Long.toString(v))));
        return Json.createObjectBuilder()
                .add("snode", MetaJson.snode(self))
                .add("status", state)
                .add("deployment", "payara-micro")
                .add("version", version)
                .add("pid", pid)
                .add("uptime", Long.toString(uptimeNanos))
                .add("smap_version", Long.toString(smapVersion))
                .add("capacity", cap)
                .add("tracker", tracker)
                .build();
    }

    static JsonObject capacity(MountpathInfo m) {
        long total = Math.max(0, m.totalBytes());
        long used = Math.min(Math.max(0, m.usedBytes()), total);
        int pct = total == 0 ? 0 : (int) Math.round(used * 100.0 / total);
        return Json.createObjectBuilder()
                .add("used", Long.toString(used))
                .add("avail", Long.toString(total - used))
                .add("total", Long.toString(total))
                .add("pct_used", pct)
                .add("fs", m.fs())
                .add("enabled", m.enabled())
                .build();
    }
}
