package net.aisj.web.s3;

import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;

/**
 * Conditional requests (RFC 9110 §13.2.2 order, as S3 applies it): If-Match, else If-Unmodified-Since → 412;
 * If-None-Match, else If-Modified-Since → 304 on GET/HEAD. Times compare at whole seconds (HTTP dates have no
 * more). CopyObject's {@code x-amz-copy-source-if-*} fail with 412 in every case.
 */
final class S3Conditions {

    private S3Conditions() {}

    /** GET/HEAD: a 304 or 412 still carries the object's ETag and Last-Modified, as S3 sends them. */
    static void check(S3Call c, String etag, long mtimeMillis) {
        try {
            evaluate(
                    c.header("If-Match"),
                    c.header("If-None-Match"),
                    c.header("If-Modified-Since"),
                    c.header("If-Unmodified-Since"),
                    etag,
                    mtimeMillis,
                    S3Error.NotModified);
        } catch (S3Exception e) {
            throw e.withHeader("ETag", etag).withHeader("Last-Modified", S3Responses.httpDate(mtimeMillis));
        }
    }

    /**
     * PutObject's conditions: {@code If-None-Match: *} refuses to overwrite an existing object, {@code If-Match}
     * needs the current object to have that ETag (412 PreconditionFailed; If-Match on a missing key is NoSuchKey).
     *
     * @param etag the current object's ETag, or null when there is none
     */
    static void checkPut(S3Call c, String etag) {
        String ifNoneMatch = c.header("If-None-Match");
        String ifMatch = c.header("If-Match");
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw new S3Exception(S3Error.NotImplemented, "If-None-Match on PUT supports only *");
            }
            if (etag != null) {
                throw new S3Exception(S3Error.PreconditionFailed, "the object exists (If-None-Match: *)");
            }
        }
        if (ifMatch != null) {
            if (etag == null) {
                throw new S3Exception(S3Error.NoSuchKey, "If-Match names an object that does not exist");
            }
            if (!matches(ifMatch, etag)) {
                throw new S3Exception(S3Error.PreconditionFailed, "If-Match does not match ETag " + etag);
            }
        }
    }

    static void checkCopySource(S3Call c, String etag, long mtimeMillis) {
        evaluate(
                c.header("x-amz-copy-source-if-match"),
                c.header("x-amz-copy-source-if-none-match"),
                c.header("x-amz-copy-source-if-modified-since"),
                c.header("x-amz-copy-source-if-unmodified-since"),
                etag,
                mtimeMillis,
                S3Error.PreconditionFailed);
    }

    /** @param notModified the error when the object was not modified (304 for GET/HEAD, 412 for copies) */
    static void evaluate(
            String ifMatch,
            String ifNoneMatch,
            String ifModifiedSince,
            String ifUnmodifiedSince,
            String etag,
            long mtimeMillis,
            S3Error notModified) {
        long mtime = mtimeMillis / 1000;
        if (ifMatch != null) {
            if (!matches(ifMatch, etag)) {
                throw new S3Exception(S3Error.PreconditionFailed, "If-Match does not match ETag " + etag);
            }
        } else {
            Long t = S3Responses.parseHttpDate(ifUnmodifiedSince);
            if (t != null && mtime > t / 1000) {
                throw new S3Exception(S3Error.PreconditionFailed, "modified since " + ifUnmodifiedSince);
            }
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag)) {
                throw new S3Exception(notModified, "If-None-Match matches ETag " + etag);
            }
        } else {
            Long t = S3Responses.parseHttpDate(ifModifiedSince);
            if (t != null && mtime <= t / 1000) {
                throw new S3Exception(notModified, "not modified since " + ifModifiedSince);
            }
        }
    }

    /** Whether a list of entity tags ({@code "a", W/"b"} or {@code *}) contains {@code etag}. */
    static boolean matches(String list, String etag) {
        String want = strip(etag);
        for (String t : list.split(",")) {
            String s = t.trim();
            if (s.equals("*") || strip(s).equals(want)) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String tag) {
        String s = tag.trim();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
