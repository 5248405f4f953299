package net.aisj.backend;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A provider SDK's content stream whose failures mid-read surface as {@link IOException}s (some SDKs throw their own
 * unchecked exceptions from {@code read}, which callers of a stream do not expect).
 */
public final class CheckedStream extends FilterInputStream {

    private final String what;

    /** @param what names the read in messages, e.g. {@code azure read} */
    public CheckedStream(InputStream in, String what) {
        super(in);
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (RuntimeException e) {
            throw new IOException(what + " failed: " + BackendException.causes(e), e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (RuntimeException e) {
            throw new IOException(what + " failed: " + BackendException.causes(e), e);
        }
    }
}
