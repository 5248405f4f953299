package net.aisj.core;

/** AIS bucket-name rules (native API): at most 64 bytes of {@code [A-Za-z0-9_.-]}, no "..", no leading '.'. */
public final class BucketNames {

    public static final int MAX_LENGTH = 64;

    private BucketNames() {}

    /** Why the name is refused, or null when acceptable. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "bucket name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "bucket name \"" + clip(name) + "\" is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!ok) {
                return "bucket name \"" + clip(name) + "\" is invalid: may only contain letters, numbers, "
                        + "dashes (-), underscores (_), and dots (.)";
            }
        }
        if (name.contains("..")) {
            return "bucket name \"" + name + "\" is invalid: must not contain \"..\"";
        }
        if (name.charAt(0) == '.') {
            return "bucket name \"" + name + "\" is invalid: must not start with '.'";
        }
        return null;
    }

    /** @throws AisException BAD_REQUEST when the name is refused */
    public static void check(String name) {
        String p = problem(name);
        if (p != null) {
            throw AisException.badRequest(p);
        }
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
