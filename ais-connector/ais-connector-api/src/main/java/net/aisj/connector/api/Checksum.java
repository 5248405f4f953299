package net.aisj.connector.api;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/** A checksum value: type plus lower-case hex value. */
public record Checksum(ChecksumType type, String value) implements Serializable {

    public static final Checksum NONE = new Checksum(ChecksumType.NONE, "");

    public Checksum {
        Objects.requireNonNull(type, "type");
        value = value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    /** Same type family (xxhash == xxhash2) and same value. */
    public boolean matches(Checksum other) {
        return other != null && family(type) == family(other.type) && value.equals(other.value);
    }

    private static ChecksumType family(ChecksumType t) {
        return t == ChecksumType.XXHASH2 ? ChecksumType.XXHASH : t;
    }
}
