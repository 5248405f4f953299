package net.aisj.backend;

import net.aisj.core.AisException;

/** A backend failure, typed so that callers can tell "not there" from "cannot reach it". */
public class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        BUCKET_NOT_FOUND,
        OBJECT_NOT_FOUND,
        ACCESS_DENIED,
        READ_ONLY,
        BAD_REQUEST,
        UNAVAILABLE,
        INTERNAL
    }

    private final Kind kind;

    public BackendException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The message of {@code e} and of its causes (an SDK's "connection refused" is often two levels down). */
    public static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && sb.indexOf(c.getMessage()) < 0) {
                sb.append(" (").append(c.getMessage()).append(')');
            }
        }
        return sb.toString();
    }

    /**
     * AIS's error for it: the text names the bucket or object as {@code provider://bucket[/object]} (AIS's clients
     * match on it) and, for failures of the backend itself, the backend.
     *
     * @param cname the AIS name of the bucket or object concerned, e.g. {@code aws://b/o}
     */
    public AisException toAis(String cname, Backend backend) {
        return switch (kind) {
            case BUCKET_NOT_FOUND -> AisException.noSuchRemoteBucket(cname, this);
            case OBJECT_NOT_FOUND -> AisException.noSuchObject(cname, this);
            case ACCESS_DENIED ->
                new AisException(
                        AisException.Kind.BAD_REQUEST,
                        "access to " + cname + " denied by backend " + backend.describe() + ": " + getMessage(),
                        this);
            case READ_ONLY ->
                new AisException(
                        AisException.Kind.BAD_REQUEST,
                        "backend " + backend.describe() + " is read-only (" + cname + ")",
                        this);
            case BAD_REQUEST ->
                new AisException(
                        AisException.Kind.BAD_REQUEST,
                        "backend " + backend.describe() + " refused the request for " + cname + ": " + getMessage(),
                        this);
            case UNAVAILABLE ->
                new AisException(
                        AisException.Kind.UNAVAILABLE,
                        "backend " + backend.describe() + " unavailable for " + cname + ": " + getMessage(),
                        this);
            case INTERNAL ->
                new AisException(
                        AisException.Kind.INTERNAL,
                        "backend " + backend.describe() + " failed for " + cname + ": " + getMessage(),
                        this);
        };
    }
}
