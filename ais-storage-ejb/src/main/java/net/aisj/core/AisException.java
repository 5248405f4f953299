package net.aisj.core;

/**
 * A domain failure the transports map to their own error format. Messages follow AIS: they name the bucket or
 * object as {@code ais://bucket[/object]} because AIS's clients match on that text.
 */
public class AisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, independent of any transport. */
    public enum Kind {
        BAD_REQUEST,
        NOT_FOUND,
        CONFLICT,
        PRECONDITION_FAILED,
        RANGE_NOT_SATISFIABLE,
        UNAVAILABLE,
        INSUFFICIENT_STORAGE,
        INTERNAL
    }

    /**
     * Why, more precisely than the kind, set where the failure arises. Transports choose their error code from it
     * (S3's {@code NoSuchBucket} vs {@code NoSuchKey}, ...), never from the message text.
     */
    public enum Reason {
        /** nothing more precise than the kind */
        UNSPECIFIED(null),
        NO_SUCH_BUCKET(Kind.NOT_FOUND),
        NO_SUCH_OBJECT(Kind.NOT_FOUND),
        BUCKET_EXISTS(Kind.CONFLICT),
        BUCKET_NOT_EMPTY(Kind.CONFLICT),
        /** an object name over the length limit */
        NAME_TOO_LONG(Kind.BAD_REQUEST),
        /** an object or bucket name that is not acceptable for another reason */
        INVALID_NAME(Kind.BAD_REQUEST),
        /** a body shorter or longer than its declared length */
        INCOMPLETE_BODY(Kind.BAD_REQUEST),
        /** a client-supplied checksum that does not match the data */
        BAD_CHECKSUM(Kind.BAD_REQUEST);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        /** The kind this reason always has (null for {@link #UNSPECIFIED}). */
        public Kind kind() {
            return kind;
        }
    }

    private final Kind kind;

    private final Reason reason;

    public AisException(Kind kind, String message) {
        this(kind, Reason.UNSPECIFIED, message, null);
    }

    public AisException(Kind kind, String message, Throwable cause) {
        this(kind, Reason.UNSPECIFIED, message, cause);
    }

    /** A failure with a precise reason (its kind follows from it; INTERNAL for UNSPECIFIED). */
    public AisException(Reason reason, String message) {
        this(kindOf(reason), reason, message, null);
    }

    public AisException(Reason reason, String message, Throwable cause) {
        this(kindOf(reason), reason, message, cause);
    }

    private AisException(Kind kind, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reason = reason;
    }

    private static Kind kindOf(Reason reason) {
        return reason.kind() == null ? Kind.INTERNAL : reason.kind();
    }

    public Kind kind() {
        return kind;
    }

    public Reason reason() {
        return reason;
    }

    // AIS's texts for the reasons its clients tell apart, defined once: AIS's SDK finds the bucket (`ais://b`) or
    // object (`ais://b/o`) in the message of a 404 or 409 and raises ErrBckNotFound, ErrObjNotFound, ...

    /** A bucket that does not exist ({@code cname} as {@code ais://b}). */
    public static AisException noSuchBucket(String cname) {
        return new AisException(Reason.NO_SUCH_BUCKET, "bucket \"" + cname + "\" does not exist");
    }

    /** A bucket its backend does not have. */
    public static AisException noSuchRemoteBucket(String cname, Throwable cause) {
        return new AisException(Reason.NO_SUCH_BUCKET, "remote bucket \"" + cname + "\" does not exist", cause);
    }

    /** An object that does not exist ({@code cname} as {@code ais://b/o}). */
    public static AisException noSuchObject(String cname) {
        return noSuchObject(cname, null);
    }

    public static AisException noSuchObject(String cname, Throwable cause) {
        return new AisException(Reason.NO_SUCH_OBJECT, "object " + cname + " does not exist", cause);
    }

    /** A bucket created twice. */
    public static AisException bucketExists(String cname) {
        return new AisException(Reason.BUCKET_EXISTS, "bucket \"" + cname + "\" already exists");
    }

    public static AisException badRequest(String message) {
        return new AisException(Kind.BAD_REQUEST, message);
    }

    public static AisException notFound(String message) {
        return new AisException(Kind.NOT_FOUND, message);
    }

    public static AisException conflict(String message) {
        return new AisException(Kind.CONFLICT, message);
    }
}
