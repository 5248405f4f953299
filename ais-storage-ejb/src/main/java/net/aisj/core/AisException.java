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

    private final Kind kind;

    public AisException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AisException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
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
