package net.aisj.connector.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.aisj.connector.api.hrw.Hrw;

/**
 * Maps object names to relative paths below a bucket's {@code %ob} directory, and directory entries back to name
 * segments.
 *
 * <p>Rules (see also the package documentation):
 * <ul>
 *   <li>the name is split on '/'; every segment but the last becomes a directory, the last a file;</li>
 *   <li>a segment is escaped: '%' to {@code %25}; the segment "." to {@code %2E}, ".." to {@code %2E%2E}; the
 *       empty segment to {@code %00} (NUL is never valid in a name, so this is unambiguous);</li>
 *   <li>a directory is named escape(s) + {@value #DIR_MARK}; a file escape(s); the LOM side file of a file
 *       escape(s) + {@value #SIDE_MARK};</li>
 *   <li>if escape(s) plus its marker would exceed {@value #MAX_COMPONENT} UTF-8 bytes, the component is the first
 *       ≤{@value #HASHED_PREFIX} bytes of escape(s), cut neither inside an escape nor inside a UTF-8 sequence, then
 *       {@value #HASH_MARK} and 16 lower-case hex digits of {@code Hrw.digest(s)}, then the marker. Such a
 *       component cannot be decoded: the full name is read from the object's LOM.</li>
 * </ul>
 * Since '%' itself is always escaped, an escaped segment contains '%' only as {@code %25}, {@code %2E} or
 * {@code %00}; so the markers are unambiguous, no file name ends with {@value #DIR_MARK} or {@value #SIDE_MARK},
 * and no component is "." or "..". Stateless and thread-safe.
 */
final class NameCodec {

    static final String DIR_MARK = "%d";
    static final String SIDE_MARK = "%m";
    static final String HASH_MARK = "%h";
    /** Longest component (with marker) we create; file systems allow 255 bytes. */
    static final int MAX_COMPONENT = 240;
    /** Bytes of the escaped segment kept in front of a hashed component. */
    static final int HASHED_PREFIX = 180;

    private NameCodec() {}

    /** The escaped form of one segment (never hashed). */
    static String escape(String segment) {
        if (segment.isEmpty()) {
            return "%00";
        }
        if (segment.equals(".")) {
            return "%2E";
        }
        if (segment.equals("..")) {
            return "%2E%2E";
        }
        return segment.indexOf('%') < 0 ? segment : segment.replace("%", "%25");
    }

    /** The file-name component of a last segment. */
    static String fileComponent(String segment) {
        return component(segment, "");
    }

    /** The directory component of a non-last segment. */
    static String dirComponent(String segment) {
        return component(segment, DIR_MARK);
    }

    private static String component(String segment, String marker) {
        String e = escape(segment);
        if (utf8Length(e) + marker.length() <= MAX_COMPONENT) {
            return e + marker;
        }
        return safePrefix(e, HASHED_PREFIX)
                + HASH_MARK
                + String.format(Locale.ROOT, "%016x", Hrw.digest(segment))
                + marker;
    }

    /** The components of a name's relative path below {@code %ob}, directories first, file last. */
    static List<String> components(String name) {
        String[] segs = name.split("/", -1);
        List<String> out = new ArrayList<>(segs.length);
        for (int i = 0; i < segs.length - 1; i++) {
            out.add(dirComponent(segs[i]));
        }
        out.add(fileComponent(segs[segs.length - 1]));
        return out;
    }

    static boolean isDirComponent(String component) {
        return component.endsWith(DIR_MARK);
    }

    static boolean isSideComponent(String component) {
        return component.endsWith(SIDE_MARK);
    }

    static boolean isHashed(String component) {
        return component.contains(HASH_MARK);
    }

    /**
     * The segment a file or directory component stands for (a directory's marker is stripped), or null when the
     * component is hashed or not one we create.
     */
    static String decode(String component) {
        String c =
                isDirComponent(component) ? component.substring(0, component.length() - DIR_MARK.length()) : component;
        if (c.equals("%00")) {
            return "";
        }
        if (c.indexOf('%') < 0) {
            return c;
        }
        if (isHashed(c)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch != '%') {
                sb.append(ch);
            } else if (c.startsWith("%25", i)) {
                sb.append('%');
                i += 2;
            } else if (c.startsWith("%2E", i)) {
                sb.append('.');
                i += 2;
            } else {
                return null;
            }
        }
        return sb.toString();
    }

    /**
     * The longest prefix of an escaped string of at most {@code maxBytes} UTF-8 bytes that ends neither inside a
     * character (surrogate pair) nor inside a {@code %XX} escape.
     */
    static String safePrefix(String escaped, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < escaped.length()) {
            int cp = escaped.codePointAt(i);
            int n = utf8Length(cp);
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        if (i >= 1 && escaped.charAt(i - 1) == '%') {
            i -= 1;
        } else if (i >= 2 && escaped.charAt(i - 2) == '%') {
            i -= 2;
        }
        return escaped.substring(0, i);
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
