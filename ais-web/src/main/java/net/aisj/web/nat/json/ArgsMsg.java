package net.aisj.web.nat.json;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import net.aisj.core.AisException;

/**
 * AIS's job query ({@code xact.ArgsMsg}, capitalised Go names: {@code ID, Kind, DaemonID, OnlyRunning}); the SDK's
 * {@code JobQuery} spelling ({@code kind, node, show_active}) is accepted too. Sent as the body of
 * {@code GET /v1/cluster?what=status|...} or as the {@code value} of {@code start}/{@code stop}.
 */
public record ArgsMsg(String id, String kind, String daemonId, boolean onlyRunning) {

    public static ArgsMsg read(InputStream in) {
        try {
            byte[] b = in.readNBytes(ActMsg.MAX_BODY + 1);
            if (b.length > ActMsg.MAX_BODY) {
                throw AisException.badRequest("request body is too large");
            }
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.isBlank()) {
                return new ArgsMsg("", "", "", false);
            }
            try (var r = Json.createReader(new StringReader(s))) {
                return of(r.readObject());
            }
        } catch (IOException e) {
            throw AisException.badRequest("cannot read the request body: " + e.getMessage());
        } catch (JsonException | IllegalStateException e) {
            throw AisException.badRequest("invalid JSON in request body: " + e.getMessage());
        }
    }

    public static ArgsMsg of(JsonObject o) {
        if (o == null) {
            return new ArgsMsg("", "", "", false);
        }
        return new ArgsMsg(
                text(o, "ID", "id"),
                text(o, "Kind", "kind"),
                text(o, "DaemonID", "node"),
                bool(o, "OnlyRunning") || bool(o, "show_active"));
    }

    private static String text(JsonObject o, String k1, String k2) {
        JsonValue v = o.containsKey(k1) ? o.get(k1) : o.get(k2);
        return v instanceof JsonString s ? s.getString() : "";
    }

    private static boolean bool(JsonObject o, String k) {
        return o.get(k) == JsonValue.TRUE;
    }
}
