package net.aisj.service.s3;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the parts of a completed multipart object lie, kept as custom metadata {@value #KEY} so that
 * {@code GET ?partNumber=N} (multipart downloads of the AWS SDKs) can serve one part. Encoded compactly:
 * {@code count:partSize:lastSize} when every part but the last has the same size (what SDKs and the CLI do), else
 * {@code count:s1,s2,...} for up to {@value #MAX_LISTED} parts; objects with more irregular parts keep no layout.
 * Pure; thread-safe.
 */
public final class PartLayout {

    /** The custom metadata key (S3-reserved prefix, never sent as a header). */
    public static final String KEY = "s3:parts";

    static final int MAX_LISTED = 256;

    private PartLayout() {}

    /** The layout of parts of the given sizes, or null when it would be too large to keep. */
    public static String encode(List<Long> sizes) {
        int n = sizes.size();
        if (n == 0) {
            return null;
        }
        boolean uniform = true;
        for (int i = 1; i < n - 1; i++) {
            uniform &= sizes.get(i).equals(sizes.get(0));
        }
        if (uniform) {
            return n + ":" + sizes.get(0) + ":" + sizes.get(n - 1);
        }
        if (n > MAX_LISTED) {
            return null;
        }
        StringBuilder b = new StringBuilder().append(n).append(':');
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(sizes.get(i));
        }
        return b.toString();
    }

    /** The number of parts, or 0 for a malformed layout. */
    public static int count(String layout) {
        List<Long> s = sizes(layout);
        return s == null ? 0 : s.size();
    }

    /**
     * {offset, length} of part {@code part} (1-based).
     *
     * @return null when the layout is malformed or has no such part
     */
    public static long[] range(String layout, int part) {
        List<Long> s = sizes(layout);
        if (s == null || part < 1 || part > s.size()) {
            return null;
        }
        long off = 0;
        for (int i = 0; i < part - 1; i++) {
            off += s.get(i);
        }
        return new long[] {off, s.get(part - 1)};
    }

    private static List<Long> sizes(String layout) {
        if (layout == null) {
            return null;
        }
        try {
            String[] f = layout.split(":");
            int n = Integer.parseInt(f[0]);
            if (n < 1 || n > MultipartService.MAX_PARTS) {
                return null;
            }
            List<Long> out = new ArrayList<>(n);
            if (f.length == 3) {
                long size = Long.parseLong(f[1]);
                for (int i = 0; i < n - 1; i++) {
                    out.add(size);
                }
                out.add(Long.parseLong(f[2]));
            } else if (f.length == 2) {
                for (String x : f[1].split(",")) {
                    out.add(Long.parseLong(x));
                }
                if (out.size() != n) {
                    return null;
                }
            } else {
                return null;
            }
            return out;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
