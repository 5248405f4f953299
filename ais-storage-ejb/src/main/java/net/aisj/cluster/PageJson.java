package net.aisj.cluster;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;

/** The intra-cluster form of a target's list-objects page (lossless, unlike AIS's client-facing entry). */
public final class PageJson {

    /** Looked up once: {@code Json.createXxx} asks the ServiceLoader for the provider on every call (seen in JFR). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private PageJson() {}

    public static JsonObject write(ObjectPage page) {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (ListEntry e : page.entries()) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("n", e.name()).add("d", e.dir());
            if (e.stat() != null) {
                b.add("s", stat(e.stat()));
            }
            arr.add(b);
        }
        return JSON.createObjectBuilder()
                .add("entries", arr)
                .add("next", page.nextToken())
                .build();
    }

    public static ObjectPage read(InputStream in) {
        JsonObject o;
        try (var r = JSON.createReader(in)) {
            o = r.readObject();
        }
        List<ListEntry> entries = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("entries")) {
            JsonObject e = v.asJsonObject();
            JsonObject s = e.getJsonObject("s");
            entries.add(new ListEntry(e.getString("n"), e.getBoolean("d"), s == null ? null : readStat(s)));
        }
        return new ObjectPage(entries, o.getString("next"));
    }

    public static JsonObject stat(ObjectStat s) {
        JsonObjectBuilder custom = JSON.createObjectBuilder();
        s.custom().forEach(custom::add);
        JsonArrayBuilder copies = JSON.createArrayBuilder();
        s.copies().forEach(copies::add);
        return JSON.createObjectBuilder()
                .add("name", s.name())
                .add("size", s.size())
                .add("ct", s.checksum().type().wire())
                .add("cv", s.checksum().value())
                .add("v", s.version())
                .add("a", s.atimeNanos())
                .add("m", s.mtimeMillis())
                .add("md", custom)
                .add("mp", s.mountpath() == null ? "" : s.mountpath())
                .add("c", copies)
                .build();
    }

    public static ObjectStat readStat(JsonObject s) {
        Map<String, String> md = new LinkedHashMap<>();
        s.getJsonObject("md").forEach((k, v) -> md.put(k, ((jakarta.json.JsonString) v).getString()));
        List<String> copies = s.getJsonArray("c").getValuesAs(jakarta.json.JsonString::getString);
        return new ObjectStat(
                s.getString("name"),
                s.getJsonNumber("size").longValue(),
                new Checksum(ChecksumType.of(s.getString("ct")), s.getString("cv")),
                s.getString("v"),
                s.getJsonNumber("a").longValue(),
                s.getJsonNumber("m").longValue(),
                md,
                s.getString("mp"),
                copies);
    }
}
