package net.aisj.web.common;

/**
 * One HTTP byte range resolved against an object's size (RFC 9110 §14.1.2). Multiple ranges are not supported, as
 * in AIS.
 *
 * @param offset first byte
 * @param length number of bytes (may be 0 only for an empty object without a Range header)
 */
public record ByteRange(long offset, long length) {

    /** Thrown for a syntactically valid range that the object cannot satisfy (416). */
    public static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsatisfiable(String msg) {
            super(msg);
        }
    }

    /** Thrown for a header that is not a byte range we understand (400). */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String msg) {
            super(msg);
        }
    }

    /**
     * Resolves a {@code Range} header against {@code size}.
     *
     * @return the range, or null when {@code header} is null/blank (whole object)
     */
    public static ByteRange parse(String header, long size) throws Unsatisfiable, Malformed {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            throw new Malformed("invalid range \"" + header + "\": only byte ranges are supported");
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",")) {
            throw new Malformed("invalid range \"" + header + "\": multiple ranges are not supported");
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new Malformed("invalid range \"" + header + "\"");
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    throw new Malformed("invalid range \"" + header + "\"");
                }
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    throw new Unsatisfiable("range \"" + header + "\" not satisfiable for size " + size);
                }
                long len = Math.min(n, size);
                return new ByteRange(size - len, len);
            }
            long first = Long.parseLong(a);
            if (first < 0) {
                throw new Malformed("invalid range \"" + header + "\"");
            }
            if (first >= size) {
                throw new Unsatisfiable("range \"" + header + "\" not satisfiable for size " + size);
            }
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (last < first) {
                throw new Malformed("invalid range \"" + header + "\": last byte before first");
            }
            last = Math.min(last, size - 1);
            return new ByteRange(first, last - first + 1);
        } catch (NumberFormatException e) {
            throw new Malformed("invalid range \"" + header + "\"");
        }
    }

    /** {@code bytes first-last/size} for Content-Range. */
    public String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }
}
