package net.aisj.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** List-objects request ({@code LsoMsg}) and response ({@code LsoRes}) in both wire formats. */
public final class Lso {

    public static final long LS_NAME_ONLY = 16;
    public static final long LS_NO_RECURSION = 2048;
    public static final int ENTRY_IS_DIR = 1 << 8;
    public static final String DEFAULT_PROPS = "name,size,checksum,version,atime";

    private Lso() {}

    /** Builder for the {@code value} of {@code {"action":"list"}}. */
    public static final class Msg {
        private String uuid = "";
        private String prefix = "";
        private int pageSize = 100;
        private String token = "";
        private String props = DEFAULT_PROPS;
        private long flags;
        private String startAfter = "";

        public Msg prefix(String p) {
            prefix = p;
            return this;
        }

        public Msg pageSize(int n) {
            pageSize = n;
            return this;
        }

        public Msg token(String t) {
            token = t == null ? "" : t;
            return this;
        }

        public Msg uuid(String u) {
            uuid = u == null ? "" : u;
            return this;
        }

        public Msg props(String p) {
            props = p;
            return this;
        }

        public Msg flags(long f) {
            flags = f;
            return this;
        }

        public Msg startAfter(String s) {
            startAfter = s;
            return this;
        }

        public Msg copy() {
            Msg m = new Msg();
            m.uuid = uuid;
            m.prefix = prefix;
            m.pageSize = pageSize;
            m.token = token;
            m.props = props;
            m.flags = flags;
            m.startAfter = startAfter;
            return m;
        }

        public JsonObject toJson() {
            return Json.createObjectBuilder()
                    .add("uuid", uuid)
                    .add("prefix", prefix)
                    .add("pagesize", pageSize)
                    .add("continuation_token", token)
                    .add("props", props)
                    .add("flags", Long.toString(flags))
                    .add("start_after", startAfter)
                    .build();
        }
    }

    /** One listed entry; absent fields are null (AIS omits empty values). */
    public record Entry(
            String name,
            Long size,
            String checksum,
            String atime,
            String version,
            String location,
            String custom,
            Long copies,
            long flags) {
        public long sizeOrZero() {
            return size == null ? 0 : size;
        }

        public boolean isDir() {
            return (flags & ENTRY_IS_DIR) != 0;
        }
    }

    /** One page of a listing. */
    public record Page(String uuid, String token, List<Entry> entries, long flags, Resp resp) {
        public List<String> names() {
            return entries.stream().map(Entry::name).toList();
        }

        public boolean last() {
            return token == null || token.isEmpty();
        }
    }

    /** Parses the msgpack LsoRes: keys UUID, ContinuationToken, Entries, Flags; entries n,cs,a,v,t,m,s,c,f. */
    @SuppressWarnings("unchecked")
    static Page fromMsgpack(Resp r) {
        Object root = Msgpack.decode(r.body());
        if (!(root instanceof Map<?, ?> m)) {
            throw new AssertionError("msgpack list-objects response is not a map: " + root + "\n" + r);
        }
        for (String k : List.of("UUID", "ContinuationToken", "Entries", "Flags")) {
            if (!m.containsKey(k)) {
                throw new AssertionError("msgpack LsoRes has no key '" + k + "' (keys " + m.keySet() + ")\n" + r);
            }
        }
        List<Entry> entries = new ArrayList<>();
        Object es = m.get("Entries");
        if (es != null) {
            for (Object o : (List<Object>) es) {
                Map<String, Object> e = (Map<String, Object>) o;
                Long flags = Msgpack.number(e.get("f"));
                entries.add(new Entry(
                        Msgpack.text(e.get("n")),
                        Msgpack.number(e.get("s")),
                        Msgpack.text(e.get("cs")),
                        Msgpack.text(e.get("a")),
                        Msgpack.text(e.get("v")),
                        Msgpack.text(e.get("t")),
                        Msgpack.text(e.get("m")),
                        Msgpack.number(e.get("c")),
                        flags == null ? 0 : flags));
            }
        }
        Long flags = Msgpack.number(m.get("Flags"));
        return new Page(
                Msgpack.text(m.get("UUID")),
                Msgpack.text(m.get("ContinuationToken")),
                entries,
                flags == null ? 0 : flags,
                r);
    }

    /** Parses the JSON LsoRes: uuid, continuation_token, entries[{name,checksum,atime,version,size,...}], flags. */
    static Page fromJson(Resp r) {
        JsonObject o = r.json();
        for (String k : List.of("uuid", "continuation_token", "entries")) {
            if (!o.containsKey(k)) {
                throw new AssertionError("JSON LsoRes has no key '" + k + "'\n" + r);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonObject e : JsonUtil.objects(o, "entries")) {
            Long flags = JsonUtil.lng(e, "flags");
            entries.add(new Entry(
                    JsonUtil.str(e, "name"),
                    JsonUtil.lng(e, "size"),
                    JsonUtil.str(e, "checksum"),
                    JsonUtil.str(e, "atime"),
                    JsonUtil.str(e, "version"),
                    JsonUtil.str(e, "location"),
                    JsonUtil.str(e, "custom-md"),
                    JsonUtil.lng(e, "copies"),
                    flags == null ? 0 : flags));
        }
        Long flags = JsonUtil.lng(o, "flags");
        return new Page(
                JsonUtil.str(o, "uuid"), JsonUtil.str(o, "continuation_token"), entries, flags == null ? 0 : flags, r);
    }
}
