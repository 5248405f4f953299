package net.aisj.connector.api;

import java.nio.charset.StandardCharsets;

/**
 * Object-name rules shared by every layer. A name is user input: it may hold any character S3 allows except NUL,
 * but it must never be able to leave its bucket on disk.
 */
public final class ObjectNames {

    /** S3's and AIS's limit, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1024;

    private ObjectNames() {}

    /**
     * Returns why {@code name} is refused, or null when it is acceptable. Refused: empty, over {@value #MAX_BYTES}
     * UTF-8 bytes, NUL, unpaired surrogates, a leading '/', and any ".." segment.
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "object name is empty";
        }
        if (name.indexOf('\0') >= 0) {
            return "object name contains NUL";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return "object name is not valid UTF-8";
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "object name is not valid UTF-8";
            }
        }
        if (tooLong(name)) {
            return "object name is longer than " + MAX_BYTES + " bytes";
        }
        if (name.charAt(0) == '/') {
            return "object name must not start with '/'";
        }
        for (String seg : name.split("/", -1)) {
            if (seg.equals("..")) {
                return "object name must not contain \"..\" segments";
            }
        }
        return null;
    }

    /** @throws StorageException INVALID_NAME when {@link #problem} finds one */
    public static void check(BucketId bucket, String name) throws StorageException {
        String p = problem(name);
        if (p != null) {
            throw new StorageException(
                    StorageException.Reason.INVALID_NAME, p + " (" + bucket.cname() + "/" + abbreviate(name) + ")");
        }
    }

    private static String abbreviate(String name) {
        if (name == null) {
            return "";
        }
        String clean = name.replace('\0', '?');
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }

    /** Whether the name is over the length limit (the {@link #problem} a client sees as "key too long"). */
    public static boolean tooLong(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
