package net.aisj.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.aisj.connector.api.ChecksumMismatchException;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;

/**
 * A reader that delegates, and runs {@code onBad} when a transfer fails its checksum (the storage layer cut it and
 * quarantined the copy): the caller then repairs what it can (EC restores from slices, the cache drops the copy so
 * the next GET fetches the object again).
 */
public record OnBadCopy(ObjectReader r, Runnable onBad) implements ObjectReader {
    @Override
    public ObjectStat stat() {
        return r.stat();
    }

    @Override
    public long transferTo(OutputStream out, long offset, long length) throws IOException {
        try {
            return r.transferTo(out, offset, length);
        } catch (ChecksumMismatchException e) {
            onBad.run();
            throw e;
        }
    }

    @Override
    public InputStream stream() throws IOException {
        return r.stream();
    }

    @Override
    public boolean cutsOnMismatch(long offset, long length) {
        return r.cutsOnMismatch(offset, length);
    }

    @Override
    public java.util.Optional<java.nio.file.Path> localFile() {
        return r.localFile();
    }

    @Override
    public void close() {
        r.close();
    }
}
