package net.aisj.service.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Content being read: an object or one member of a shard, with its size known before the first byte. Closing it
 * releases the object (and the connection, for a remote one). Not thread-safe.
 *
 * @param size        bytes that {@code in} yields
 * @param mtimeMillis modification time to record in an archive
 */
public record Fetched(long size, long mtimeMillis, InputStream in, AutoCloseable resource) implements AutoCloseable {

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do: the content is no longer needed
        }
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                // same
            }
        }
    }
}
