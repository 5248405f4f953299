package net.aisj.connector.api.ec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the metafile needs (objects, strings, integers, booleans, null), without a JSON library: the
 * connector API depends on nothing at run time. Not a general parser: no arrays, no fractions or exponents.
 */
final class MiniJson {

    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    static StringBuilder str(StringBuilder b, String v) {
        b.append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    static StringBuilder field(StringBuilder b, String name, String value) {
        return str(str(b, name).append(':'), value);
    }

    static Map<String, Object> parseObject(String json) {
        if (json == null) {
            throw new IllegalArgumentException("no metafile");
        }
        MiniJson p = new MiniJson(json);
        Object v = p.value();
        p.ws();
        if (!(v instanceof Map<?, ?>) || p.i != json.length()) {
            throw new IllegalArgumentException("metafile is not one JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    static String string(Map<String, Object> o, String k) {
        Object v = o.get(k);
        return v == null ? "" : v.toString();
    }

    static long num(Map<String, Object> o, String k) {
        return asLong(o.get(k), k);
    }

    static long asLong(Object v, String what) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("metafile field " + what + " is not an integer");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Map<String, Object> o, String k) {
        Object v = o.get(k);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("metafile field " + k + " is not an object");
    }

    private Object value() {
        ws();
        if (i >= s.length()) {
            throw bad("unexpected end");
        }
        char c = s.charAt(i);
        if (c == '{') {
            return object();
        }
        if (c == '"') {
            return string();
        }
        if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        int start = i;
        if (c == '-') {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || (i == start + 1 && c == '-')) {
            throw bad("unexpected character '" + c + "'");
        }
        try {
            return Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw bad("bad number");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw bad("expected a field name");
            }
            String k = string();
            ws();
            if (peek() != ':') {
                throw bad("expected ':'");
            }
            i++;
            m.put(k, value());
            ws();
            char c = peek();
            i++;
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw bad("expected ',' or '}'");
            }
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) {
                throw bad("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw bad("unterminated escape");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw bad("short \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw bad("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw bad("bad escape \\" + e);
            }
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw bad("unexpected end");
        }
        return s.charAt(i);
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("invalid metafile JSON at " + i + ": " + what);
    }
}
