package net.aisj.client;

/**
 * A call the store refused or that could not reach it. {@link #status()} is the HTTP status (0 when no node
 * answered); the message is AIS's error text (the {@code message} of its JSON error) with the call it answered.
 */
public class AisClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public AisClientException(int status, String message) {
        super(message);
        this.status = status;
    }

    public AisClientException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status of the answer, 0 when there was none (unreachable, broken connection). */
    public int status() {
        return status;
    }

    /** The bucket or object does not exist (404). */
    public boolean isNotFound() {
        return status == 404;
    }
}
