package net.aisj.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ETL of the cluster (AIS's {@code /v1/etl}): its details and logs, stop/start/remove, and transforms with it
 * (one object inline, a whole bucket offline as a job). Created by {@link AisClient#etl(String)} (an ETL that exists
 * or not: calls on a missing one fail with 404) or {@link AisClient#initEtl(String)}. Thread-safe.
 */
public final class Etl {

    /** A row of the ETL list: name, stage ({@code Running}, {@code Stopped}, ...), its job and counters. */
    public record Info(String name, String stage, String jobId, long objects, long inBytes, long outBytes) {}

    /**
     * An ETL's details: its init message (the ETLSpecMsg as JSON), stage, why it stopped (empty when it did not),
     * the objects it failed on.
     */
    public record Details(String name, String initMsg, String stage, String reason, List<ObjectError> errors) {
        public Details {
            errors = List.copyOf(errors);
        }
    }

    /** An object the transformer failed on. */
    public record ObjectError(String object, String message) {}

    private final Transport t;
    private final String name;

    Etl(Transport t, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an ETL needs a name");
        }
        this.t = t;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** {@code PUT /v1/etl} with an ETLSpecMsg (JSON); returns the ETL's job id. */
    static String init(Transport t, String specJson) {
        return Transport.text(t.control("PUT", "/v1/etl", specJson), "init ETL", 200)
                .strip();
    }

    /** Every ETL of the cluster. */
    static List<Info> list(Transport t) {
        List<Info> out = new ArrayList<>();
        for (JsonNode e : t.readJson(t.control("GET", "/v1/etl", null), "list ETLs", 200)) {
            out.add(new Info(
                    e.path("id").asText(),
                    e.path("stage").asText(),
                    e.path("xaction_id").asText(),
                    e.path("obj_count").asLong(),
                    e.path("in_bytes").asLong(),
                    e.path("out_bytes").asLong()));
        }
        return out;
    }

    public Details details() {
        JsonNode d = t.readJson(t.control("GET", path(""), null), "details of ETL " + name, 200);
        List<ObjectError> errs = new ArrayList<>();
        for (JsonNode e : d.path("obj_errors")) {
            errs.add(new ObjectError(e.path("obj_name").asText(), e.path("msg").asText()));
        }
        return new Details(
                name,
                d.path("init_msg").toString(),
                d.path("stage").asText(),
                d.path("reason").asText(""),
                errs);
    }

    /** The transformer's output per target id ({@code target} null or empty: every target's). */
    public Map<String, byte[]> logs(String target) {
        String p = path("/logs" + (target == null || target.isEmpty() ? "" : "/" + Transport.enc(target)));
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (JsonNode e : t.readJson(t.control("GET", p, null), "logs of ETL " + name, 200)) {
            out.put(
                    e.path("target_id").asText(),
                    Base64.getDecoder().decode(e.path("logs").asText("")));
        }
        return out;
    }

    /** Stops the transformers (the ETL stays, stage {@code Stopped}). */
    public void stop() {
        Transport.discard(Transport.check(t.control("POST", path("/stop"), null), "stop ETL " + name, 200));
    }

    /** Starts a stopped ETL again; returns its new job id. */
    public String start() {
        return Transport.text(t.control("POST", path("/start"), null), "start ETL " + name, 200)
                .strip();
    }

    /** Removes the ETL (its transformers are stopped first). */
    public void remove() {
        Transport.discard(Transport.check(t.control("DELETE", path(""), null), "remove ETL " + name, 200));
    }

    /**
     * Object {@code object} of {@code bucket} as this ETL transforms it, streamed from the object's owner
     * ({@code args}: AIS's {@code etl_args}, null for none); the caller closes the stream.
     */
    public InputStream transform(Bucket bucket, String object, String args) {
        String q = "etl_name=" + Transport.enc(name) + (args == null ? "" : "&etl_args=" + Transport.enc(args));
        return Transport.check(
                        t.object("GET", bucket.id(), object, q, null, Map.of()),
                        "GET " + bucket.id().cname() + "/" + object + " through ETL " + name,
                        200)
                .body();
    }

    /**
     * Starts transforming the objects of {@code from} into {@code to} (AIS's {@code etl-bck} job): only names
     * starting with {@code prefix} (empty: all), each written as {@code prepend + name} with its extension mapped
     * by {@code ext} (e.g. {@code flac -> wav}); returns the job id.
     */
    public String transformBucket(Bucket from, Bucket to, String prefix, String prepend, Map<String, String> ext) {
        ObjectNode value = t.json().createObjectNode().put("id", name);
        if (prefix != null && !prefix.isEmpty()) {
            value.put("prefix", prefix);
        }
        if (prepend != null && !prepend.isEmpty()) {
            value.put("prepend", prepend);
        }
        if (ext != null && !ext.isEmpty()) {
            ObjectNode e = value.putObject("ext");
            ext.forEach(e::put);
        }
        ObjectNode msg = t.json().createObjectNode().put("action", "etl-bck");
        msg.set("value", value);
        return from.startJob(to, msg.toString(), "transform " + from + " into " + to + " with ETL " + name);
    }

    private String path(String rest) {
        return "/v1/etl/" + Transport.enc(name) + rest;
    }

    @Override
    public String toString() {
        return "etl " + name;
    }
}
