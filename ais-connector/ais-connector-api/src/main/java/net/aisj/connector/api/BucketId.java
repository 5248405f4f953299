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

    /** {@code ais://bucket}, as AIS writes it in messages (clients match on it). */
    public String cname() {
        return provider + "://" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    @Override
    public String toString() {
        return cname();
    }
}
