package net.aisj.service.archive;

import java.util.Locale;

/**
 * The archive formats AIS supports for shards, named by their extension ("mime" in AIS's wire, always with the
 * leading dot). Pure value type.
 */
public enum ArchiveFormat {
    TAR(".tar", "application/x-tar"),
    TGZ(".tgz", "application/gzip"),
    ZIP(".zip", "application/zip"),
    TAR_LZ4(".tar.lz4", "application/x-lz4");

    private final String ext;
    private final String contentType;

    ArchiveFormat(String ext, String contentType) {
        this.ext = ext;
        this.contentType = contentType;
    }

    /** The canonical extension, e.g. {@code .tar.lz4}. */
    public String ext() {
        return ext;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether members can be reached without decompressing everything before them (given a seekable source). */
    public boolean randomAccess() {
        return this == TAR || this == ZIP;
    }

    /**
     * The format of a mime/extension as AIS spells it ({@code .tar}, {@code tar}, {@code .tgz}, {@code .tar.gz},
     * {@code .zip}, {@code .tar.lz4}; case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ArchiveFormat ofMime(String mime) {
        String m = mime.trim().toLowerCase(Locale.ROOT);
        if (!m.startsWith(".")) {
            m = "." + m;
        }
        return switch (m) {
            case ".tar" -> TAR;
            case ".tgz", ".tar.gz" -> TGZ;
            case ".zip" -> ZIP;
            case ".tar.lz4" -> TAR_LZ4;
            default ->
                throw new IllegalArgumentException("unsupported archive format \"" + mime
                        + "\" (expected one of .tar, .tgz, .tar.gz, .zip, .tar.lz4)");
        };
    }

    /** The format implied by a name's extension, or null when the name has none of the supported ones. */
    public static ArchiveFormat byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tar.lz4")) {
            return TAR_LZ4;
        }
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
            return TGZ;
        }
        if (n.endsWith(".tar")) {
            return TAR;
        }
        return n.endsWith(".zip") ? ZIP : null;
    }

    /**
     * The format for an object: the explicit mime when given (AIS {@code archmime}), else by the name's extension.
     *
     * @throws IllegalArgumentException when neither says
     */
    public static ArchiveFormat of(String mime, String name) {
        if (mime != null && !mime.isBlank()) {
            return ofMime(mime);
        }
        ArchiveFormat f = byName(name);
        if (f == null) {
            throw new IllegalArgumentException("\"" + name + "\" is not an archive of a known format"
                    + " (.tar, .tgz, .tar.gz, .zip, .tar.lz4); specify archmime");
        }
        return f;
    }
}
