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
     */
    public record In(String objName, String bucket, String provider, String archPath, String opaque) {

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
