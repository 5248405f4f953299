package net.aisj.web.nat.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import net.aisj.core.AisException;

/**
 * AIS's control message {@code {"action", "name", "value"}}, sent as the body of control calls (also on GET).
 *
 * @param value any JSON, or null when absent
 */
public record ActMsg(String action, String name, JsonValue value) {

    /** Looked up once: {@code Json.createXxx} asks the ServiceLoader for the provider on every call (seen in JFR). */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final ActMsg NONE = new ActMsg("", "", null);

    /**
     * Parses a request body; an empty body yields {@link #NONE}.
     *
     * @throws AisException BAD_REQUEST for malformed JSON
     */
    public static ActMsg parse(String body) {
        if (body == null || body.isBlank()) {
            return NONE;
        }
        JsonObject o;
        try (var r = JSON.createReader(new StringReader(body))) {
            o = r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw AisException.badRequest("invalid JSON in request body: " + e.getMessage());
        }
        return new ActMsg(text(o, "action"), text(o, "name"), o.get("value"));
    }

    /** Control messages are small; anything larger is refused rather than buffered. */
    public static final int MAX_BODY = 1 << 20;

    /**
     * Reads and parses a control message from a raw request body (GET and DELETE requests carry one too, which
     * JAX-RS does not expect as an entity on GET).
     */
    public static ActMsg read(InputStream in) {
        try {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw AisException.badRequest("request body is larger than " + MAX_BODY + " bytes");
            }
            return parse(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AisException.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    /** {@code value} as an object, or null when absent/null. */
    /** The value as an integer (a JSON number or a numeric string). */
    public int valueInt() {
        if (value instanceof jakarta.json.JsonNumber n && n.isIntegral()) {
            return n.intValue();
        }
        if (value instanceof jakarta.json.JsonString s) {
            try {
                return Integer.parseInt(s.getString().trim());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw AisException.badRequest("action \"" + action + "\" needs an integer value, got " + value);
    }

    public JsonObject valueObject() {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonObject o) {
            return o;
        }
        throw AisException.badRequest("action \"" + action + "\": \"value\" must be a JSON object");
    }

    /** {@code value} as an object, also when sent as a string holding JSON (AIS's Go client does so for EC). */
    public JsonObject valueObjectOrJsonString() {
        if (value instanceof JsonString s) {
            try (var r = JSON.createReader(new java.io.StringReader(s.getString()))) {
                return r.readObject();
            } catch (RuntimeException e) {
                throw AisException.badRequest("action \"" + action + "\": \"value\" is not a JSON object");
            }
        }
        return valueObject();
    }

    private static String text(JsonObject o, String k) {
        JsonValue v = o.get(k);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw AisException.badRequest("\"" + k + "\" must be a string");
    }
}
