package net.aisj.connector.api;

import java.io.IOException;
import java.io.InputStream;
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

    /**
     * The whole content as a stream from byte 0 (for handing the object to an API that pulls); reading it
     * advances no shared state other than this reader's. The stream is closed with the reader.
     */
    InputStream stream() throws IOException;

    /**
     * Whether a transfer of this range is verified while it streams, so that a bad copy cuts it before its end
     * ({@link ChecksumMismatchException}). A transport then asks the client to close the connection after the
     * response ({@code Connection: close}): a response cut short must end with the connection, or the client would
     * wait for the missing bytes.
     */
    default boolean cutsOnMismatch(long offset, long length) {
        return false;
    }

    /**
     * The one local file that holds exactly this object's content, when there is one and reads of this object are not
     * verified (the caller may hand the path to a trusted local reader, e.g. an ETL transformer, as AIS hands it its
     * FQN); empty for a chunked object, one this reader verifies, or one not on a local disk. The file may be
     * replaced by a later write of the object (this reader's own content stays as it was).
     */
    default java.util.Optional<java.nio.file.Path> localFile() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
