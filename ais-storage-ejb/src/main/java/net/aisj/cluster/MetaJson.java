package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.SortedMap;
import java.util.TreeMap;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.BucketProps;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * AIS JSON shapes of the BMD and Smap (bucket props: {@link BucketPropsJson}), in both directions. Numbers that AIS
 * writes as strings (versions, ids, times) are written as strings and read from either form. Stateless.
 */
public final class MetaJson {

    private MetaJson() {}

    public static JsonObject parse(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw AisException.badRequest("invalid JSON: " + e.getMessage());
        }
    }

    /** A BMD from its JSON text (as {@link #bmd} writes it). */
    public static BucketMetadata bmdOf(String json) {
        return readBmd(parse(json));
    }

    /** A Smap from its JSON text (as {@link #smap} writes it). */
    public static ClusterMap smapOf(String json) {
        return readSmap(parse(json));
    }

    /** The JSON text of a BMD. */
    public static String bmdText(BucketMetadata m) {
        return bmd(m).toString();
    }

    /** The JSON text of a Smap. */
    public static String smapText(ClusterMap m) {
        return smap(m).toString();
    }

    /** AIS's {@code Bck} ({@code name, provider, namespace{uuid, name}}) of a bucket. */
    public static JsonObject bck(BucketId b) {
        return Json.createObjectBuilder()
                .add("name", b.name())
                .add("provider", b.provider())
                .add("namespace", namespace(b.namespace()))
                .build();
    }

    /** Reads what {@link #bck} wrote. */
    public static BucketId readBck(JsonObject o) {
        JsonObject ns = o.getJsonObject("namespace");
        String uuid = ns == null ? "" : ns.getString("uuid", "");
        String name = ns == null ? "" : ns.getString("name", "");
        return new BucketId(
                o.getString("provider", BucketId.AIS),
                uuid.isEmpty() && name.isEmpty() ? "" : "@" + uuid + (name.isEmpty() ? "" : "#" + name),
                o.getString("name"));
    }

    /** AIS's namespace object {@code {"uuid","name"}} from our {@code @uuid#name} form ("" for the global one). */
    static JsonObject namespace(String ns) {
        String uuid = "";
        String name = "";
        if (ns.startsWith("@")) {
            int hash = ns.indexOf('#');
            uuid = hash < 0 ? ns.substring(1) : ns.substring(1, hash);
            name = hash < 0 ? "" : ns.substring(hash + 1);
        }
        return Json.createObjectBuilder().add("uuid", uuid).add("name", name).build();
    }

    // ---- BMD ----

    public static JsonObject bmd(BucketMetadata bmd) {
        SortedMap<String, SortedMap<String, SortedMap<String, BucketProps>>> tree = new TreeMap<>();
        bmd.buckets()
                .forEach((id, p) -> tree.computeIfAbsent(id.provider(), k -> new TreeMap<>())
                        .computeIfAbsent(id.namespace().isEmpty() ? "@#" : id.namespace(), k -> new TreeMap<>())
                        .put(id.name(), p));
        JsonObjectBuilder providers = Json.createObjectBuilder();
        tree.forEach((prov, nss) -> {
            JsonObjectBuilder nsb = Json.createObjectBuilder();
            nss.forEach((ns, bcks) -> {
                JsonObjectBuilder bb = Json.createObjectBuilder();
                bcks.forEach((name, p) -> bb.add(name, BucketPropsJson.stored(p)));
                nsb.add(ns, bb);
            });
            providers.add(prov, nsb);
        });
        return Json.createObjectBuilder()
                .add("providers", providers)
                .add("uuid", bmd.uuid())
                .add("version", Long.toString(bmd.version()))
                .build();
    }

    public static BucketMetadata readBmd(JsonObject o) {
        SortedMap<BucketId, BucketProps> m = new TreeMap<>(BucketMetadata.ORDER);
        JsonObject providers = o.getJsonObject("providers");
        if (providers != null) {
            providers.forEach((prov, nss) -> nss.asJsonObject()
                    .forEach((ns, bcks) -> bcks.asJsonObject()
                            .forEach((name, p) -> m.put(
                                    new BucketId(prov, ns.equals("@#") ? "" : ns, name),
                                    BucketPropsJson.readStored(p.asJsonObject())))));
        }
        return new BucketMetadata(str(o, "uuid"), num(o, "version"), m);
    }

    // ---- Smap ----

    public static JsonObject snode(NodeInfo n) {
        JsonObjectBuilder net = Json.createObjectBuilder()
                .add("node_ip_addr", n.host())
                .add("daemon_port", Integer.toString(n.port()))
                .add("direct_url", n.publicUrl());
        return Json.createObjectBuilder()
                .add("public_net", net)
                .add(
                        "intra_control_net",
                        Json.createObjectBuilder()
                                .add("node_ip_addr", n.host())
                                .add("daemon_port", Integer.toString(n.port()))
                                .add("direct_url", n.publicUrl()))
                .add(
                        "intra_data_net",
                        Json.createObjectBuilder()
                                .add("node_ip_addr", n.host())
                                .add("daemon_port", Integer.toString(n.port()))
                                .add("direct_url", n.publicUrl()))
                .add("daemon_type", n.target() && !n.proxy() ? "target" : "proxy")
                .add("daemon_id", n.id())
                .add("flags", n.flags())
                .add("id_digest", Long.toUnsignedString(n.idDigest()))
                .add("member_id", n.memberId())
                .build();
    }

    /** Reads a node written by {@link #snode}; roles are given by where it was listed. */
    public static NodeInfo readSnode(JsonObject o, boolean proxy, boolean target) {
        JsonObject net = obj(o, "public_net");
        return new NodeInfo(
                str(o, "daemon_id"),
                proxy,
                target,
                str(net, "node_ip_addr"),
                (int) num(net, "daemon_port"),
                str(net, "direct_url"),
                num(o, "flags"),
                str(o, "member_id"));
    }

    /**
     * A registry entry: the snode plus its roles ({@code "roles": "proxy,target"}) and whether it serves requests
     * yet ({@code "ready"}).
     */
    public static JsonObject registryEntry(NodeInfo n, boolean ready) {
        return Json.createObjectBuilder(snode(n))
                .add("roles", (n.proxy() ? "proxy," : "") + (n.target() ? "target" : ""))
                .add("ready", ready)
                .build();
    }

    public static boolean registryReady(JsonObject o) {
        return o.getBoolean("ready", false);
    }

    public static NodeInfo readRegistryEntry(JsonObject o) {
        String roles = str(o, "roles");
        return readSnode(o, roles.contains("proxy"), roles.contains("target"));
    }

    public static ClusterMap readSmap(JsonObject o) {
        java.util.Map<String, NodeInfo> nodes = new TreeMap<>();
        JsonObject pmap = o.getJsonObject("pmap");
        JsonObject tmap = o.getJsonObject("tmap");
        if (tmap != null) {
            tmap.forEach(
                    (id, v) -> nodes.put(id, readSnode(v.asJsonObject(), pmap != null && pmap.containsKey(id), true)));
        }
        if (pmap != null) {
            pmap.forEach((id, v) -> nodes.putIfAbsent(id, readSnode(v.asJsonObject(), true, false)));
        }
        JsonObject primary = o.getJsonObject("proxy_si");
        return new ClusterMap(
                str(o, "uuid"),
                num(o, "version"),
                nodes,
                primary == null ? "" : str(primary, "daemon_id"),
                num(o, "creation_time"));
    }

    /** Smap in AIS shape: a node with both roles appears in both {@code pmap} and {@code tmap}. */
    public static JsonObject smap(ClusterMap map) {
        JsonObjectBuilder pmap = Json.createObjectBuilder();
        JsonObjectBuilder tmap = Json.createObjectBuilder();
        for (NodeInfo n : map.nodes().values()) {
            if (n.proxy()) {
                pmap.add(n.id(), proxyView(n));
            }
            if (n.target()) {
                tmap.add(n.id(), targetView(n));
            }
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("tmap", tmap).add("pmap", pmap);
        NodeInfo primary = map.primary();
        if (primary != null) {
            b.add("proxy_si", proxyView(primary));
        }
        return b.add("uuid", map.uuid())
                .add("creation_time", Long.toString(map.created()))
                .add("version", Long.toString(map.version()))
                .build();
    }

    private static JsonObject proxyView(NodeInfo n) {
        return Json.createObjectBuilder(snode(n)).add("daemon_type", "proxy").build();
    }

    private static JsonObject targetView(NodeInfo n) {
        return Json.createObjectBuilder(snode(n)).add("daemon_type", "target").build();
    }

    // ---- tolerant readers ----

    static JsonObject obj(JsonObject o, String k) {
        JsonValue v = o.get(k);
        if (v instanceof JsonObject jo) {
            return jo;
        }
        throw AisException.badRequest("bucket property \"" + k + "\" must be an object");
    }

    static String str(JsonObject o, String k) {
        JsonValue v = o.get(k);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        throw AisException.badRequest("property \"" + k + "\" must be a string");
    }

    static long num(JsonObject o, String k) {
        JsonValue v = o.get(k);
        try {
            if (v instanceof JsonNumber n) {
                return n.longValueExact();
            }
            if (v instanceof JsonString s) {
                return Long.parseLong(s.getString());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw AisException.badRequest("property \"" + k + "\" must be an integer");
        }
        if (v == null) {
            return 0;
        }
        throw AisException.badRequest("property \"" + k + "\" must be an integer");
    }

    static boolean bool(JsonObject o, String k) {
        JsonValue v = o.get(k);
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE || v == null) {
            return false;
        }
        if (v instanceof JsonString s
                && (s.getString().equals("true") || s.getString().equals("false"))) {
            return Boolean.parseBoolean(s.getString());
        }
        throw AisException.badRequest("property \"" + k + "\" must be true or false");
    }
}
