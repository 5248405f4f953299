package net.aisj.backend;

import java.io.IOException;
import java.io.InputStream;

/**
 * An open remote read: the object's metadata (of the whole object, also for a range) and the requested bytes.
 * Close it (aborting the transfer if not read to the end).
 */
public record RemoteRead(RemoteObject meta, InputStream body) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        body.close();
    }
}
