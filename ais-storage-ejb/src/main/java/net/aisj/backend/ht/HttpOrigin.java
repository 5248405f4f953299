package net.aisj.backend.ht;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.aisj.connector.api.hrw.Hrw;

/**
 * An object of an HTTP origin as an {@code ht://} bucket and object, derived from its URL as AIS derived them: the
 * bucket is the URL without its last path segment ({@code http://host/a/b/}), named by
 * {@code base64url(hex(xxhash64(host + "/a/b/", seed 1103515245)))}; the object is the last segment.
 *
 * @param base   the bucket's origin URL, ending in {@code /} (AIS's {@code extra.http.original_url})
 * @param bucket the {@code ht://} bucket's name
 * @param object the object's name (the URL's last path segment, decoded)
 */
public record HttpOrigin(String base, String bucket, String object) {

    /**
     * Parses an object URL ({@code http(s)://host[:port]/dir/name}).
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL naming a file
     */
    public static HttpOrigin of(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid original_url \"" + url + "\": " + e.getMessage(), e);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getRawAuthority() == null) {
            throw new IllegalArgumentException("invalid original_url \"" + url + "\": expected http(s)://host/path");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "invalid original_url \"" + url + "\": an ht:// object URL has no query or fragment");
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = java.net.URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("invalid original_url \"" + url + "\": it names no object");
        }
        return new HttpOrigin(scheme + "://" + u.getRawAuthority() + dir, bucketName(u.getRawAuthority() + dir), name);
    }

    /** The bucket name of an origin given without its scheme ({@code host/a/b/}). */
    static String bucketName(String hostAndDir) {
        String hex = Long.toHexString(Hrw.digest(hostAndDir));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
    }

    /** The bucket name of a base URL ({@code http://host/a/b/}). */
    public static String bucketOf(String base) {
        int sep = base.indexOf("://");
        return bucketName(sep < 0 ? base : base.substring(sep + 3));
    }
}
