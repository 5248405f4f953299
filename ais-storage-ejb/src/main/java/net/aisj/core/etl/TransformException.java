package net.aisj.core.etl;

import net.aisj.core.AisException;

/**
 * A transformer answered an object with an error (AIS: {@code ETL error: <transformer's body>} with the
 * transformer's own status), or the exchange failed. Transports answer {@link #status()}.
 */
public class TransformException extends AisException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public TransformException(int status, String message) {
        super(kindOf(status), message);
        this.status = status;
    }

    /** The HTTP status to answer (the transformer's own when it answered). */
    public int status() {
        return status;
    }

    private static Kind kindOf(int status) {
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 500 -> Kind.INTERNAL;
            default -> Kind.UNAVAILABLE;
        };
    }
}
