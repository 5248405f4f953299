package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.BucketMetadata;
import net.aisj.core.BucketProps;
import net.aisj.core.BucketPropsChange;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * AIS JSON shapes of bucket props ({@code Ais-Bucket-Props}), BMD and Smap, in both directions. Numbers that AIS
 * writes as strings (versions, ids, times) are written as strings and read from either form. Stateless.
 */
public final class MetaJson {

    private static final Set<String> PROP_KEYS = Set.of(
            "provider",
            "backend_bck",
            "write_policy",
            "checksum",
            "versioning",
            "mirror",
            "ec",
            "lru",
            "access",
            "features",
            "bid",
            "created",
            "rate_limit",
            "extra",
            "chunks");

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

    // ---- bucket props ----

    public static JsonObject props(BucketProps p) {
        var c = p.checksum();
        var v = p.versioning();
        var m = p.mirror();
        var ec = p.ec();
        return Json.createObjectBuilder()
                .add("provider", p.provider())
                .add(
                        "backend_bck",
                        Json.createObjectBuilder()
                                .add("name", p.remote().backendName())
                                .add("provider", p.remote().backendProvider())
                                .add("namespace", namespace(p.remote().backendNamespace())))
                .add(
                        "write_policy",
                        Json.createObjectBuilder()
                                .add("data", p.writePolicy().data())
                                .add("md", p.writePolicy().md()))
                .add(
                        "checksum",
                        Json.createObjectBuilder()
                                .add("type", c.type())
                                .add("validate_cold_get", c.validateColdGet())
                                .add("validate_warm_get", c.validateWarmGet())
                                .add("validate_obj_move", c.validateObjMove())
                                .add("enable_read_range", c.enableReadRange()))
                .add(
                        "versioning",
                        Json.createObjectBuilder()
                                .add("enabled", v.enabled())
                                .add("validate_warm_get", v.validateWarmGet())
                                .add("synchronize", v.synchronize()))
                .add(
                        "mirror",
                        Json.createObjectBuilder()
                                .add("copies", m.copies())
                                .add("burst_buffer", m.burstBuffer())
                                .add("enabled", m.enabled())
                                .add("sync_put", m.syncPut()))
                .add(
                        "ec",
                        Json.createObjectBuilder()
                                .add("objsize_limit", ec.objsizeLimit())
                                .add("compression", ec.compression())
                                .add("bundle_multiplier", 2)
                                .add("data_slices", ec.dataSlices())
                                .add("parity_slices", ec.paritySlices())
                                .add("enabled", ec.enabled())
                                .add("disk_only", false)
                                .add("sync_put", ec.syncPut()))
                .add(
                        "lru",
                        Json.createObjectBuilder()
                                .add("dont_evict_time", p.lru().dontEvictTime())
                                .add("capacity_upd_time", p.lru().capacityUpdTime())
                                .add("enabled", p.lru().enabled()))
                .add("access", p.access())
                .add(
                        "extra",
                        Json.createObjectBuilder()
                                .add(
                                        "aws",
                                        Json.createObjectBuilder()
                                                .add("cloud_region", p.remote().awsRegion())
                                                .add("endpoint", p.remote().awsEndpoint())
                                                .add("profile", p.remote().awsProfile()))
                                .add(
                                        "http",
                                        Json.createObjectBuilder()
                                                .add("original_url", p.remote().httpOrigin())))
                .add("features", "0")
                .add("bid", Long.toUnsignedString(p.bid()))
                .add("created", Long.toString(p.created()))
                .build();
    }

    /**
     * Applies a partial props document (AIS {@code BpropsToSet}) over {@code base}.
     *
     * @throws AisException BAD_REQUEST for unknown keys, wrong types or invalid values
     */
    public static BucketProps applyPatch(BucketProps base, JsonObject patch) {
        checkKeys(patch);
        if (patch.get("lru") instanceof JsonObject lru) {
            for (String k : List.of("dont_evict_time", "capacity_upd_time")) {
                if (lru.get(k) instanceof jakarta.json.JsonString d) {
                    net.aisj.core.GoDuration.millis(d.getString(), "lru." + k);
                }
            }
        }
        JsonObject merged = merge(props(base), patch);
        if (!str(merged, "provider").equals(base.provider())) {
            throw AisException.badRequest("bucket provider cannot be changed");
        }
        return fromProps(merged, base.created(), base.bid()).validated();
    }

    /**
     * A props document of the wire ({@code set-bprops} value, {@code create-bck} props) as a change: its keys are
     * checked now, the deep merge into the current props happens when the change is applied.
     *
     * @throws AisException BAD_REQUEST for an unknown property
     */
    public static BucketPropsChange propsChange(JsonObject patch) {
        checkKeys(patch);
        return current -> applyPatch(current, patch);
    }

    /**
     * AIS's {@code ECConfToSet} (the {@code ec-encode} value: data/parity slices and other {@code ec.*} keys) as
     * the change that turns erasure coding on with those settings.
     */
    public static BucketPropsChange ecOn(JsonObject ecConf) {
        JsonObjectBuilder ec = Json.createObjectBuilder().add("enabled", true);
        if (ecConf != null) {
            ecConf.forEach((k, v) -> {
                if (!k.equals("enabled")) {
                    ec.add(k, v);
                }
            });
        }
        return propsChange(Json.createObjectBuilder().add("ec", ec).build());
    }

