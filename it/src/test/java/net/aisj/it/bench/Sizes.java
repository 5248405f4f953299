package net.aisj.it.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Size parsing and labels ({@code 4k}, {@code 1m}, {@code 64m}: binary units) and {@code --key value} options. */
final class Sizes {

    private Sizes() {}

    /** {@code 4096}, {@code 4k}, {@code 1m}, {@code 2g} (KiB, MiB, GiB). */
    static long parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mul = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(mul == 1 ? t : t.substring(0, t.length() - 1)) * mul;
    }

    /** {@code 4k} or a range {@code 4k-1m}: {min, max}. */
    static long[] range(String s) {
        int dash = s.indexOf('-');
        return dash < 0
                ? new long[] {parse(s), parse(s)}
                : new long[] {parse(s.substring(0, dash)), parse(s.substring(dash + 1))};
    }

    /** The shortest exact label: {@code 64m}, {@code 4k}, {@code 1000}. */
    static String label(long n) {
        if (n > 0 && n % (1L << 30) == 0) {
            return n / (1L << 30) + "g";
        }
        if (n > 0 && n % (1L << 20) == 0) {
            return n / (1L << 20) + "m";
        }
        if (n > 0 && n % (1L << 10) == 0) {
            return n / (1L << 10) + "k";
        }
        return Long.toString(n);
    }

    /** {@code --key value} pairs; a flag without a value (next is another option or nothing) maps to "true". */
    static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(key, args[++i]);
            } else {
                m.put(key, "true");
            }
        }
        return m;
    }
}
