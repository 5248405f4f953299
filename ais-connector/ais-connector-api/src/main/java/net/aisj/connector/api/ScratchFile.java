package net.aisj.connector.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * A job's temporary file in a mountpath's work directory (AIS keeps dsort's in {@code %ds}/{@code %dw}; ours live in
 * {@code %wk}, so a crashed node's leftovers are swept by the cleanup jogger). One thread appends; once appending
 * is over, any number of threads may read ranges concurrently. {@link #close()} deletes the file; a file never
 * closed is removed by the jogger once it is older than the work-file age limit.
 */
public interface ScratchFile extends AutoCloseable {

    /**
     * Appends exactly {@code length} bytes of {@code in} (which is not closed).
     *
     * @return the offset the bytes start at
     * @throws IOException when {@code in} ends early or the disk fails
     */
    long append(InputStream in, long length) throws IOException;

    /** Bytes appended so far. */
    long size();

    /** Streams {@code length} bytes from {@code offset}; thread-safe; the stream must be closed. */
    InputStream read(long offset, long length) throws IOException;

    /** Deletes the file; idempotent; streams still open fail afterwards. */
    @Override
    void close();
}
