package net.aisj.connector.fs;

import java.util.Comparator;

/**
 * Orders strings as their UTF-8 encodings compare byte by byte (equivalently: by code point), which is the order of
 * AIS and S3 listings. {@link String#compareTo} differs for characters above U+E000 versus surrogate pairs.
 */
final class Utf8Order implements Comparator<String> {

    static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {}

    @Override
    public int compare(String a, String b) {
        return cmp(a, b);
    }

    static int cmp(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fix(x) - fix(y);
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates (U+D800..U+DFFF) above U+E000..U+FFFF so that char order equals code point order. */
    private static int fix(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }
}
