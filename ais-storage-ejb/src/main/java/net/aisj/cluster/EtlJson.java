package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.core.AisException;
import net.aisj.core.GoDuration;
import net.aisj.core.etl.EtlEntry;
import net.aisj.core.etl.EtlMetadata;
import net.aisj.core.etl.EtlNodeState;
import net.aisj.core.etl.EtlSpec;
import net.aisj.core.etl.EtlStage;

/**
 * ETL documents as JSON: AIS's init message ({@code ETLSpecMsg}) in, the cluster's ETL metadata (EtlMD) stored on
 * the data grid and the mountpaths, both sides of one contract.
 */
public final class EtlJson {

    private EtlJson() {}

    /**
     * Parses AIS's {@code ETLSpecMsg} ({@code name, communication, init_timeout, obj_timeout, support_direct_put,
     * env, runtime{image, command, env}}); unknown fields are ignored as AIS does.
     *
     * @throws AisException BAD_REQUEST for malformed JSON, wrong types, a bad name or comm type, a pod-spec message
     *                      ({@code InitSpecMsg}, see {@link EtlPodSpec}) AIS would refuse
     */
    public static EtlSpec spec(String text) {
        JsonObject o;
        try (var r = Json.createReader(new StringReader(text == null ? "" : text))) {
            o = r.readObject();
        } catch (jakarta.json.JsonException | ClassCastException e) {
            throw AisException.badRequest("invalid ETL init message (expected ETLSpecMsg JSON): " + e.getMessage());
        }
        String name = str(o, "name");
        EtlSpec.validateName(name);
        if (o.containsKey("spec") && !o.containsKey("runtime")) {
            return podSpec(name, o);
        }
        JsonObject runtime = o.get("runtime") instanceof JsonObject rt ? rt : JsonValue.EMPTY_JSON_OBJECT;
        List<String> command = new ArrayList<>();
        if (runtime.get("command") instanceof JsonArray arr) {
            for (JsonValue v : arr) {
                if (!(v instanceof JsonString s)) {
                    throw AisException.badRequest("etl job " + name + ": runtime.command must be a list of strings");
                }
                command.add(s.getString());
            }
        } else if (runtime.containsKey("command") && runtime.get("command") != JsonValue.NULL) {
            throw AisException.badRequest("etl job " + name + ": runtime.command must be a list of strings");
        }
        Map<String, String> env = new LinkedHashMap<>();
        envInto(name, runtime.get("env"), env);
        envInto(name, o.get("env"), env);
        return new EtlSpec(
                        name,
                        str(o, "communication"),
                        duration(name, o, "init_timeout"),
                        duration(name, o, "obj_timeout"),
                        o.get("support_direct_put") == JsonValue.TRUE,
                        str(runtime, "image"),
                        command,
                        List.of(),
                        env,
                        str(runtime, "url"),
                        o.get("restart_max") instanceof JsonNumber n ? n.intValue() : -1,
                        o.toString())
                .validate();
    }

    /**
     * AIS's deprecated {@code InitSpecMsg} ({@code name, communication, init_timeout, obj_timeout, spec}): the pod's
     * container as the runtime; the message's own fields win over the pod's annotations.
     */
    private static EtlSpec podSpec(String name, JsonObject o) {
        if (!(o.get("spec") instanceof JsonString b64)) {
            throw AisException.badRequest("etl job " + name + ": pod spec: \"spec\" must be a base64 string");
        }
        EtlPodSpec pod = EtlPodSpec.parse(name, b64.getString());
        String comm = str(o, "communication").isBlank() ? pod.comm() : str(o, "communication");
        long init = duration(name, o, "init_timeout");
        if (init == 0 && !pod.waitTimeout().isEmpty()) {
            init = GoDuration.millis(pod.waitTimeout(), "etl job " + name + ": wait_timeout");
        }
        Map<String, String> env = new LinkedHashMap<>(pod.env());
        envInto(name, o.get("env"), env);
        return new EtlSpec(
                        name,
                        comm,
                        init,
                        duration(name, o, "obj_timeout"),
                        o.get("support_direct_put") == JsonValue.TRUE || pod.directPut(),
                        pod.image(),
                        List.of(),
                        pod.command(),
                        env,
                        "",
                        o.get("restart_max") instanceof JsonNumber n ? n.intValue() : -1,
                        o.toString())
                .validate();
    }

    private static void envInto(String name, JsonValue v, Map<String, String> env) {
        if (v == null || v == JsonValue.NULL) {
            return;
        }
        if (!(v instanceof JsonArray arr)) {
            throw AisException.badRequest("etl job " + name + ": env must be a list of {\"name\",\"value\"}");
        }
        for (JsonValue e : arr) {
            if (!(e instanceof JsonObject eo) || !(eo.get("name") instanceof JsonString n)) {
                throw AisException.badRequest("etl job " + name + ": env must be a list of {\"name\",\"value\"}");
            }
            env.put(n.getString(), str(eo, "value"));
        }
    }

