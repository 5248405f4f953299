package net.aisj.connector.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An open object: its metadata as of the moment it was opened and its content, which stays readable (and
 * unchanged) even if the object is overwritten or deleted meanwhile. Not thread-safe; close it.
 */
public interface ObjectReader extends AutoCloseable {

    ObjectStat stat();

    /**
     * Streams {@code length} bytes starting at {@code offset} to {@code out} without buffering the object.
     *
     * @return bytes written
     * @throws IOException when the client goes away or the disk fails
     */
    long transferTo(OutputStream out, long offset, long length) throws IOException;

    @Override
    void close();
}
