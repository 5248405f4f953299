package net.aisj.core;

/**
 * Durations as AIS writes them in its config and bucket props (Go's {@code time.Duration} text: {@code "2h0m"},
 * {@code "10m"}, {@code "1h30m5s"}, {@code "500ms"}, {@code "0s"}); a bare number is seconds.
 */
public final class GoDuration {

    private GoDuration() {}

    /**
     * The duration in milliseconds.
     *
     * @throws AisException BAD_REQUEST naming {@code what} when the text is not a duration
     */
    public static long millis(String text, String what) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw AisException.badRequest(what + ": empty duration");
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(s) * 1000;
        }
        long total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw bad(text, what);
            }
            double value;
            try {
                value = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw bad(text, what);
            }
            int u = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            long unit = switch (s.substring(u, i)) {
                case "h" -> 3_600_000L;
                case "m" -> 60_000L;
                case "s" -> 1000L;
                case "ms" -> 1L;
                default -> throw bad(text, what);
            };
            total += (long) (value * unit);
        }
        return total;
    }

    private static AisException bad(String text, String what) {
        return AisException.badRequest(
                what + ": invalid duration \"" + text + "\" (expected e.g. \"2h0m\", \"10m\", \"30s\", \"500ms\")");
    }
}
