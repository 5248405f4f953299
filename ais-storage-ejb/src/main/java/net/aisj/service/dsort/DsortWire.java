package net.aisj.service.dsort;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.ShardCutter;

/**
 * Record metadata and shard plans as they travel between targets: compact JSON arrays, a record being
 * {@code [name, holder, shard, position, mtime, key, [[ext, offset, size], ...]]} and a plan
 * {@code [[shard name, [record, ...]], ...]}. Written with a streaming generator (no document tree on the sending
 * side). Stateless.
 */
public final class DsortWire {

    private DsortWire() {}

    static void writeRecords(List<DsortRecord> records, OutputStream out) {
        try (JsonGenerator g = Json.createGenerator(out)) {
            g.writeStartArray();
            records.forEach(r -> record(g, r));
            g.writeEnd();
        }
    }

    static List<DsortRecord> readRecords(InputStream in) {
        try (var r = Json.createReader(in)) {
            return records(r.readArray());
        }
    }

    static void writePlan(List<ShardCutter.OutputShard> shards, OutputStream out) {
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

    static List<ShardCutter.OutputShard> readPlan(InputStream in) {
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
    static byte[] writeRanges(List<long[]> ranges) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
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
     * @throws net.aisj.core.AisException BAD_REQUEST when it is not a list of non-negative pairs
     */
    public static List<long[]> readRanges(String body) {
        try (var r = Json.createReader(new java.io.StringReader(body))) {
            JsonArray a = r.readArray();
            List<long[]> out = new java.util.ArrayList<>(a.size());
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
            throw net.aisj.core.AisException.badRequest("dsort pull: invalid ranges: " + e.getMessage());
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
}
