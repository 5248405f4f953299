package net.aisj.web.s3.error;

import java.io.IOException;

/**
 * Thrown by a verifying request-body stream (content hash, Content-MD5, chunk signature, trailing checksum) when
 * the body does not match what the client declared. It is an {@link IOException} so that the storage engine treats
 * it as a failed read and discards the upload; the S3 error mapper finds it in the cause chain.
 */
public class PayloadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final S3Error error;

    public PayloadException(S3Error error, String message) {
        super(message == null ? error.message() : message);
        this.error = error;
    }

    public S3Error error() {
        return error;
    }
}
