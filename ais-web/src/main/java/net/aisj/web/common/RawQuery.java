package net.aisj.web.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw query string as the direct data path reads it: names and values form-decoded, the first value wins. */
public final class RawQuery {

    private RawQuery() {}

    /**
     * The parameters of {@code raw} (null or empty: none); a parameter without {@code =} has the value "".
     *
     * @return the parameters in order, or null when the query cannot be decoded (left to the JAX-RS path, which
     *         answers it)
     */
    public static Map<String, String> parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String part : raw.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return out;
    }

    /** {@code raw} without any parameter named {@code name} (null when nothing is left). */
    public static String without(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String p : raw.split("&")) {
            if (p.isEmpty() || p.equals(name) || p.startsWith(name + "=")) {
                continue;
            }
            b.append(b.length() == 0 ? "" : "&").append(p);
        }
        return b.length() == 0 ? null : b.toString();
    }
}
