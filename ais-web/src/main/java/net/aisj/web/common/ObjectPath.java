package net.aisj.web.common;

import net.aisj.core.AisException;

/**
 * The bucket and object name of a raw request path, {@code /<lead segments>/<bucket>/<object name...>}: the one
 * parser of object paths, for the native API (JAX-RS and the direct path), the owner redirect and the
 * intra-cluster endpoints. Both parts are decoded strictly from the raw path ({@link PathNames}), so that
 * {@code %2F} in a name stays a character of that name and never becomes a path separator.
 *
 * @param bucket the decoded bucket segment
 * @param name   the decoded rest of the path, slashes included ("" when there is none)
 */
public record ObjectPath(String bucket, String name) {

    /** Segments before the bucket of {@code /v1/objects/<bucket>/...}. */
    public static final int NATIVE = 2;

    /**
     * @param lead how many segments precede the bucket ({@link #NATIVE}; 3 for {@code /v1/intra/objects/},
     *             4 for {@code /v1/intra/ec/slices/})
     * @throws AisException BAD_REQUEST naming the path when a segment is missing or does not decode
     */
    public static ObjectPath parse(String rawPath, int lead) {
        String[] segs = rawPath.split("/", lead + 3);
        int first = rawPath.startsWith("/") ? 1 : 0;
        if (segs.length <= first + lead) {
            throw AisException.badRequest("invalid object path \"" + rawPath + "\": no bucket");
        }
        try {
            return new ObjectPath(PathNames.decode(segs[first + lead]), PathNames.tail(rawPath, lead + 1));
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest("invalid object path \"" + rawPath + "\": " + e.getMessage());
        }
    }
}
