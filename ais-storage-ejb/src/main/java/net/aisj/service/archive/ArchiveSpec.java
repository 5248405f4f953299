package net.aisj.service.archive;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;

/**
 * The {@code archive} bucket action: AIS {@code cmn.ArchiveBckMsg}
 * {@code {"tobck":{"name","provider"},"archname","mime","objnames"|"template","bnonly","isbn","aate","coer"}}.
 *
 * @param from           source bucket (the request's)
 * @param to             destination bucket ({@code tobck}, default: the source)
 * @param archName       the archive object's name
 * @param format         from {@code mime}, else from {@code archname}'s extension
 * @param range          the source objects
 * @param baseNameOnly   {@code bnonly}: members named by the source's last path segment
 * @param inclSrcBucket  {@code isbn}: members named {@code <bucket>/<object>}
 * @param appendIfExists {@code aate}: add to an existing archive instead of replacing it
 * @param continueOnErr  {@code coer}: skip missing or unreadable sources instead of failing
 */
public record ArchiveSpec(BucketId from, BucketId to, String archName, ArchiveFormat format, ListRange range,
                          boolean baseNameOnly, boolean inclSrcBucket, boolean appendIfExists,
                          boolean continueOnErr) {

    public ObjectId archive() {
        return new ObjectId(to, archName);
    }

    /** The member name of a source object. */
    public String memberName(String objName) {
        String n = baseNameOnly ? objName.substring(objName.lastIndexOf('/') + 1) : objName;
        return inclSrcBucket ? from.name() + "/" + n : n;
    }

    /**
     * Parses the action's value.
     *
     * @throws AisException BAD_REQUEST when the message is malformed
     */
    public static ArchiveSpec parse(BucketId from, JsonObject v) {
        if (v == null) {
            throw AisException.badRequest("archive: missing value (ArchiveBckMsg)");
        }
        String name = str(v, "archname");
        if (name.isEmpty()) {
            throw AisException.badRequest("archive: missing archname");
        }
        BucketId to = from;
        if (v.get("tobck") instanceof JsonObject b && !str(b, "name").isEmpty()) {
            String prov = str(b, "provider");
            String ns = b.get("namespace") instanceof JsonObject n ? str(n, "name") : "";
            to = new BucketId(prov.isEmpty() ? from.provider() : prov, ns, str(b, "name"));
        }
        ArchiveFormat f;
        try {
            f = ArchiveFormat.of(str(v, "mime"), name);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest("archive: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        if (v.get("objnames") instanceof jakarta.json.JsonArray arr) {
            for (JsonValue x : arr) {
                if (!(x instanceof JsonString s) || s.getString().isEmpty()) {
                    throw AisException.badRequest("archive: objnames must be non-empty strings");
                }
                names.add(s.getString());
            }
        }
        return new ArchiveSpec(from, to, name, f, new ListRange(names, str(v, "template")), bool(v, "bnonly"),
                bool(v, "isbn"), bool(v, "aate"), bool(v, "coer"));
    }

    private static String str(JsonObject o, String k) {
        return o.get(k) instanceof JsonString s ? s.getString() : "";
    }

    private static boolean bool(JsonObject o, String k) {
        return o.get(k) == JsonValue.TRUE;
    }
}
