package net.aisj.web.s3;

import java.nio.charset.StandardCharsets;

/** URI encoding as AWS applies it (SigV4 and {@code encoding-type=url}): unreserved characters stay, the rest is %XX. */
public final class S3Uris {

    private S3Uris() {}

    /** Encodes everything but {@code A-Za-z0-9-_.~}; with {@code keepSlash} also '/'. */
    public static String encode(String s, boolean keepSlash) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || keepSlash && c == '/') {
                b.append((char) c);
            } else {
                b.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    /** A key or bucket as a URL path (slashes kept). */
    public static String encodePath(String s) {
        return encode(s, true);
    }
}
