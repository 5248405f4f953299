package net.aisj.connector.api.ec;

import java.io.IOException;
import java.io.InputStream;

/**
 * A slice or full replica held by this target, opened for reading: its metafile and its content (exactly
 * {@link EcMeta#storedSize()} bytes). The content is not verified on open: the reader (usually another target)
 * checks it against {@link EcMeta#sliceChecksum()} or the object checksum. Close it.
 */
public record EcSlice(EcMeta meta, InputStream content) implements AutoCloseable {

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
