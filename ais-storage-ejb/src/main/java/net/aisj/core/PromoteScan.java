package net.aisj.core;

/**
 * What one target sees of a promote source: how many regular files, and a digest of their relative names and
 * sizes. Targets that all answer the same see one file share. {@code files} is -1 when the source is absent there.
 */
public record PromoteScan(long files, String digest) {

    public PromoteScan {
        digest = digest == null ? "" : digest;
    }

    /** Whether the source exists on the target that answered. */
    public boolean present() {
        return files >= 0;
    }
}
