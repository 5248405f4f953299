package net.aisj.it.cluster;

import jakarta.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.aisj.it.support.JsonUtil;

/** The parts of an AIS cluster map ({@code GET /v1/daemon?what=smap}) the cluster tests look at. */
record Smap(JsonObject json, long version, Map<String, Snode> tmap, Map<String, Snode> pmap, String primaryId) {

    static final long FLAG_MAINTENANCE = 4;
    static final long FLAG_DECOMMISSION = 8;

    /** One node: daemon id, {@code public_net.direct_url}, flags. */
    record Snode(String id, String url, long flags) {
        boolean inMaintenance() {
            return (flags & FLAG_MAINTENANCE) != 0;
        }

        boolean leaving() {
            return (flags & (FLAG_MAINTENANCE | FLAG_DECOMMISSION)) != 0;
        }
    }

    static Smap parse(JsonObject o) {
        Long version = JsonUtil.lng(o, "version");
        if (version == null) {
            throw new AssertionError("Smap without a version: " + o);
        }
        JsonObject primary = o.containsKey("proxy_si") && !o.isNull("proxy_si") ? o.getJsonObject("proxy_si") : null;
        return new Smap(
                o,
                version,
                nodes(o, "tmap"),
                nodes(o, "pmap"),
                primary == null ? null : JsonUtil.str(primary, "daemon_id"));
    }

    private static Map<String, Snode> nodes(JsonObject o, String key) {
        Map<String, Snode> out = new TreeMap<>();
        if (!o.containsKey(key) || o.isNull(key)) {
            return out;
        }
        for (var e : o.getJsonObject(key).entrySet()) {
            JsonObject n = e.getValue().asJsonObject();
            String id = JsonUtil.str(n, "daemon_id");
            if (!e.getKey().equals(id)) {
                throw new AssertionError(key + " key " + e.getKey() + " differs from its daemon_id " + id + " in " + o);
            }
            JsonObject net =
                    n.containsKey("public_net") && !n.isNull("public_net") ? n.getJsonObject("public_net") : null;
            Long flags = JsonUtil.lng(n, "flags");
            out.put(id, new Snode(id, net == null ? null : JsonUtil.str(net, "direct_url"), flags == null ? 0 : flags));
        }
        return out;
    }

    /** Targets that hold data by HRW: not in maintenance, not being decommissioned. */
    Set<String> activeTargets() {
        Set<String> out = new LinkedHashSet<>();
        tmap.values().stream().filter(n -> !n.leaving()).forEach(n -> out.add(n.id()));
        return out;
    }

    /** Short form for messages: version, primary and the targets with their flags. */
    String brief() {
        StringBuilder sb = new StringBuilder("v")
                .append(version)
                .append(" primary=")
                .append(primaryId)
                .append(" tmap={");
        tmap.values()
                .forEach(n -> sb.append(n.id())
                        .append(n.flags() == 0 ? "" : "(flags " + n.flags() + ")")
                        .append(' '));
        return sb.append('}').toString();
    }
}
