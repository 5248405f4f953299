package net.aisj.web.s3.error;

/** An S3 failure with its table entry and, optionally, a more precise message than the default one. */
public class S3Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final S3Error error;

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
}
