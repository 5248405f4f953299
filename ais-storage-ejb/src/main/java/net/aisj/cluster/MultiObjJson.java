package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.MultiObjRequest;

/**
 * AIS's multi-object messages as JSON: the user's {@code ListRange}, {@code TCOMsg} and {@code TCBMsg}, and the
 * start message a node sends the other targets ({@link #write} / {@link #read}, both sides of one contract).
 */
public final class MultiObjJson {

    private MultiObjJson() {}

    /** {@code {"objnames":[...]}} or {@code {"template":"..."}}. */
    public static MultiObjRequest listRange(JsonObject lr) {
        List<String> names = null;
        if (lr != null && lr.get("objnames") instanceof JsonArray arr && !arr.isEmpty()) {
            names = new ArrayList<>(arr.size());
            for (JsonValue v : arr) {
                if (!(v instanceof JsonString s)) {
                    throw AisException.badRequest("objnames must be strings");
                }
                names.add(s.getString());
            }
        }
        String template = lr != null && lr.get("template") instanceof JsonString t ? t.getString() : null;
        return MultiObjRequest.selection(names, template);
    }

    /** TCOMsg {@code {"tobck":{"name":...}, "objnames"|"template", "prepend", "dry_run"}}. */
    public static MultiObjRequest copyObjects(JsonObject tco) {
        if (tco == null || !(tco.get("tobck") instanceof JsonObject to) || !(to.get("name") instanceof JsonString n)) {
            throw AisException.badRequest("copy-listrange: the value needs \"tobck\" with the destination's name");
        }
        return listRange(tco).copyTo(n.getString(), str(tco, "prepend"), tco.getBoolean("dry_run", false));
    }

    /** TCBMsg {@code {"prefix","prepend","dry_run"}} (the destination comes from {@code bck_to}). */
    public static MultiObjRequest copyBucket(JsonObject tcb) {
        return new MultiObjRequest(
                null, "", "", str(tcb, "prefix"), str(tcb, "prepend"), tcb != null && tcb.getBoolean("dry_run", false));
    }

    /**
     * The transform of an {@code etl-bck} (TCBMsg) or {@code etl-listrange} (TCOMsg) value added to {@code r}: the
     * ETL's name ({@code "id"}) and the extension remap ({@code "ext"}).
     *
     * @throws AisException BAD_REQUEST without an ETL name
     */
    public static MultiObjRequest transform(MultiObjRequest r, JsonObject tcb) {
        String etl = str(tcb, "id");
        if (etl.isEmpty()) {
            throw AisException.badRequest("the value needs \"id\": the name of the ETL to transform with");
        }
        return r.transformedBy(etl, ext(tcb));
    }

    private static java.util.Map<String, String> ext(JsonObject o) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        if (o != null && o.get("ext") instanceof JsonObject e) {
            e.forEach((k, v) -> {
                if (!(v instanceof JsonString s)) {
                    throw AisException.badRequest("\"ext\" maps extensions to strings");
                }
                m.put(k, s.getString());
            });
        }
        return m;
    }

    /** The start message sent to every target. */
    public static JsonObject write(MultiObjRequest r) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (r.names() != null) {
            b.add("objnames", Json.createArrayBuilder(r.names()));
        } else if (!r.template().isEmpty()) {
            b.add("template", r.template());
        }
        JsonObjectBuilder ext = Json.createObjectBuilder();
        r.ext().forEach(ext::add);
        return b.add("dst", r.dst())
                .add("prefix", r.prefix())
                .add("prepend", r.prepend())
                .add("dry_run", r.dryRun())
                .add("id", r.etl())
                .add("ext", ext)
                .build();
    }

    /** The start message with the source bucket's provider and namespace (the intra call carries its name). */
    public static JsonObject write(MultiObjRequest r, BucketId source) {
        return Json.createObjectBuilder(write(r))
                .add("src_provider", source.provider())
                .add("src_namespace", source.namespace())
                .build();
    }

    /** The source bucket of a start message written by {@link #write(MultiObjRequest, BucketId)}. */
    public static BucketId source(String bucketName, JsonObject o) {
        String prov = o.get("src_provider") instanceof JsonString s ? s.getString() : BucketId.AIS;
        String ns = o.get("src_namespace") instanceof JsonString s ? s.getString() : "";
        return new BucketId(prov.isEmpty() ? BucketId.AIS : prov, ns, bucketName);
    }

    /** Reads what {@link #write} wrote. */
    public static MultiObjRequest read(JsonObject o) {
        List<String> names = o.get("objnames") instanceof JsonArray arr
                ? arr.getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()
                : null;
        return new MultiObjRequest(
                names,
                str(o, "template"),
                str(o, "dst"),
                str(o, "prefix"),
                str(o, "prepend"),
                o.getBoolean("dry_run", false),
                str(o, "id"),
                ext(o));
    }

    private static String str(JsonObject o, String k) {
        return o != null && o.get(k) instanceof JsonString s ? s.getString() : "";
    }
}
