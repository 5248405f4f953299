package net.aisj.web.nat;

import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;

/** Bucket identity from the path and the {@code provider}/{@code namespace} query parameters. */
public final class Bck {

    private Bck() {}

    public static BucketId of(String name, String provider, String namespace) {
        String prov = provider == null || provider.isEmpty() ? BucketId.AIS : normalise(provider);
        try {
            return new BucketId(prov, BucketId.namespaceOf(namespace), name);
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest(e.getMessage());
        }
    }

    /**
     * A bucket from AIS's uname form as the {@code bck_to} query carries it: {@code provider/@#/name/} (or a bare
     * name); null when absent.
     */
    static BucketId fromUname(String uname) {
        if (uname == null || uname.isEmpty()) {
            return null;
        }
        String[] p = uname.split("/", -1);
        if (p.length < 3) {
            return of(uname, null, null);
        }
        String ns = p[1].equals("@#") || p[1].equals("#") ? "" : p[1];
        return of(p[2], p[0], ns);
    }

    /** AIS accepts aliases for providers. */
    private static String normalise(String p) {
        return switch (p) {
            case "s3" -> "aws";
            case "gs" -> "gcp";
            case "az" -> "azure";
            case "oc" -> "oci";
            default -> p;
        };
    }

    /**
     * Parses an object uname {@code provider/@uuid#ns/bucket/object} (AIS {@code object_to}).
     *
     * @return {bucket, object name}
     */
    static Object[] parseUname(String uname) {
        String[] parts = uname.split("/", 4);
        if (parts.length < 4 || parts[3].isEmpty() || !parts[1].startsWith("@") || !parts[1].contains("#")) {
            throw AisException.badRequest(
                    "invalid object uname \"" + uname + "\" (expected provider/@#/bucket/object)");
        }
        String ns = parts[1].equals("@#") ? "" : parts[1];
        return new Object[] {of(parts[2], parts[0], ns), parts[3]};
    }
}
