package net.aisj.service;

import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;

/** Maps storage-adapter failures to domain errors, keeping the adapter's message (it names the object). */
public final class StorageErrors {

    private StorageErrors() {}

    public static AisException map(StorageException e) {
        AisException.Reason reason = reason(e.reason());
        if (reason != AisException.Reason.UNSPECIFIED) {
            return new AisException(reason, e.getMessage(), e);
        }
        AisException.Kind kind = switch (e.reason()) {
            case NOT_FOUND -> AisException.Kind.NOT_FOUND;
            case INVALID_NAME, BAD_CHECKSUM, INCOMPLETE_BODY, BAD_REQUEST -> AisException.Kind.BAD_REQUEST;
            case UNAVAILABLE -> AisException.Kind.UNAVAILABLE;
            case NO_SPACE -> AisException.Kind.INSUFFICIENT_STORAGE;
            case CORRUPTED, IO -> AisException.Kind.INTERNAL;
        };
        return new AisException(kind, e.getMessage(), e);
    }

    /** The domain reason of a storage reason that has one (UNSPECIFIED otherwise). */
    public static AisException.Reason reason(StorageException.Reason r) {
        return switch (r) {
            case INVALID_NAME -> AisException.Reason.INVALID_NAME;
            case BAD_CHECKSUM -> AisException.Reason.BAD_CHECKSUM;
            case INCOMPLETE_BODY -> AisException.Reason.INCOMPLETE_BODY;
            default -> AisException.Reason.UNSPECIFIED;
        };
    }
}
