package net.aisj.web.nat.json;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Writes a list-objects page as AIS's {@code LsoRes}: msgpack (keys {@code UUID, ContinuationToken, Entries, Flags};
 * entry keys {@code n cs a v t m s c f}) or JSON (keys {@code uuid, continuation_token, entries, flags}). Empty
 * entry fields are omitted, as AIS does.
 */
public final class LsoWriter {

    /** Looked up once: {@code Json.createXxx} asks the ServiceLoader for the provider on every call (seen in JFR). */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Entry flag: the entry is a "directory" of a non-recursive listing. */
    public static final int ENTRY_IS_DIR = 1 << 8;

    /** Go's time.RFC822, AIS's default {@code time_format}. */
    private static final DateTimeFormatter RFC822 =
            DateTimeFormatter.ofPattern("dd MMM yy HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String uuid;
    private final Set<String> props;
    private final boolean nameOnly;
    private final String nodeId;

    private java.util.function.ToIntFunction<String> extraFlags = n -> 0;

    /** Entry flags to add by name (e.g. shards and their members in {@code LsArchDir} listings). */
    public LsoWriter withFlags(java.util.function.ToIntFunction<String> flags) {
        this.extraFlags = flags;
        return this;
    }

    public LsoWriter(String uuid, Set<String> props, boolean nameOnly, String nodeId) {
        this.uuid = uuid;
        this.props = props;
        this.nameOnly = nameOnly;
        this.nodeId = nodeId;
    }

    private boolean want(String p) {
        return !nameOnly && props.contains(p);
    }

    public void msgpack(ObjectPage page, OutputStream out) throws IOException {
        MessagePacker p = MessagePack.newDefaultPacker(out);
        p.packMapHeader(4);
        p.packString("UUID").packString(uuid);
        p.packString("ContinuationToken").packString(page.nextToken());
        p.packString("Entries").packArrayHeader(page.entries().size());
        for (ListEntry e : page.entries()) {
            Map<String, Object> f = fields(e);
            p.packMapHeader(f.size());
            for (Map.Entry<String, Object> kv : f.entrySet()) {
                p.packString(kv.getKey());
                Object v = kv.getValue();
                if (v instanceof String s) {
                    p.packString(s);
                } else {
                    p.packLong(((Number) v).longValue());
                }
            }
        }
        p.packString("Flags").packLong(0);
        p.flush();
    }

    public void json(ObjectPage page, OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject().write("uuid", uuid).write("continuation_token", page.nextToken());
            g.writeStartArray("entries");
            for (ListEntry e : page.entries()) {
                g.writeStartObject();
                for (Map.Entry<String, Object> kv : fields(e).entrySet()) {
                    String k = jsonKey(kv.getKey());
                    Object v = kv.getValue();
                    if (k.equals("size")) {
                        g.write(k, String.valueOf(v));
                    } else if (v instanceof String s) {
                        g.write(k, s);
                    } else {
                        g.write(k, ((Number) v).longValue());
                    }
                }
                g.writeEnd();
            }
            g.writeEnd().write("flags", 0).writeEnd();
        }
    }

    /** Entry fields by msgpack key, in AIS's order, empty ones left out. */
    private Map<String, Object> fields(ListEntry e) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("n", e.name());
        if (e.dir()) {
            f.put("f", ENTRY_IS_DIR);
            return f;
        }
        ObjectStat s = e.stat();
        if (s == null) {
            return f;
        }
        if (want("checksum") && !s.checksum().value().isEmpty()) {
            f.put("cs", s.checksum().value());
        }
        if (want("atime") && s.atimeNanos() > 0) {
            f.put("a", RFC822.format(Instant.ofEpochSecond(0, s.atimeNanos())));
        }
        if (want("version") && !s.version().isEmpty()) {
            f.put("v", s.version());
        }
        if (want("location") && s.mountpath() != null) {
            f.put("t", "t[" + nodeId + "]:" + s.mountpath());
        }
        if (want("custom") && !s.custom().isEmpty()) {
            f.put(
                    "m",
                    s.custom().entrySet().stream()
                            .map(kv -> kv.getKey() + "=" + kv.getValue())
                            .collect(Collectors.joining(", ")));
        }
        if ((want("size") || props.contains("size") && !nameOnly) && s.size() > 0) {
            f.put("s", s.size());
        }
        if (want("copies")) {
            f.put("c", Math.max(1, s.copies().size()));
        }
        int flags = extraFlags.applyAsInt(e.name());
        if (flags != 0) {
            f.put("f", flags);
        }
        return f;
    }

    private static String jsonKey(String k) {
        return switch (k) {
            case "n" -> "name";
            case "cs" -> "checksum";
            case "a" -> "atime";
            case "v" -> "version";
            case "t" -> "location";
            case "m" -> "custom-md";
            case "s" -> "size";
            case "c" -> "copies";
            default -> "flags";
        };
    }
}
