package net.aisj.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Small JSON-P helpers. */
public final class JsonUtil {

    private JsonUtil() {}

    public static JsonValue parse(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON: " + abbreviate(text), e);
        }
    }

    public static JsonObject parseObject(String text) {
        JsonValue v = parse(text);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionError("expected a JSON object but got " + abbreviate(text));
        }
        return v.asJsonObject();
    }

    public static JsonArray parseArray(String text) {
        JsonValue v = parse(text);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new AssertionError("expected a JSON array but got " + abbreviate(text));
        }
        return v.asJsonArray();
    }

    /** {@code {"action":action}} plus name and value when not null. */
    public static String actMsg(String action, String name, JsonValue value) {
        var b = Json.createObjectBuilder().add("action", action);
        if (name != null) {
            b.add("name", name);
        }
        if (value != null) {
            b.add("value", value);
        }
        return b.build().toString();
    }

    /** A string, or a number rendered as text, or null when absent / null. */
    public static String str(JsonObject o, String key) {
        if (o == null || !o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        JsonValue v = o.get(key);
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).bigIntegerValue().toString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> v.toString();
        };
    }

    /** A number given either as JSON number or as decimal string; null when absent. */
    public static Long lng(JsonObject o, String key) {
        String s = str(o, key);
        return s == null || s.isEmpty() ? null : Long.parseLong(s);
    }

    /** True when {@code text} appears as an object key or string value anywhere in {@code v}. */
    public static boolean mentions(JsonValue v, String text) {
        switch (v.getValueType()) {
            case OBJECT:
                for (var e : v.asJsonObject().entrySet()) {
                    if (e.getKey().equals(text) || mentions(e.getValue(), text)) {
                        return true;
                    }
                }
                return false;
            case ARRAY:
                for (JsonValue x : v.asJsonArray()) {
                    if (mentions(x, text)) {
                        return true;
                    }
                }
                return false;
            case STRING:
                return ((JsonString) v).getString().equals(text);
            default:
                return false;
        }
    }

    /** All JSON objects in an array (a JSON null counts as empty). */
    public static List<JsonObject> objects(JsonStructure parent, String key) {
        List<JsonObject> out = new ArrayList<>();
        if (parent instanceof JsonObject o && o.containsKey(key) && !o.isNull(key)) {
            for (JsonValue v : o.getJsonArray(key)) {
                out.add(v.asJsonObject());
            }
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000) + "...";
    }
}
