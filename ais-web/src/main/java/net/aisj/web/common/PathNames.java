package net.aisj.web.common;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes names from the raw request path ourselves, so that what the client sent ({@code %2F}, {@code %2E%2E},
 * {@code %00}) reaches validation unchanged instead of being normalised by the container.
 */
public final class PathNames {

    private PathNames() {}

    /**
     * Strict percent-decoding of a raw path part as UTF-8 ('+' stays '+').
     *
     * @throws IllegalArgumentException for a bad escape or invalid UTF-8
     */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("bad percent-escape in \"" + raw + "\"");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent-escape in \"" + raw + "\"");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("name is not valid UTF-8");
        }
    }

    /**
     * The decoded remainder of {@code rawPath} after {@code segments} leading segments (e.g. 3 for
     * {@code /v1/objects/bucket/}): the object name, with its slashes.
     *
     * @return the remainder, or "" if the path has no more
     */
    public static String tail(String rawPath, int segments) {
        int pos = rawPath.startsWith("/") ? 1 : 0;
        for (int i = 0; i < segments; i++) {
            int slash = rawPath.indexOf('/', pos);
            if (slash < 0) {
                return "";
            }
            pos = slash + 1;
        }
        return decode(rawPath.substring(pos));
    }
}
