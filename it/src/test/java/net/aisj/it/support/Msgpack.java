package net.aisj.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/** Generic msgpack decoding into maps (string keys), lists, Long/BigInteger, String, byte[], Boolean, Double, null. */
public final class Msgpack {

    private Msgpack() {}

    public static Object decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Object v = convert(u.unpackValue());
            if (u.hasNext()) {
                throw new AssertionError("trailing bytes after the msgpack value");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("bad msgpack (" + bytes.length + " bytes)", e);
        }
    }

    static Object convert(Value v) {
        return switch (v.getValueType()) {
            case NIL -> null;
            case BOOLEAN -> v.asBooleanValue().getBoolean();
            case INTEGER ->
                v.asIntegerValue().isInLongRange()
                        ? (Object) v.asIntegerValue().toLong()
                        : v.asIntegerValue().toBigInteger();
            case FLOAT -> v.asFloatValue().toDouble();
            case STRING -> v.asStringValue().asString();
            case BINARY -> v.asBinaryValue().asByteArray();
            case ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (Value x : v.asArrayValue()) {
                    l.add(convert(x));
                }
                yield l;
            }
            case MAP -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (var e : v.asMapValue().entrySet()) {
                    Object k = convert(e.getKey());
                    m.put(
                            k instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(k),
                            convert(e.getValue()));
                }
                yield m;
            }
            case EXTENSION -> v.asExtensionValue().getData();
        };
    }

    /** A value as text: strings, raw bytes (UTF-8) and numbers; null stays null. */
    public static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(v);
    }

    /** A value as a number: integers, or decimal text; null stays null. */
    public static Long number(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        String s = text(v);
        return s.isEmpty() ? null : Long.parseLong(s);
    }
}
