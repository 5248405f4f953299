package net.aisj.web.nat.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.service.archive.ArchiveFormat;

/**
 * Reads AIS's dsort request spec ({@code ext/dsort/request_spec.go}) into a {@link DsortSpec}, with AIS's defaults:
 * input extension from the template's suffix, else {@code .tar}; output extension = input extension; output bucket
 * = input bucket; algorithm alphanumeric increasing; {@code max_mem_usage} "80%". One addition:
 * {@code output_shard_records} closes shards by record count. Every problem is a BAD_REQUEST naming the field.
 * Not supported (refused clearly): input given as {@code objnames}.
 */
public final class DsortSpecJson {

    private DsortSpecJson() {}

    /** Parses the spec's JSON text; a missing or malformed body is a BAD_REQUEST. */
    public static DsortSpec read(String body) {
        if (body == null || body.isBlank()) {
            throw bad("missing request body (a dsort spec)");
        }
        JsonObject rs;
        try (var r = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            rs = r.readObject();
        } catch (RuntimeException e) {
            throw bad("not a JSON object: " + e.getMessage());
        }
        return parse(rs);
    }

    public static DsortSpec parse(JsonObject rs) {
        if (rs == null) {
            throw bad("missing request body (a dsort spec)");
        }
        BucketId in = bucket(rs, "input_bck", true);
        BucketId out = bucket(rs, "output_bck", false);
        if (!(rs.get("input_format") instanceof JsonObject inf)) {
            throw bad("input_format: missing (e.g. {\"template\": \"shard-{0..9}\"})");
        }
        if (inf.get("objnames") instanceof jakarta.json.JsonArray a && !a.isEmpty()) {
            throw bad("input_format: objnames is not supported by this cluster; use a template");
        }
        String template = str(inf, "template");
        if (template.isEmpty()) {
            throw bad("input_format: missing template");
        }
        String inExt = ext("input_extension", str(rs, "input_extension"), template, ".tar");
        String outTemplate = str(rs, "output_format").trim();
        String ekm = str(rs, "ekm_file").trim();
        if (outTemplate.isEmpty() && ekm.isEmpty()) {
            throw bad("output_format: missing (e.g. \"out-{0000..9999}\")");
        }
        String outExt = ext("output_extension", str(rs, "output_extension"), outTemplate, inExt);
        if (!ekm.isEmpty()) {
            try {
                java.net.URI u = new java.net.URI(ekm);
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    throw new java.net.URISyntaxException(ekm, "not an http(s) URL");
                }
            } catch (java.net.URISyntaxException e) {
                throw bad("ekm_file: \"" + ekm + "\" is not an http(s) URL");
            }
        }
        long size = DsortSpec.parseSize("output_shard_size", str(rs, "output_shard_size"));
        long records = rs.get("output_shard_records") instanceof JsonNumber n ? n.longValue() : 0;
        if (records < 0) {
            throw bad("output_shard_records: must not be negative");
        }
        long mem = maxMem(str(rs, "max_mem_usage"));
        try {
            return new DsortSpec(
                    in,
                    out == null ? in : out,
                    template,
                    inExt,
                    outTemplate,
                    outExt,
                    size,
                    records,
                    algorithm(rs.get("algorithm")),
                    str(rs, "description"),
                    mem,
                    ekm,
                    str(rs, "ekm_file_sep"));
        } catch (AisException e) {
            throw e.getMessage().startsWith("invalid dsort spec") ? e : bad(e.getMessage());
        }
    }

    private static DsortSpec.Algorithm algorithm(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return new DsortSpec.Algorithm(DsortSpec.Kind.ALPHANUMERIC, false, 0, "", DsortSpec.KeyType.STRING);
        }
        if (!(v instanceof JsonObject a)) {
            throw bad("algorithm: must be an object");
        }
        DsortSpec.Kind kind = DsortSpec.Kind.of(str(a, "kind"));
        long seed = 0;
        String s = a.get("seed") instanceof JsonNumber n ? n.toString() : str(a, "seed");
        if (!s.isEmpty()) {
            try {
                seed = Long.parseLong(s);
            } catch (NumberFormatException e) {
                seed = -1;
            }
            if (seed < 0) {
                throw bad("algorithm: seed \"" + s + "\" must be a non-negative integer");
            }
        } else if (kind == DsortSpec.Kind.SHUFFLE) {
            seed = System.nanoTime() & Long.MAX_VALUE;
        }
        String ext = str(a, "extension").trim();
        DsortSpec.KeyType type = DsortSpec.KeyType.STRING;
        if (kind == DsortSpec.Kind.CONTENT) {
            if (ext.isEmpty() || ext.charAt(0) != '.') {
                throw bad("algorithm: content sorting needs \"extension\" starting with a dot (e.g. \".cls\"), got \""
                        + ext + "\"");
            }
            type = switch (str(a, "content_key_type")) {
                case "int" -> DsortSpec.KeyType.INT;
                case "float" -> DsortSpec.KeyType.FLOAT;
                case "string" -> DsortSpec.KeyType.STRING;
                default ->
                    throw bad("algorithm: content_key_type \"" + str(a, "content_key_type")
                            + "\" is not one of [int float string]");
            };
        }
        return new DsortSpec.Algorithm(kind, a.getBoolean("decreasing", false), seed, ext, type);
    }

    /** The archive extension: given, or the template's suffix, or the default; checked against each other. */
    private static String ext(String field, String given, String template, String dflt) {
        ArchiveFormat fromTemplate = ArchiveFormat.byName(template);
        ArchiveFormat f;
        try {
            f = given.isEmpty() ? null : ArchiveFormat.ofMime(given);
        } catch (IllegalArgumentException e) {
            throw bad(field + ": " + e.getMessage());
        }
        if (f != null && fromTemplate != null && f != fromTemplate) {
            throw bad(field + ": \"" + given + "\" vs the template's \"" + fromTemplate.ext() + "\"");
        }
        if (f != null) {
            return f.ext();
        }
        return fromTemplate != null ? templateSuffix(template, fromTemplate) : dflt;
    }

    /** The suffix as the template spells it (so names keep it: ".tar.gz" stays ".tar.gz", not ".tgz"). */
    private static String templateSuffix(String template, ArchiveFormat f) {
        String lower = template.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".tar.gz")
                ? template.substring(template.length() - 7)
                : template.substring(template.length() - f.ext().length());
    }

    private static long maxMem(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        String t = text.trim();
        if (t.endsWith("%")) {
            try {
                double p = Double.parseDouble(t.substring(0, t.length() - 1));
                if (p <= 0 || p > 100) {
                    throw new NumberFormatException();
                }
                return -Math.round(p);
            } catch (NumberFormatException e) {
                throw bad("max_mem_usage: \"" + text + "\" is not a percentage in (0, 100]");
            }
        }
        return DsortSpec.parseSize("max_mem_usage", t);
    }

    private static BucketId bucket(JsonObject rs, String field, boolean required) {
        if (!(rs.get(field) instanceof JsonObject b) || str(b, "name").isEmpty()) {
            if (required || (rs.get(field) instanceof JsonObject)) {
                if (!required
                        && rs.get(field) instanceof JsonObject o
                        && str(o, "name").isEmpty()
                        && str(o, "provider").isEmpty()) {
                    return null;
                }
                throw bad(field + ": missing bucket name");
            }
            return null;
        }
        String provider = str(b, "provider");
        if (required && !provider.isEmpty() && !provider.equals(BucketId.AIS)) {
            // the input may live in a backend (aws://, s3://): shards not cached are fetched by their owners
            String ns = b.get("namespace") instanceof JsonObject n ? str(n, "name") : str(b, "namespace");
            return net.aisj.web.nat.Bck.of(str(b, "name"), provider, ns);
        }
        if (!provider.isEmpty() && !provider.equals(BucketId.AIS)) {
            throw bad(field + ": provider \"" + provider + "\" is not supported for the output (only ais)");
        }
        return BucketId.ais(str(b, "name"));
    }

    static String str(JsonObject o, String k) {
        return o != null && o.get(k) instanceof JsonString s ? s.getString() : "";
    }

    private static AisException bad(String msg) {
        return AisException.badRequest("invalid dsort spec: " + msg);
    }
}
