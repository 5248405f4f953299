package net.aisj.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** Object-name helpers: URL path encoding and AIS's sort order (UTF-8 bytes, unsigned). */
public final class Names {

    /** Orders names as AIS does: by their UTF-8 bytes, unsigned. */
    public static final Comparator<String> UTF8_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Names() {}

    /** Percent-encodes one path segment: everything but RFC 3986 unreserved characters. */
    public static String encodeSegment(String s) {
        if (s.equals(".") || s.equals("..")) {
            return s.replace(".", "%2E"); // so that no client or server normalises it away
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /** Encodes each '/'-separated segment and keeps the slashes (also empty and trailing segments). */
    public static String encodePath(String name) {
        String[] parts = name.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(encodeSegment(parts[i]));
        }
        return sb.toString();
    }

    /** Query-parameter value encoding (same set as a segment; '/' encoded too). */
    public static String encodeQuery(String s) {
        return encodeSegment(s);
    }

    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
