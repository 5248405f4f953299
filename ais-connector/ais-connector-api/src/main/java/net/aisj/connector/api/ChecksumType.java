package net.aisj.connector.api;

import java.util.Locale;

/** Checksum kinds as AIS names them on the wire ({@code checksum.type}, {@code Ais-Checksum-Type}). */
public enum ChecksumType {
    NONE("none"),
    /** Unseeded XXH64, 16 hex digits; AIS's {@code xxhash} and {@code xxhash2} compute the same value. */
    XXHASH("xxhash"),
    XXHASH2("xxhash2"),
    MD5("md5"),
    CRC32C("crc32c"),
    SHA256("sha256"),
    SHA512("sha512");

    private final String wire;

    ChecksumType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name AIS does not know */
    public static ChecksumType of(String s) {
        if (s == null || s.isEmpty()) {
            return NONE;
        }
        String k = s.toLowerCase(Locale.ROOT);
        for (ChecksumType t : values()) {
            if (t.wire.equals(k)) {
                return t;
            }
        }
        throw new IllegalArgumentException("invalid checksum type \"" + s + "\"");
    }
}
