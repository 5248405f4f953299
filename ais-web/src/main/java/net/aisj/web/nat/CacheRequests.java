package net.aisj.web.nat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import net.aisj.core.AisException;
import net.aisj.core.CacheListRange;

/** AIS's {@code PrefetchMsg} / {@code EvdMsg} ({@code objnames} or {@code template}, {@code latest-ver}) as a value. */
final class CacheRequests {

    private CacheRequests() {}

    /** @throws AisException BAD_REQUEST when neither a list of names nor a template is given */
    static CacheListRange listRange(String action, JsonObject v) {
        if (v == null) {
            throw AisException.badRequest(action + ": the value needs \"objnames\" or \"template\"");
        }
        boolean latest = v.get("latest-ver") == JsonValue.TRUE;
        if (v.get("objnames") instanceof JsonArray arr && !arr.isEmpty()) {
            List<String> names = new ArrayList<>(arr.size());
            for (JsonValue n : arr) {
                if (!(n instanceof JsonString s)) {
                    throw AisException.badRequest(action + ": objnames must be strings");
                }
                names.add(s.getString());
            }
            return new CacheListRange(names, "", latest);
        }
        if (v.get("template") instanceof JsonString t) {
            return new CacheListRange(null, t.getString(), latest);
        }
        throw AisException.badRequest(action + ": the value needs \"objnames\" (a non-empty list) or \"template\"");
    }
}
