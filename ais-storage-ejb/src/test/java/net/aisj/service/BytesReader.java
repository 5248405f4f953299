package net.aisj.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;

/** An object held in memory, for tests of code that reads objects: {@code stat} and content as given. */
public final class BytesReader implements ObjectReader {

    private final ObjectStat stat;
    private final byte[] bytes;

    public BytesReader(ObjectStat stat, byte[] bytes) {
        this.stat = stat;
        this.bytes = bytes;
    }

    @Override
    public ObjectStat stat() {
        return stat;
    }

    /** {@code length} &lt; 0: to the end. */
    @Override
    public long transferTo(OutputStream out, long offset, long length) throws IOException {
        int n = (int) (length < 0 ? bytes.length - offset : Math.min(length, bytes.length - offset));
        out.write(bytes, (int) offset, n);
        return n;
    }

    @Override
    public InputStream stream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() {}
}
