package net.aisj.web.nat.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectNames;
import net.aisj.core.AisException;
import net.aisj.service.archive.ArchiveFormat;
import net.aisj.service.archive.ArchiveSpec;
import net.aisj.service.archive.ListRange;
import net.aisj.service.archive.MossReq;

/**
 * AIS's archive requests, parsed into the archive service's records: the {@code archive} bucket action's
 * {@code ArchiveBckMsg} and Get-Batch's {@code MossReq}. Every problem is a BAD_REQUEST naming the field.
 */
public final class ArchiveJson {

    private ArchiveJson() {}

    /**
     * Parses the action's value.
     *
     * @throws AisException BAD_REQUEST when the message is malformed
     */
    public static ArchiveSpec archive(BucketId from, JsonObject v) {
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
        return new ArchiveSpec(
                from,
                to,
                name,
                f,
                new ListRange(names, str(v, "template")),
                bool(v, "bnonly"),
                bool(v, "isbn"),
                bool(v, "aate"),
                bool(v, "coer"));
    }

    /**
     * Parses and validates the body.
     *
     * @throws AisException BAD_REQUEST for a malformed body, no items, a bad name or an unknown format
     */
    public static MossReq getBatch(JsonObject o) {
        if (o == null || !(o.get("in") instanceof JsonArray arr) || arr.isEmpty()) {
            throw AisException.badRequest("get-batch: the request must list at least one item in \"in\"");
        }
        List<MossReq.In> items = new ArrayList<>(arr.size());
        for (JsonValue v : arr) {
            if (!(v instanceof JsonObject x)) {
                throw AisException.badRequest("get-batch: every item of \"in\" must be an object");
            }
            String name = str(x, "objname");
            String problem = name.isEmpty() ? "empty object name" : ObjectNames.problem(name);
            if (problem != null) {
                throw AisException.badRequest("get-batch: " + problem + " (objname \"" + name + "\")");
            }
            String arch = str(x, "archpath");
            if (arch.startsWith("/") || arch.contains("..") || arch.indexOf('\0') >= 0) {
                throw AisException.badRequest("get-batch: invalid archpath \"" + arch + "\" (oname: \"" + name + "\")");
            }
            long start = x.get("start") instanceof JsonNumber s ? s.longValue() : 0;
            long length = x.get("length") instanceof JsonNumber l ? l.longValue() : 0;
            if (start < 0 || length < -1 || length == 0 && start != 0) {
                throw AisException.badRequest("get-batch: invalid read range (start " + start + ", length " + length
                        + "; use length -1 to read to the end) (oname: \"" + name + "\")");
            }
            String opaque = str(x, "opaque");
            if (!opaque.isEmpty()) {
                try {
                    Base64.getDecoder().decode(opaque);
                } catch (IllegalArgumentException e) {
                    throw AisException.badRequest("get-batch: opaque must be base64 (oname: \"" + name + "\")");
                }
            }
            items.add(new MossReq.In(name, str(x, "bucket"), str(x, "provider"), arch, opaque, start, length));
        }
        String mime = str(o, "mime");
        ArchiveFormat f;
        try {
            f = mime.isEmpty() ? ArchiveFormat.TAR : ArchiveFormat.ofMime(mime);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest("get-batch: " + e.getMessage());
        }
        return new MossReq(List.copyOf(items), f, bool(o, "coer"), bool(o, "onob"), bool(o, "strm"));
    }

    private static String str(JsonObject o, String k) {
        return o.get(k) instanceof JsonString s ? s.getString() : "";
    }

    private static boolean bool(JsonObject o, String k) {
        return o.get(k) == JsonValue.TRUE;
    }
}
