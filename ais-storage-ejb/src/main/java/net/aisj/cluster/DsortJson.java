package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.core.AisException;
import net.aisj.core.dsort.DsortJobInfo;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.ExternalKeyMap;
import net.aisj.core.dsort.ShardCutter;

/**
 * dsort's documents, one codec for both sides of each: the job's progress in AIS's {@code JobInfo} shape
 * ({@code ext/dsort/api_metrics.go}; to clients and between targets), the records and shard plans targets hand each
 * other (compact arrays: a record is {@code [name, holder, shard, position, mtime, key, [[ext, offset, size], ...]]},
 * a plan {@code [[shard name, [record, ...]], ...]}, written with a streaming generator), the ranges of a pull, and
 * the external key map file users give. Stateless.
 */
public final class DsortJson {

    private DsortJson() {}

    // ---- JobInfo (AIS wire, also between targets)

    /** AIS {@code JobInfo} of one report. */
    public static JsonObject jobInfo(DsortJobInfo j) {
        DsortJobInfo.Extraction ex = j.extraction();
        DsortJobInfo.Creation cr = j.creation();
        JsonObjectBuilder m = Json.createObjectBuilder()
                .add(
                        "local_extraction",
                        phase(ex.phase())
                                .add("total_count", str(ex.toExtract()))
                                .add("extracted_count", str(ex.extracted()))
                                .add("extracted_size", str(ex.extractedBytes()))
                                .add("extracted_record_count", str(ex.records()))
                                .add("extracted_to_disk_count", str(ex.recordsOnDisk()))
                                .add("extracted_to_disk_size", str(ex.extractedBytes())))
                .add("meta_sorting", phase(j.sorting()))
                .add(
                        "shard_creation",
                        phase(cr.phase())
                                .add("to_create", str(cr.toCreate()))
                                .add("created_count", str(cr.created()))
                                .add("moved_shard_count", str(cr.moved())))
                .add("description", j.description())
                .add("warnings", Json.createArrayBuilder(j.warnings()))
                .add("errors", Json.createArrayBuilder(j.errors()))
                .add("aborted", j.aborted())
                .add("archived", j.archived());
        if (j.aborted()) {
            m.add("abort_reason", j.abortReason());
        }
        return Json.createObjectBuilder()
                .add("id", j.id())
                .add("src-bck", MetaJson.bck(j.input()))
                .add("dst-bck", MetaJson.bck(j.output()))
                .add("started_time", XactJson.time(j.startedMillis()))
                .add("finish_time", XactJson.time(j.finishedMillis()))
                .add("started_meta_sorting", j.sortingStartNanos())
                .add("started_shard_creation", j.creationStartNanos())
                .add("finished_shard_creation", j.creationEndNanos())
                .add("loc-objs", str(j.localObjects()))
                .add("loc-bytes", str(j.localBytes()))
                .add("Metrics", m)
                .add("aborted", j.aborted())
                .add("archived", j.archived())
                .build();
    }

