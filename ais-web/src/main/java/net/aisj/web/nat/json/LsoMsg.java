package net.aisj.web.nat.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import net.aisj.core.AisException;

/**
 * AIS's list-objects request ({@code apc.LsoMsg}), the {@code value} of a {@code list} action.
 *
 * @param props requested entry properties; {@code name,size} when none are given (AIS's minimal set)
 */
public record LsoMsg(
        String uuid,
        Set<String> props,
        String prefix,
        String startAfter,
        String continuationToken,
        long flags,
        int pageSize) {

    public static final long LS_ARCH_DIR = 8;
    public static final long LS_NAME_ONLY = 16;
    public static final long LS_NAME_SIZE = 32;
    public static final long LS_NO_RECURSION = 2048;

    public static LsoMsg from(JsonObject v) {
        if (v == null) {
            return new LsoMsg("", Set.of("name", "size"), "", "", "", 0, 0);
        }
        String props = str(v, "props");
        Set<String> set = props.isBlank()
                ? Set.of("name", "size")
                : Arrays.stream(props.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        long flags = num(v, "flags");
        long ps = num(v, "pagesize");
        if (ps < 0) {
            throw AisException.badRequest("invalid pagesize " + ps);
        }
        return new LsoMsg(
                str(v, "uuid"), set, str(v, "prefix"), str(v, "start_after"), str(v, "continuation_token"), flags, (int)
                        Math.min(ps, Integer.MAX_VALUE));
    }

    public boolean has(long flag) {
        return (flags & flag) != 0;
    }

    public boolean nameOnly() {
        return has(LS_NAME_ONLY);
    }

    private static String str(JsonObject o, String k) {
        JsonValue v = o.get(k);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        throw AisException.badRequest("list-objects: \"" + k + "\" must be a string");
    }

    private static long num(JsonObject o, String k) {
        JsonValue v = o.get(k);
        try {
            if (v instanceof JsonNumber n) {
                return n.longValueExact();
            }
            if (v instanceof JsonString s) {
                return s.getString().isBlank()
                        ? 0
                        : Long.parseUnsignedLong(s.getString().trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw AisException.badRequest("list-objects: \"" + k + "\" must be an integer");
        }
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return 0;
        }
        throw AisException.badRequest("list-objects: \"" + k + "\" must be an integer");
    }
}
