package net.aisj.web.dataplane;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the hand-off changes in a request the servlet container would refuse before our code sees it, and how the
 * servlet side ({@link HopRestoreFilter}) undoes it. Grizzly answers {@code 400} to an encoded backslash ({@code %5C})
 * in the path (a compile-time setting of the Grizzly that Payara ships) and to header values with bytes above
 * {@code 0x7F} (raw UTF-8, as some S3 SDKs send user metadata), though AIS accepts such names and S3 such metadata.
 * The hop sends Grizzly a path with {@code %5F} in place of {@code %5C} and such header values percent-encoded, plus
 * the original request URI, the names of the encoded headers and this JVM's random token; the filter, seeing the
 * token, gives our code the original URI and values back. Headers of these names that a client sends are dropped.
 * Stateless and thread-safe.
 */
public final class HopRewrite {

    /** The original request URI (path and query, raw). */
    static final String ORIGINAL_URI = "X-Ais-Hop-Uri";

    /** Comma-separated names of headers whose values the hop percent-encoded (bytes of the original value). */
    static final String ENCODED_HEADERS = "X-Ais-Hop-Encoded";

    /** This JVM's token: only the hop knows it, so the filter trusts no client that sends the other headers. */
    static final String TOKEN_HEADER = "X-Ais-Hop";

    private static final SecureRandom RANDOM = new SecureRandom();

    static final String TOKEN = newToken();

    private static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private HopRewrite() {}

    /** Rewrites {@code r} in place for the servlet container when it must (see the class comment). */
    static void apply(HttpRequest r) {
        HttpHeaders h = r.headers();
        h.remove(ORIGINAL_URI);
        h.remove(ENCODED_HEADERS);
        h.remove(TOKEN_HEADER);
        boolean changed = false;
        String uri = r.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (path.contains("%5C") || path.contains("%5c") || path.indexOf('\\') >= 0) {
            String safe = path.replace("%5C", "%5F").replace("%5c", "%5F").replace("\\", "%5F");
            h.set(ORIGINAL_URI, uri);
            r.setUri(safe + (q < 0 ? "" : uri.substring(q)));
            changed = true;
        }
        List<String> encoded = new ArrayList<>();
        for (Map.Entry<String, String> e : h.entries()) {
            if (!isAscii(e.getValue())) {
                encoded.add(e.getKey().toLowerCase(Locale.ROOT));
            }
        }
        for (String name : encoded.stream().distinct().toList()) {
            List<String> values = h.getAll(name);
            h.remove(name);
            for (String v : values) {
                h.add(name, isAscii(v) ? v : percentEncode(v));
            }
        }
        if (!encoded.isEmpty()) {
            h.set(ENCODED_HEADERS, String.join(",", encoded.stream().distinct().toList()));
            changed = true;
        }
        if (changed) {
            h.set(TOKEN_HEADER, TOKEN);
        }
    }

    /**
     * A header value as the data plane received it (Netty keeps each byte as one char) read as UTF-8 when its bytes
     * are UTF-8, else unchanged.
     */
    public static String utf8(String value) {
        if (value == null || isAscii(value)) {
            return value;
        }
        byte[] bytes = new byte[value.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            bytes[i] = (byte) c;
        }
        return decodeUtf8(bytes, value);
    }

    /** Undoes {@link #percentEncode}: the value's original bytes read as UTF-8 (else as ISO-8859-1). */
    public static String percentDecode(String v) {
        byte[] out = new byte[v.length()];
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length()) {
                out[n++] = (byte) Integer.parseInt(v.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        byte[] bytes = java.util.Arrays.copyOf(out, n);
        return decodeUtf8(bytes, new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Each byte of {@code v} (one char per byte) above 0x7F, and '%', as {@code %XX}. */
    static String percentEncode(String v) {
        StringBuilder b = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c > 0x7F || c == '%') {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String decodeUtf8(byte[] bytes, String otherwise) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return otherwise;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