    /** AIS's {@code map[target id]JobInfo}. */
    public static JsonObject jobInfos(Map<String, DsortJobInfo> byTarget) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        byTarget.forEach((t, j) -> out.add(t, jobInfo(j)));
        return out.build();
    }

    /** A list of {@code JobInfo}s. */
    public static JsonArray jobInfoList(List<DsortJobInfo> list) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        list.forEach(j -> out.add(jobInfo(j)));
        return out.build();
    }

    /** Reads what {@link #jobInfo} wrote. */
    public static DsortJobInfo readJobInfo(JsonObject o) {
        JsonObject m = o.getJsonObject("Metrics");
        JsonObject ex = m.getJsonObject("local_extraction");
        JsonObject cr = m.getJsonObject("shard_creation");
        return new DsortJobInfo(
                o.getString("id"),
                MetaJson.readBck(o.getJsonObject("src-bck")),
                MetaJson.readBck(o.getJsonObject("dst-bck")),
                XactJson.millis(o.getString("started_time")),
                XactJson.millis(o.getString("finish_time")),
                o.getJsonNumber("started_meta_sorting").longValue(),
                o.getJsonNumber("started_shard_creation").longValue(),
                o.getJsonNumber("finished_shard_creation").longValue(),
                num(o, "loc-objs"),
                num(o, "loc-bytes"),
                new DsortJobInfo.Extraction(
                        readPhase(ex),
                        num(ex, "total_count"),
                        num(ex, "extracted_count"),
                        num(ex, "extracted_size"),
                        num(ex, "extracted_record_count"),
                        num(ex, "extracted_to_disk_count")),
                readPhase(m.getJsonObject("meta_sorting")),
                new DsortJobInfo.Creation(
                        readPhase(cr), num(cr, "to_create"), num(cr, "created_count"), num(cr, "moved_shard_count")),
                m.getString("description", ""),
                strings(m.getJsonArray("warnings")),
                strings(m.getJsonArray("errors")),
                o.getBoolean("aborted"),
                m.getString("abort_reason", ""),
                o.getBoolean("archived"));
    }

    /** Reads what {@link #jobInfoList} wrote. */
    public static List<DsortJobInfo> readJobInfoList(JsonArray a) {
        List<DsortJobInfo> out = new ArrayList<>(a.size());
        a.forEach(v -> out.add(readJobInfo(v.asJsonObject())));
        return out;
    }

    private static JsonObjectBuilder phase(DsortJobInfo.Phase p) {
        return Json.createObjectBuilder()
                .add("started_time", XactJson.time(p.startMillis()))
                .add("end_time", XactJson.time(p.endMillis()))
                .add("elapsed", p.elapsedNanos())
                .add("running", p.running())
                .add("finished", p.finished());
    }

    private static DsortJobInfo.Phase readPhase(JsonObject o) {
        return new DsortJobInfo.Phase(
                XactJson.millis(o.getString("started_time")),
                XactJson.millis(o.getString("end_time")),
                o.getJsonNumber("elapsed").longValue());
    }

    private static List<String> strings(JsonArray a) {
        return a == null ? List.of() : a.getValuesAs(JsonString::getString);
    }

    private static String str(long n) {
        return Long.toString(n);
    }

    private static long num(JsonObject o, String k) {
        return Long.parseLong(o.getString(k));
    }

    // ---- records, plans, ranges (between targets)

    public static void writeRecords(List<DsortRecord> records, OutputStream out) {
        try (JsonGenerator g = Json.createGenerator(out)) {
            g.writeStartArray();
            records.forEach(r -> record(g, r));
            g.writeEnd();
        }
    }

    public static List<DsortRecord> readRecords(InputStream in) {
        try (var r = Json.createReader(in)) {
            return records(r.readArray());
        }
    }

    public static void writePlan(List<ShardCutter.OutputShard> shards, OutputStream out) {
        try (JsonGenerator g = Json.createGenerator(out)) {
            g.writeStartArray();
            for (ShardCutter.OutputShard s : shards) {
                g.writeStartArray().write(s.name()).writeStartArray();
                s.records().forEach(r -> record(g, r));
                g.writeEnd().writeEnd();
            }
            g.writeEnd();
        }
    }

    public static List<ShardCutter.OutputShard> readPlan(InputStream in) {
        try (var r = Json.createReader(in)) {
            List<ShardCutter.OutputShard> out = new ArrayList<>();
            for (JsonValue v : r.readArray()) {
                JsonArray s = v.asJsonArray();
                out.add(new ShardCutter.OutputShard(s.getString(0), records(s.getJsonArray(1))));
            }
            return out;
        }
    }

    /** A pull's body: the {offset, size} ranges of a scratch file, {@code [[offset, size], ...]}. */
    public static byte[] writeRanges(List<long[]> ranges) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.createGenerator(b)) {
            g.writeStartArray();
            ranges.forEach(rg -> g.writeStartArray().write(rg[0]).write(rg[1]).writeEnd());
            g.writeEnd();
        }
        return b.toByteArray();
    }

    /**
     * Reads what {@link #writeRanges} wrote.
     *
     * @throws AisException BAD_REQUEST when it is not a list of non-negative pairs
     */
    public static List<long[]> readRanges(String body) {
        try (var r = Json.createReader(new StringReader(body))) {
            JsonArray a = r.readArray();
            List<long[]> out = new ArrayList<>(a.size());
            for (JsonValue v : a) {
                JsonArray p = v.asJsonArray();
                long off = p.getJsonNumber(0).longValueExact();
                long len = p.getJsonNumber(1).longValueExact();
                if (off < 0 || len < 0 || p.size() != 2) {
                    throw new IllegalArgumentException("a range is [offset, size], both >= 0: " + p);
                }
                out.add(new long[] {off, len});
            }
            return out;
        } catch (RuntimeException e) {
            throw AisException.badRequest("dsort pull: invalid ranges: " + e.getMessage());
        }
    }

    private static void record(JsonGenerator g, DsortRecord r) {
        g.writeStartArray()
                .write(r.name())
                .write(r.holder())
                .write(r.shard())
                .write(r.position())
                .write(r.mtimeMillis())
                .write(r.contentKey())
                .writeStartArray();
        for (DsortRecord.Part p : r.parts()) {
            g.writeStartArray().write(p.ext()).write(p.offset()).write(p.size()).writeEnd();
        }
        g.writeEnd().writeEnd();
    }

    private static List<DsortRecord> records(JsonArray a) {
        List<DsortRecord> out = new ArrayList<>(a.size());
        for (JsonValue v : a) {
            JsonArray r = v.asJsonArray();
            List<DsortRecord.Part> parts = new ArrayList<>();
            for (JsonValue pv : r.getJsonArray(6)) {
                JsonArray p = pv.asJsonArray();
                parts.add(new DsortRecord.Part(
                        ((JsonString) p.get(0)).getString(),
                        ((JsonNumber) p.get(1)).longValue(),
                        ((JsonNumber) p.get(2)).longValue()));
            }
            out.add(new DsortRecord(
                    r.getString(0),
                    r.getString(1),
                    r.getInt(2),
                    r.getInt(3),
                    r.getJsonNumber(4).longValue(),
                    parts,
                    r.getString(5)));
        }
        return out;
    }

    // ---- the external key map file

    /**
     * An external key map as AIS reads it: a JSON object {@code {"<template>": ["<key regex>", ...]}}, else lines
     * {@code <key regex><sep><template>}. Validating it against the job's spec is the caller's.
     *
     * @throws AisException BAD_REQUEST for malformed content
     */
    public static ExternalKeyMap keyMap(String text, String sep) {
        JsonObject json = null;
        if (text.strip().startsWith("{")) {
            try (var r = Json.createReader(new StringReader(text))) {
                json = r.readObject();
            } catch (RuntimeException e) {
                json = null; // not JSON after all: the line form
            }
        }
        if (json == null) {
            return ExternalKeyMap.parseLines(text, sep);
        }
        ExternalKeyMap m = new ExternalKeyMap();
        for (var e : json.entrySet()) {
            if (!(e.getValue() instanceof JsonArray keys)) {
                throw AisException.badRequest("external key map: \"" + e.getKey() + "\" must map to a list of keys");
            }
            for (JsonValue k : keys) {
                if (!(k instanceof JsonString ks)) {
                    throw AisException.badRequest("external key map: keys must be strings");
                }
                m.add(ks.getString(), e.getKey());
            }
        }
        return m;
    }
}
