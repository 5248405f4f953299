package net.aisj.service.archive;

import java.util.List;

/**
 * A Get-Batch request (AIS {@code apc.MossReq}, ais-reference §3.8):
 * {@code {"in":[{"objname","bucket"?,"provider"?,"archpath"?,"opaque"?}],"mime","coer","onob","strm"}}.
 *
 * @param in            the items, in the order of the response
 * @param format        {@code mime}; empty means tar
 * @param continueOnErr {@code coer}: a missing item becomes an empty {@code __404__/...} member
 * @param onlyObjName   {@code onob}: members named {@code <obj>} instead of {@code <bucket>/<obj>}
 * @param streaming     {@code strm}: the archive alone as a stream, else multipart with metadata first
 */
public record MossReq(
        List<In> in, ArchiveFormat format, boolean continueOnErr, boolean onlyObjName, boolean streaming) {

    /** AIS {@code apc.MossMissingDir}. */
    public static final String MISSING_DIR = "__404__";

    /**
     * One item.
     *
     * @param opaque base64 as received (echoed in the response), or ""
     * @param start  first byte of the read range (of the object, or of the archived file with archpath)
     * @param length bytes to read: 0 with start 0 is the whole content, -1 is to the end
     */
    public record In(
            String objName, String bucket, String provider, String archPath, String opaque, long start, long length) {

        /** An item read whole. */
        public In(String objName, String bucket, String provider, String archPath, String opaque) {
            this(objName, bucket, provider, archPath, opaque, 0, 0);
        }

        /** Whether the item asks for part of its content only. */
        public boolean ranged() {
            return start != 0 || length > 0;
        }

        /**
         * The member name in the response archive: {@code <bucket>/<obj>[/<archpath>]}, or
         * {@code <obj>[/<archpath>]} with {@code onob}.
         */
        public String nameInArchive(String defaultBucket, boolean onlyObjName) {
            String n = onlyObjName ? objName : (bucket.isEmpty() ? defaultBucket : bucket) + "/" + objName;
            return archPath.isEmpty() ? n : n + "/" + archPath;
        }
    }
}
