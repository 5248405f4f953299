package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of Hadoop's WebHDFS REST API as the {@code hdfs://} backend reads it: {@code FileStatus},
 * {@code FileStatuses}, {@code boolean} results and {@code RemoteException} errors.
 */
public final class WebHdfsJson {

    private WebHdfsJson() {}

    /**
     * One entry of a directory or one file.
     *
     * @param name  {@code pathSuffix}: the entry's name in its directory ("" for GETFILESTATUS)
     * @param dir   a directory (else a file)
     * @param mtime modification time, unix milliseconds
     */
    public record Status(String name, boolean dir, long length, long mtime) {}

    /** {@code {"FileStatus":{...}}} of GETFILESTATUS. */
    public static Status fileStatus(InputStream in) {
        try (var r = Json.createReader(in)) {
            return status(r.readObject().getJsonObject("FileStatus"));
        }
    }

    /** {@code {"FileStatuses":{"FileStatus":[...]}}} of LISTSTATUS. */
    public static List<Status> listStatus(InputStream in) {
        List<Status> out = new ArrayList<>();
        try (var r = Json.createReader(in)) {
            for (JsonValue v : r.readObject().getJsonObject("FileStatuses").getJsonArray("FileStatus")) {
                out.add(status(v.asJsonObject()));
            }
        }
        return out;
    }

    /**
     * One batch of a directory listing.
     *
     * @param remaining how many entries follow this batch (0: the last batch)
     */
    public record Batch(List<Status> entries, long remaining) {}

    /**
     * {@code {"DirectoryListing":{"partialListing":{"FileStatuses":{"FileStatus":[...]}},"remainingEntries":n}}} of
     * LISTSTATUS_BATCH.
     */
    public static Batch listBatch(InputStream in) {
        List<Status> out = new ArrayList<>();
        try (var r = Json.createReader(in)) {
            JsonObject dl = r.readObject().getJsonObject("DirectoryListing");
            for (JsonValue v : dl.getJsonObject("partialListing")
                    .getJsonObject("FileStatuses")
                    .getJsonArray("FileStatus")) {
                out.add(status(v.asJsonObject()));
            }
            return new Batch(
                    out,
                    dl.getJsonNumber("remainingEntries") == null
                            ? 0
                            : dl.getJsonNumber("remainingEntries").longValue());
        }
    }

    /**
     * The {@code user.} extended attributes of GETXATTRS ({@code encoding=base64}: values {@code 0s<base64>}), by
     * name without the {@code user.} namespace.
     */
    public static java.util.Map<String, String> userXattrs(InputStream in) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var r = Json.createReader(in)) {
            JsonValue xs = r.readObject().get("XAttrs");
            if (!(xs instanceof jakarta.json.JsonArray a)) {
                return out;
            }
            for (JsonValue v : a) {
                JsonObject x = v.asJsonObject();
                String name = x.getString("name", "");
                if (!name.startsWith("user.") || x.isNull("value")) {
                    continue;
                }
                String val = x.getString("value", "");
                String text = val.startsWith("0s")
                        ? new String(
                                java.util.Base64.getDecoder().decode(val.substring(2)),
                                java.nio.charset.StandardCharsets.UTF_8)
                        : val;
                out.put(name.substring("user.".length()), text);
            }
        }
        return out;
    }

    /** {@code {"boolean":true}} of DELETE, RENAME, MKDIRS. */
    public static boolean booleanResult(InputStream in) {
        try (var r = Json.createReader(in)) {
            return r.readObject().getBoolean("boolean", false);
        }
    }

    /** The Java exception's simple name and message of a {@code RemoteException} body, or the text itself. */
    public static String[] remoteException(String body) {
        try (var r = Json.createReader(new StringReader(body))) {
            JsonObject e = r.readObject().getJsonObject("RemoteException");
            if (e == null) {
                return new String[] {"", body.strip()};
            }
            return new String[] {e.getString("exception", ""), e.getString("message", "")};
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return new String[] {"", body.strip()};
        }
    }

    private static Status status(JsonObject o) {
        return new Status(
                o.getString("pathSuffix", ""),
                "DIRECTORY".equals(o.getString("type", "")),
                o.getJsonNumber("length") == null
                        ? 0
                        : o.getJsonNumber("length").longValue(),
                o.getJsonNumber("modificationTime") == null
                        ? 0
                        : o.getJsonNumber("modificationTime").longValue());
    }
}
