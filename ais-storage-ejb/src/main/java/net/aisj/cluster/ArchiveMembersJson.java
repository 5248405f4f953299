package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import net.aisj.core.ArchiveMember;

/**
 * The members of a shard as a shard's owner lists them to another node ({@code [{"name", "size"}, ...]}, asked with
 * the owner's native object GET and {@code archls=true}): both sides of that one contract. Stateless.
 */
public final class ArchiveMembersJson {

    private ArchiveMembersJson() {}

    /** Streams {@code members} to {@code out} (no document tree). */
    public static void write(List<ArchiveMember> members, OutputStream out) {
        try (JsonGenerator g = Json.createGenerator(out)) {
            g.writeStartArray();
            members.forEach(m -> g.writeStartObject()
                    .write("name", m.name())
                    .write("size", m.size())
                    .writeEnd());
            g.writeEnd();
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws jakarta.json.JsonException or {@link ClassCastException} / {@link NullPointerException} for a body of
     *     another shape (the caller maps them)
     */
    public static List<ArchiveMember> read(InputStream in) {
        try (var r = Json.createReader(in)) {
            List<ArchiveMember> out = new ArrayList<>();
            for (JsonValue v : r.readArray()) {
                JsonObject o = v.asJsonObject();
                out.add(new ArchiveMember(
                        o.getString("name"), o.getJsonNumber("size").longValue()));
            }
            return out;
        }
    }
}
