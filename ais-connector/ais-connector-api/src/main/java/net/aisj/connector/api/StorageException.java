package net.aisj.connector.api;

/** A storage failure with a reason the transport can map to a status code. */
public class StorageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /** the object (or append handle) does not exist: 404 */
        NOT_FOUND,
        /** the name is not acceptable (escapes the bucket, too long, NUL, ...): 400 */
        INVALID_NAME,
        /** a client-supplied checksum did not match: 400 */
        BAD_CHECKSUM,
        /** the body was shorter or longer than its declared length: 400, nothing stored */
        INCOMPLETE_BODY,
        /** the request is inconsistent (e.g. bad append handle, bad range): 400 */
        BAD_REQUEST,
        /** the stored data failed its checksum on read: 500, never served */
        CORRUPTED,
        /** the node's mountpaths are unusable: 503 */
        UNAVAILABLE,
        /** the mountpath is above the out-of-space watermark: 507, nothing written */
        NO_SPACE,
        /** anything else: 500 */
        IO
    }

    private final Reason reason;

    public StorageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StorageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