    /** A Go duration string ({@code "5m"}), or a number of nanoseconds; 0 when absent. */
    private static long duration(String name, JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return 0;
        }
        if (v instanceof JsonNumber n) {
            return n.longValue() / 1_000_000;
        }
        if (v instanceof JsonString s) {
            return s.getString().isBlank() ? 0 : GoDuration.millis(s.getString(), "etl job " + name + ": " + key);
        }
        throw AisException.badRequest("etl job " + name + ": " + key + " must be a duration such as \"5m\"");
    }

    /** The ETL metadata as stored. */
    /**
     * AIS's {@code ws://} control message for one object ({@code {"path":..,"fqn":..,"etl_args":..,"pipeline":..}}:
     * the object's name, its path-escaped local file when the transformer reads it itself, empty fields left out).
     */
    public static String wsControl(String objectName, String fqn, String etlArgs, String pipeline) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("path", objectName);
        if (fqn != null && !fqn.isEmpty()) {
            b.add("fqn", fqn);
        }
        if (etlArgs != null && !etlArgs.isEmpty()) {
            b.add("etl_args", etlArgs);
        }
        if (pipeline != null && !pipeline.isEmpty()) {
            b.add("pipeline", pipeline);
        }
        return b.build().toString();
    }

    public static String metadataText(EtlMetadata md) {
        JsonObjectBuilder etls = Json.createObjectBuilder();
        md.etls()
                .forEach((n, e) -> etls.add(
                        n,
                        Json.createObjectBuilder()
                                .add("init_msg", e.spec().initMsg())
                                .add("stage", e.stage().wire())
                                .add("secret", e.secret())
                                .add("xid", e.xid())
                                .add("reason", e.reason())));
        return Json.createObjectBuilder()
                .add("version", md.version())
                .add("etls", etls)
                .build()
                .toString();
    }

    /** Reads what {@link #metadataText} wrote. */
    public static EtlMetadata metadataOf(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            JsonObject o = r.readObject();
            Map<String, EtlEntry> etls = new TreeMap<>();
            JsonObject all = o.getJsonObject("etls");
            if (all != null) {
                all.forEach((n, v) -> {
                    JsonObject e = (JsonObject) v;
                    etls.put(
                            n,
                            new EtlEntry(
                                    spec(str(e, "init_msg")),
                                    EtlStage.of(str(e, "stage")),
                                    str(e, "secret"),
                                    str(e, "xid"),
                                    str(e, "reason")));
                });
            }
            return new EtlMetadata(o.getJsonNumber("version").longValue(), etls);
        }
    }

    /** An entry as the intra call that starts it on a target carries it. */
    public static String entryText(EtlEntry e) {
        return metadataText(new EtlMetadata(0, Map.of(e.name(), e)));
    }

    /** Reads what {@link #entryText} wrote. */
    public static EtlEntry entryOf(String text) {
        EtlMetadata md = metadataOf(text);
        if (md.etls().size() != 1) {
            throw AisException.badRequest("expected one ETL in the start message");
        }
        return md.etls().values().iterator().next();
    }

    /** One target's state of an ETL (the intra call's answer). */
    public static String nodeStateText(EtlNodeState s) {
        JsonArrayBuilder errs = Json.createArrayBuilder();
        s.errors().forEach(e -> errs.add(objError(e)));
        return Json.createObjectBuilder()
                .add("target_id", s.nodeId())
                .add("health_status", s.health())
                .add("cpu", s.cpu())
                .add("mem", s.memBytes())
                .add("obj_count", s.objCount())
                .add("in_bytes", s.inBytes())
                .add("out_bytes", s.outBytes())
                .add("restarts", s.restarts())
                .add("obj_errors", errs)
                .build()
                .toString();
    }

    /** AIS's {@code ObjErr}. */
    public static JsonObject objError(EtlNodeState.ObjError e) {
        return Json.createObjectBuilder()
                .add("obj_name", e.objName())
                .add("msg", e.message())
                .add("ecode", e.ecode())
                .build();
    }

    /** Reads what {@link #nodeStateText} wrote. */
    public static EtlNodeState nodeStateOf(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            JsonObject o = r.readObject();
            List<EtlNodeState.ObjError> errs = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("obj_errors")) {
                JsonObject e = (JsonObject) v;
                errs.add(new EtlNodeState.ObjError(str(e, "obj_name"), str(e, "msg"), e.getInt("ecode", 0)));
            }
            return new EtlNodeState(
                    str(o, "target_id"),
                    str(o, "health_status"),
                    o.getJsonNumber("cpu").doubleValue(),
                    o.getJsonNumber("mem").longValue(),
                    o.getJsonNumber("obj_count").longValue(),
                    o.getJsonNumber("in_bytes").longValue(),
                    o.getJsonNumber("out_bytes").longValue(),
                    o.getInt("restarts", 0),
                    errs);
        }
    }

    static String str(JsonObject o, String k) {
        return o != null && o.get(k) instanceof JsonString s ? s.getString() : "";
    }
}
