package net.aisj.backend;

import java.util.Locale;
import java.util.Map;

/**
 * An object as the backend describes it.
 *
 * @param etag        the ETag without quotes, or ""
 * @param version     the backend's version id (S3 VersionId), or ""
 * @param mtimeMillis last modification, unix milliseconds (0 when unknown)
 * @param custom      user metadata the backend keeps with the object, never null
 */
public record RemoteObject(
        String name, long size, String etag, String version, long mtimeMillis, Map<String, String> custom) {

    public RemoteObject {
        etag = etag == null ? "" : unquote(etag);
        version = version == null || "null".equals(version) ? "" : version;
        custom = custom == null ? Map.of() : Map.copyOf(custom);
    }

    /** The same object with this user metadata. */
    public RemoteObject withCustom(Map<String, String> c) {
        return new RemoteObject(name, size, etag, version, mtimeMillis, c);
    }

    /**
     * What identifies this content at the backend: the version id when the backend keeps versions, else the
     * ETag; two reads with the same identity saw the same content.
     */
    public String identity() {
        return !version.isEmpty() ? "v:" + version : "e:" + etag;
    }

    /** The ETag when it is the content's MD5 (a single-part S3 upload: 32 hex digits), else null. */
    public String md5() {
        if (etag.length() != 32) {
            return null;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(etag.charAt(i), 16) < 0) {
                return null;
            }
        }
        return etag.toLowerCase(Locale.ROOT);
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
