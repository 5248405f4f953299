package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.aisj.core.RemoteAis;
import net.aisj.core.RemoteAisList;

/**
 * The JSON of remote AIS clusters: the attachments document kept on the grid and the mountpaths, and what the
 * {@code ais} backend sends to and reads from another cluster's native API (a listing request and its page, the
 * bucket list, an Smap's UUID, AIS's error message). Stateless.
 */
public final class RemoteAisJson {

    private RemoteAisJson() {}

    /** One entry of a remote listing: the fields the {@code ais} backend asks for. */
    public record LsoEntry(String name, long size, String checksum, String version) {}

    /** A remote listing page ({@code continuation_token} "" on the last one). */
    public record LsoPage(List<LsoEntry> entries, String token) {}

    public static String attachedText(RemoteAisList a) {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        a.clusters()
                .forEach(r -> arr.add(Json.createObjectBuilder()
                        .add("alias", r.alias())
                        .add("url", r.url())
                        .add("uuid", r.uuid())));
        return Json.createObjectBuilder()
                .add("a", arr)
                .add("ver", a.version())
                .build()
                .toString();
    }

    /** Reads {@link #attachedText}; IllegalArgumentException when it is not that document. */
    public static RemoteAisList attachedOf(String text) {
        try (JsonReader jr = Json.createReader(new StringReader(text))) {
            JsonObject o = jr.readObject();
            if (!(o.get("a") instanceof JsonArray arr) || !(o.get("ver") instanceof JsonNumber ver)) {
                throw new IllegalArgumentException("not a remote clusters document (no \"a\" and \"ver\")");
            }
            List<RemoteAis> list = new ArrayList<>();
            for (JsonValue v : arr) {
                JsonObject r = v.asJsonObject();
                list.add(new RemoteAis(str(r, "alias"), str(r, "url"), str(r, "uuid")));
            }
            return new RemoteAisList(ver.longValue(), list);
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException("not a remote clusters document: " + e.getMessage(), e);
        }
    }

    /** The cluster UUID of an Smap document, or "" when it has none or is unreadable. */
    public static String smapUuid(String smap) {
        try (JsonReader jr = Json.createReader(new StringReader(smap))) {
            return str(jr.readObject(), "uuid");
        } catch (JsonException | ClassCastException e) {
            return "";
        }
    }

    /** AIS's list-objects request body ({@code {"action":"list","value":LsoMsg}}). */
    public static String lsoRequest(String prefix, String token, int pageSize) {
        JsonObject value = Json.createObjectBuilder()
                .add("props", "name,size,version,checksum")
                .add("prefix", prefix == null ? "" : prefix)
                .add("continuation_token", token == null ? "" : token)
                .add("pagesize", Math.max(1, pageSize))
                .add("flags", "0")
                .build();
        return Json.createObjectBuilder()
                .add("action", "list")
                .add("value", value)
                .build()
                .toString();
    }

    /** Reads a JSON list-objects page; IllegalArgumentException when it is not one. */
    public static LsoPage lsoPage(InputStream in) {
        try (JsonReader jr = Json.createReader(in)) {
            JsonObject page = jr.readObject();
            List<LsoEntry> out = new ArrayList<>();
            if (page.get("entries") instanceof JsonArray entries) {
                for (JsonValue v : entries) {
                    JsonObject e = v.asJsonObject();
                    out.add(new LsoEntry(
                            str(e, "name"),
                            e.get("size") instanceof JsonNumber n ? n.longValue() : 0,
                            str(e, "checksum"),
                            str(e, "version")));
                }
            }
            return new LsoPage(out, str(page, "continuation_token"));
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The names of the buckets of the global namespace in a bucket list; IllegalArgumentException if unreadable. */
    public static List<String> globalBucketNames(String list) {
        List<String> out = new ArrayList<>();
        try (JsonReader jr = Json.createReader(new StringReader(list))) {
            for (JsonValue v : jr.readArray()) {
                JsonObject b = v.asJsonObject();
                boolean global = !(b.get("namespace") instanceof JsonObject o)
                        || str(o, "uuid").isEmpty() && str(o, "name").isEmpty();
                if (global) {
                    out.add(str(b, "name"));
                }
            }
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out;
    }

    /** AIS's JSON error's {@code message}, else the text itself. */
    public static String errorMessage(String text) {
        try (JsonReader jr = Json.createReader(new StringReader(text))) {
            String m = str(jr.readObject(), "message");
            return m.isEmpty() ? text : m;
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            return text;
        }
    }

    private static String str(JsonObject o, String k) {
        return o.get(k) instanceof JsonString s ? s.getString() : "";
    }
}
