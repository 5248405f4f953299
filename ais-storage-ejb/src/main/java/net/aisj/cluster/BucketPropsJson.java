package net.aisj.cluster;

import static net.aisj.cluster.MetaJson.bool;
import static net.aisj.cluster.MetaJson.namespace;
import static net.aisj.cluster.MetaJson.num;
import static net.aisj.cluster.MetaJson.obj;
import static net.aisj.cluster.MetaJson.str;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.BucketCors;
import net.aisj.core.BucketProps;
import net.aisj.core.BucketPropsChange;
import net.aisj.core.CloudExtra;

/**
 * AIS's bucket props document ({@code Ais-Bucket-Props}, {@code set-bprops}, {@code create-bck}) in both
 * directions, and the form a BMD stores them in (the same document plus what only this store keeps, e.g. S3 CORS
 * rules, never shown in AIS's props). Stateless.
 */
public final class BucketPropsJson {

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

    /** The key of the CORS rules in a stored props document (not an AIS prop: clients cannot set it). */
    static final String CORS = "s3_cors";

    private BucketPropsJson() {}

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
                                                .add("original_url", p.remote().httpOrigin()))
                                .add(
                                        "azure",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "endpoint",
                                                        p.remote().cloud().azureEndpoint())
                                                .add(
                                                        "account",
                                                        p.remote().cloud().azureAccount()))
                                .add(
                                        "gcp",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "application_creds",
                                                        p.remote().cloud().gcpCreds())
                                                .add(
                                                        "endpoint",
                                                        p.remote().cloud().gcpEndpoint()))
                                .add(
                                        "hdfs",
                                        Json.createObjectBuilder()
                                                .add("url", p.remote().cloud().hdfsUrl())
                                                .add("root", p.remote().cloud().hdfsRoot())
                                                .add("user", p.remote().cloud().hdfsUser())))
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
        return fromProps(merged, base.created(), base.bid())
                .withCors(base.cors())
                .validated();
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

    /** {@code backend_bck} and {@code extra.*}; absent in BMDs written before remote buckets existed. */
    private static BucketProps.Remote remote(JsonObject o) {
        JsonObject b = o.containsKey("backend_bck") ? obj(o, "backend_bck") : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject extra = o.containsKey("extra") ? obj(o, "extra") : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject aws = extra.containsKey("aws") ? obj(extra, "aws") : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject http = sub(extra, "http");
        JsonObject azure = sub(extra, "azure");
        JsonObject gcp = sub(extra, "gcp");
        JsonObject hdfs = sub(extra, "hdfs");
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
                str(http, "original_url"),
                new CloudExtra(
                        str(azure, "endpoint"),
                        str(azure, "account"),
                        str(gcp, "application_creds"),
                        str(gcp, "endpoint"),
                        str(hdfs, "url"),
                        str(hdfs, "root"),
                        str(hdfs, "user")));
    }

    /** {@code extra.<provider>}, empty when absent (props written before it existed). */
    private static JsonObject sub(JsonObject extra, String key) {
        return extra.containsKey(key) ? obj(extra, key) : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** The props as a BMD keeps them: AIS's document plus the S3 CORS rules (under {@value #CORS}) when set. */
    public static JsonObject stored(BucketProps p) {
        JsonObject props = props(p);
        if (p.cors().isEmpty()) {
            return props;
        }
        JsonArrayBuilder rules = Json.createArrayBuilder();
        for (BucketCors.Rule r : p.cors().rules()) {
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("id", r.id())
                    .add("origins", Json.createArrayBuilder(r.allowedOrigins()))
                    .add("methods", Json.createArrayBuilder(r.allowedMethods()))
                    .add("headers", Json.createArrayBuilder(r.allowedHeaders()))
                    .add("expose", Json.createArrayBuilder(r.exposeHeaders()))
                    .add("max_age", r.maxAgeSeconds());
            rules.add(o);
        }
        return Json.createObjectBuilder(props).add(CORS, rules).build();
    }

    /** Reads what {@link #stored} wrote (and BMDs written before CORS rules existed). */
    public static BucketProps readStored(JsonObject o) {
        BucketProps p = readProps(o);
        if (!(o.get(CORS) instanceof JsonArray arr)) {
            return p;
        }
        List<BucketCors.Rule> rules = new ArrayList<>();
        for (JsonValue v : arr) {
            JsonObject r = v.asJsonObject();
            rules.add(new BucketCors.Rule(
                    r.getString("id", ""),
                    strings(r, "origins"),
                    strings(r, "methods"),
                    strings(r, "headers"),
                    strings(r, "expose"),
                    r.getInt("max_age", -1)));
        }
        return p.withCors(new BucketCors(rules));
    }

    private static List<String> strings(JsonObject o, String k) {
        JsonArray a = o.getJsonArray(k);
        return a == null ? List.of() : a.getValuesAs(JsonString::getString);
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
}
