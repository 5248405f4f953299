package net.aisj.service.archive;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import net.aisj.connector.api.ObjectNames;
import net.aisj.core.AisException;

/**
 * A Get-Batch request (AIS {@code apc.MossReq}, ais-reference §3.8):
 * {@code {"in":[{"objname","bucket"?,"provider"?,"archpath"?,"opaque"?}],"mime","coer","onob","strm"}}.
 *
 * @param in            the items, in the order of the response
 * @param format        {@code mime}; empty means tar
 * @param continueOnErr {@code coer}: a missing item becomes an empty {@code __404__/...} member
 * @param onlyObjName   {@code onob}: members named {@code <obj>} instead of {@code <bucket>/<obj>}
 * @param streaming     {@code strm}: the archive alone as a stream, else multipart with metadata first
 */
public record MossReq(List<In> in, ArchiveFormat format, boolean continueOnErr, boolean onlyObjName,
                      boolean streaming) {

    /** AIS {@code apc.MossMissingDir}. */
    public static final String MISSING_DIR = "__404__";

    /**
     * One item.
     *
     * @param opaque base64 as received (echoed in the response), or ""
     */
    public record In(String objName, String bucket, String provider, String archPath, String opaque) {

        /**
         * The member name in the response archive: {@code <bucket>/<obj>[/<archpath>]}, or
         * {@code <obj>[/<archpath>]} with {@code onob}.
         */
        public String nameInArchive(String defaultBucket, boolean onlyObjName) {
            String n = onlyObjName ? objName : (bucket.isEmpty() ? defaultBucket : bucket) + "/" + objName;
            return archPath.isEmpty() ? n : n + "/" + archPath;
        }
    }

    /**
     * Parses and validates the body.
     *
     * @throws AisException BAD_REQUEST for a malformed body, no items, a bad name or an unknown format
     */
    public static MossReq parse(JsonObject o) {
        if (o == null || !(o.get("in") instanceof JsonArray arr) || arr.isEmpty()) {
            throw AisException.badRequest("get-batch: the request must list at least one item in \"in\"");
        }
        List<In> items = new ArrayList<>(arr.size());
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
            if (x.get("start") instanceof JsonNumber s && s.longValue() != 0
                    || x.get("length") instanceof JsonNumber l && l.longValue() != 0) {
                throw AisException.badRequest("get-batch: read ranges (start/length) are not supported (oname: \""
                        + name + "\")");
            }
            String opaque = str(x, "opaque");
            if (!opaque.isEmpty()) {
                try {
                    Base64.getDecoder().decode(opaque);
                } catch (IllegalArgumentException e) {
                    throw AisException.badRequest("get-batch: opaque must be base64 (oname: \"" + name + "\")");
                }
            }
            items.add(new In(name, str(x, "bucket"), str(x, "provider"), arch, opaque));
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