    private static void checkKeys(JsonObject patch) {
        for (String k : patch.keySet()) {
            if (!PROP_KEYS.contains(k)) {
                throw AisException.badRequest("invalid bucket property \"" + k + "\"");
            }
        }
    }

    private static BucketProps fromProps(JsonObject o, long created, long bid) {
        JsonObject c = obj(o, "checksum");
        JsonObject v = obj(o, "versioning");
        JsonObject m = obj(o, "mirror");
        JsonObject ec = obj(o, "ec");
        JsonObject wp = obj(o, "write_policy");
        JsonObject lru = obj(o, "lru");
        return new BucketProps(
                str(o, "provider"),
                new BucketProps.Checksum(
                        str(c, "type"),
                        bool(c, "validate_cold_get"),
                        bool(c, "validate_warm_get"),
                        bool(c, "validate_obj_move"),
                        bool(c, "enable_read_range")),
                new BucketProps.Versioning(bool(v, "enabled"), bool(v, "validate_warm_get"), bool(v, "synchronize")),
                new BucketProps.Mirror(
                        bool(m, "enabled"), (int) num(m, "copies"), (int) num(m, "burst_buffer"), bool(m, "sync_put")),
                new BucketProps.Ec(
                        bool(ec, "enabled"),
                        (int) num(ec, "data_slices"),
                        (int) num(ec, "parity_slices"),
                        num(ec, "objsize_limit"),
                        str(ec, "compression"),
                        bool(ec, "sync_put")),
                new BucketProps.WritePolicy(str(wp, "data"), str(wp, "md")),
                new BucketProps.Lru(bool(lru, "enabled"), str(lru, "dont_evict_time"), str(lru, "capacity_upd_time")),
                str(o, "access"),
                created,
                bid,
                remote(o));
    }

    /** {@code backend_bck} and {@code extra.aws}; absent in BMDs written before remote buckets existed. */
    private static BucketProps.Remote remote(JsonObject o) {
        JsonObject b = o.containsKey("backend_bck") ? obj(o, "backend_bck") : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject extra = o.containsKey("extra") ? obj(o, "extra") : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject aws = extra.containsKey("aws") ? obj(extra, "aws") : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject http = extra.containsKey("http") ? obj(extra, "http") : JsonValue.EMPTY_JSON_OBJECT;
        String prov = str(b, "provider");
        prov = switch (prov) {
            case "s3" -> "aws";
            case "gs" -> "gcp";
            case "az" -> "azure";
            default -> prov;
        };
        String ns = "";
        JsonValue nsv = b.get("namespace");
        if (nsv instanceof JsonObject nso) {
            String uuid = str(nso, "uuid");
            String name = str(nso, "name");
            ns = uuid.isEmpty() && name.isEmpty() ? "" : "@" + uuid + "#" + name;
        } else if (nsv instanceof jakarta.json.JsonString s) {
            ns = BucketId.namespaceOf(s.getString());
        }
        return new BucketProps.Remote(
                prov,
                ns,
                str(b, "name"),
                str(aws, "endpoint"),
                str(aws, "profile"),
                str(aws, "cloud_region"),
                str(http, "original_url"));
    }

    /** AIS's namespace object {@code {"uuid","name"}} from our {@code @uuid#name} form ("" for the global one). */
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

    private static JsonObject namespace(String ns) {
        String uuid = "";
        String name = "";
        if (ns.startsWith("@")) {
            int hash = ns.indexOf('#');
            uuid = hash < 0 ? ns.substring(1) : ns.substring(1, hash);
            name = hash < 0 ? "" : ns.substring(hash + 1);
        }
        return Json.createObjectBuilder().add("uuid", uuid).add("name", name).build();
    }

    /** Reads a full props document (as written by {@link #props}). */
    public static BucketProps readProps(JsonObject o) {
        return fromProps(o, num(o, "created"), Long.parseUnsignedLong(str(o, "bid")));
    }

    /** Deep merge: objects merge key by key, anything else in {@code patch} replaces. */
    static JsonObject merge(JsonObject base, JsonObject patch) {
        JsonObjectBuilder b = Json.createObjectBuilder(base);
        for (Map.Entry<String, JsonValue> e : patch.entrySet()) {
            JsonValue old = base.get(e.getKey());
            JsonValue nv = e.getValue();
            if (old instanceof JsonObject oo && nv instanceof JsonObject no) {
                b.add(e.getKey(), merge(oo, no));
            } else if (old instanceof JsonObject && nv.getValueType() != JsonValue.ValueType.NULL) {
                throw AisException.badRequest("bucket property \"" + e.getKey() + "\" must be an object");
            } else if (nv.getValueType() != JsonValue.ValueType.NULL) {
                b.add(e.getKey(), nv);
            }
        }
        return b.build();
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
                bcks.forEach((name, p) -> bb.add(name, props(p)));
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
                                    readProps(p.asJsonObject())))));
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

    private static JsonObject obj(JsonObject o, String k) {
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
