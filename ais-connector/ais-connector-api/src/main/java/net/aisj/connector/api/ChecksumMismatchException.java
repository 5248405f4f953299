package net.aisj.connector.api;

import java.io.IOException;

/**
 * Thrown by {@link ObjectReader#transferTo} when the bytes read from a copy do not match the object's checksum
 * while they stream: the last chunk was held back, so the receiver never gets a complete body. The storage layer has
 * already counted, logged and quarantined the copy and queued its repair; the caller cuts the response (a failed
 * transfer for the client) and may queue a repair it alone can make (erasure coding).
 */
public class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    public ChecksumMismatchException(String message) {
        super(message);
    }
}
