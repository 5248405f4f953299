package net.aisj.core.auth;

/**
 * An authentication (401: no, bad, expired or revoked credentials) or authorization (403: valid credentials, not
 * allowed) failure; transports render it in their own format (AIS JSON, S3 {@code AccessDenied}).
 */
public class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean unauthenticated;

    private AuthException(boolean unauthenticated, String message) {
        super(message);
        this.unauthenticated = unauthenticated;
    }

    /** 401: the caller is not known (missing, invalid, expired or revoked credentials). */
    public static AuthException unauthenticated(String message) {
        return new AuthException(true, message);
    }

    /** 403: the caller is known but may not do this. */
    public static AuthException forbidden(String message) {
        return new AuthException(false, message);
    }

    /** 401 when true, 403 when false. */
    public boolean unauthenticated() {
        return unauthenticated;
    }

    /** The HTTP status AIS answers. */
    public int status() {
        return unauthenticated ? 401 : 403;
    }
}
