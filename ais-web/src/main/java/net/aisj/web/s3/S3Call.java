package net.aisj.web.s3;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.InputStream;
import java.util.List;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectNames;
import net.aisj.web.s3.error.S3Error;
import net.aisj.web.s3.error.S3Exception;

/**
 * One S3 request as the handlers see it: bucket and key (decoded from the raw path), decoded query, headers, the
 * (already verified/decoded) body and the servlet request.
 *
 * @param bucket  the bucket name from the path
 * @param key     the object key ("" for bucket-level calls)
 * @param query   decoded query parameters
 * @param headers request headers
 * @param body    the request body (aws-chunked already decoded, hashes verified while read); never null
 * @param request the servlet request (method, URI, attributes)
 */
public record S3Call(
        String bucket,
        String key,
        MultivaluedMap<String, String> query,
        HttpHeaders headers,
        InputStream body,
        HttpServletRequest request) {

    /** Request attribute set by the auth filter: the decoded body length, or -1 when unknown. */
    public static final String DECODED_LENGTH = "ais.s3.decoded-length";

    public String method() {
        return request.getMethod();
    }

    public boolean has(String param) {
        return query.containsKey(param);
    }

    public String param(String name) {
        return query.getFirst(name);
    }

    /** First value of a header, or null. */
    public String header(String name) {
        return headers.getHeaderString(name) == null
                ? null
                : headers.getRequestHeader(name).get(0);
    }

    public List<String> headerValues(String name) {
        List<String> v = headers.getRequestHeader(name);
        return v == null ? List.of() : v;
    }

    /** The body's length after aws-chunked decoding, or -1 when the client did not say. */
    public long contentLength() {
        Object d = request.getAttribute(DECODED_LENGTH);
        if (d instanceof Long l) {
            return l;
        }
        String cl = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (cl == null || cl.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.InvalidArgument, "invalid Content-Length \"" + cl + "\"");
        }
    }

    public BucketId bucketId() {
        return bucketId(bucket);
    }

    public static BucketId bucketId(String name) {
        try {
            return BucketId.ais(name);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.InvalidBucketName, "invalid bucket name \"" + name + "\"");
        }
    }

    /** The object, its key validated as the native API does (KeyTooLongError / InvalidArgument). */
    public ObjectId objectId() {
        return objectId(bucket, key);
    }

    public static ObjectId objectId(String bucket, String key) {
        String p = ObjectNames.problem(key);
        if (p != null) {
            throw new S3Exception(
                    ObjectNames.tooLong(key) ? S3Error.KeyTooLongError : S3Error.InvalidArgument,
                    p + " (bucket " + bucket + ")");
        }
        return new ObjectId(bucketId(bucket), key);
    }
}
