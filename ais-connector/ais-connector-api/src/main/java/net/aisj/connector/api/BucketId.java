package net.aisj.connector.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * A bucket as AIS names it: provider ({@code ais}), namespace ({@code ""} for the global one, else
 * {@code @uuid#name}) and name. Validation of the name is the caller's; this type only refuses what could escape a
 * directory.
 */
public record BucketId(String provider, String namespace, String name) implements Serializable {

    public static final String AIS = "ais";

    public BucketId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad bucket name: " + name);
        }
    }

    /**
     * A namespace as clients write it, in this type's form (AIS's uname of a namespace, {@code @uuid#name}):
     * {@code ""}, {@code "@#"} and null are the global namespace; {@code "@alias"} (a remote cluster, AIS's
     * {@code ais://@alias/bucket}) becomes {@code "@alias#"}.
     */
    public static String namespaceOf(String ns) {
        if (ns == null || ns.isEmpty() || ns.equals("@#") || ns.equals("#")) {
            return "";
        }
        return ns.startsWith("@") && ns.indexOf('#') < 0 ? ns + "#" : ns;
    }

    /** The remote cluster (alias or uuid) this bucket's namespace names ({@code @alias#...}), or "" for none. */
    public String remoteCluster() {
        if (!namespace.startsWith("@")) {
            return "";
        }
        int hash = namespace.indexOf('#');
        return hash < 0 ? namespace.substring(1) : namespace.substring(1, hash);
    }

    public static BucketId ais(String name) {
        return new BucketId(AIS, "", name);
    }

    /** {@code provider/@#/bucket/}: the prefix of every object uname in this bucket (global namespace {@code @#}). */
    public String unamePrefix() {
        String ns = namespace.isEmpty() ? "@#" : namespace;
        return provider + "/" + ns + "/" + name + "/";
    }

    /** The HRW uname of an object of this bucket. */
    public String uname(String objectName) {
        return unamePrefix() + objectName;
    }

    /** {@code ais://bucket} ({@code ais://@alias/bucket}), as AIS writes it in messages (clients match on it). */
    public String cname() {
        String ns = namespace.endsWith("#") ? namespace.substring(0, namespace.length() - 1) : namespace;
        return provider + "://" + (ns.isEmpty() ? "" : ns + "/") + name;
    }

    @Override
    public String toString() {
        return cname();
    }
}
