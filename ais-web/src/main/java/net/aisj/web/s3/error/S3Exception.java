package net.aisj.web.s3.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 failure with its table entry and, optionally, a more precise message than the default one and headers the
 * error response carries (a 304 or 412 still names the object's {@code ETag} and {@code Last-Modified}).
 */
public class S3Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final S3Error error;

    private final LinkedHashMap<String, String> headers = new LinkedHashMap<>();

    public S3Exception(S3Error error) {
        this(error, null);
    }

    public S3Exception(S3Error error, String message) {
        super(message == null || message.isEmpty() ? error.message() : message);
        this.error = error;
    }

    public S3Exception(S3Error error, String message, Throwable cause) {
        super(message == null || message.isEmpty() ? error.message() : message, cause);
        this.error = error;
    }

    public S3Error error() {
        return error;
    }

    /** Adds a header to the error response; returns this exception. */
    public S3Exception withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The headers the error response carries besides the request id (name to value, in order added). */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
