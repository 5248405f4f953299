package net.aisj.web.nat.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

class LsoWriterTest {

    private final ObjectStat stat = new ObjectStat(
            "a/b",
            123,
            new Checksum(ChecksumType.XXHASH2, "00ff00ff00ff00ff"),
            "2",
            1_700_000_000_000_000_000L,
            1_700_000_000_000L,
            Map.of("k", "v"),
            "/mp1",
            List.of());
    private final ObjectPage page =
            new ObjectPage(List.of(new ListEntry("a/b", false, stat), new ListEntry("a/c/", true, null)), "a/c/");

    @Test
    void msgpackUsesAisKeys() throws IOException {
        var out = new ByteArrayOutputStream();
        new LsoWriter("u1", Set.of("name", "size", "checksum", "version", "location"), false, "N1").msgpack(page, out);
        MessageUnpacker u = MessagePack.newDefaultUnpacker(out.toByteArray());
        Map<String, Value> top = map(u.unpackValue());
        assertThat(top.keySet()).containsExactlyInAnyOrder("UUID", "ContinuationToken", "Entries", "Flags");
        assertThat(top.get("UUID").asStringValue().asString()).isEqualTo("u1");
        assertThat(top.get("ContinuationToken").asStringValue().asString()).isEqualTo("a/c/");
        List<Value> entries = top.get("Entries").asArrayValue().list();
        Map<String, Value> e0 = map(entries.get(0));
        assertThat(e0.get("n").asStringValue().asString()).isEqualTo("a/b");
        assertThat(e0.get("s").asIntegerValue().toLong()).isEqualTo(123);
        assertThat(e0.get("cs").asStringValue().asString()).isEqualTo("00ff00ff00ff00ff");
        assertThat(e0.get("v").asStringValue().asString()).isEqualTo("2");
        assertThat(e0.get("t").asStringValue().asString()).isEqualTo("t[N1]:/mp1");
        assertThat(e0).doesNotContainKey("a");
        Map<String, Value> e1 = map(entries.get(1));
        assertThat(e1.get("f").asIntegerValue().toInt()).isEqualTo(LsoWriter.ENTRY_IS_DIR);
    }

    @Test
    void nameOnlyHasNamesOnly() throws IOException {
        var out = new ByteArrayOutputStream();
        new LsoWriter("u1", Set.of("name", "size"), true, "N1").msgpack(page, out);
        Map<String, Value> top =
                map(MessagePack.newDefaultUnpacker(out.toByteArray()).unpackValue());
        assertThat(map(top.get("Entries").asArrayValue().get(0)).keySet()).containsExactly("n");
    }

    @Test
    void jsonUsesAisKeysAndStringSize() {
        var out = new ByteArrayOutputStream();
        new LsoWriter("u1", Set.of("name", "size", "atime"), false, "N1").json(page, out);
        String s = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(s)
                .contains("\"continuation_token\":\"a/c/\"")
                .contains("\"name\":\"a/b\"")
                .contains("\"size\":\"123\"")
                .contains("\"atime\":\"14 Nov 23 22:13 UTC\"");
    }

    private static Map<String, Value> map(Value v) {
        Map<String, Value> m = new HashMap<>();
        v.asMapValue().map().forEach((k, val) -> m.put(k.asStringValue().asString(), val));
        return m;
    }
}
