package net.aisj.service.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The remote body of a cold GET as the local store reads it: every byte read is also written to the client
 * (only those of the client's range), and, when the backend gave the content's MD5, digested so that the end of
 * the stream fails (an {@link IOException} instead of EOF) on a mismatch: the store then commits nothing.
 *
 * <p>A client that goes away does not stop the fill: its error is kept ({@link #clientError()}) and later bytes go
 * only to the store, so the one remote read still leaves a complete local copy. Not thread-safe.
 */
final class TeeInputStream extends InputStream {

    private final InputStream remote;
    private final OutputStream client;
    private final long from;
    private final long to;
    private final String expectedMd5;
    private final MessageDigest md5;
    private final String what;
    private final long total;
    private long pos;
    private long sent;
    private IOException clientError;
    private boolean ended;

    /**
     * @param client      where bytes {@code [offset, offset + length)} of the content go
     * @param expectedMd5 lower-case hex MD5 of the whole content, or null when not known
     * @param total       the content's size: the MD5 is checked as soon as that many bytes were read (the store
     *                    may stop reading there, before EOF), and before the last bytes are handed on
     * @param what        names the object and backend in errors
     */
    TeeInputStream(
            InputStream remote,
            OutputStream client,
            long offset,
            long length,
            String expectedMd5,
            long total,
            String what) {
        this.total = total;
        this.remote = remote;
        this.client = client;
        this.from = offset;
        this.to = length < 0 ? Long.MAX_VALUE : offset + length;
        this.expectedMd5 = expectedMd5;
        this.what = what;
        try {
            this.md5 = expectedMd5 == null ? null : MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = remote.read(b, off, len);
        } catch (IOException e) {
            throw new IOException("reading " + what + " failed: " + e.getMessage(), e);
        }
        if (n < 0) {
            if (!ended) {
                ended = true;
                verify();
            }
            return -1;
        }
        if (md5 != null) {
            md5.update(b, off, n);
            if (pos + n == total && !ended) {
                ended = true;
                verify();
            }
        }
        long start = Math.max(pos, from);
        long end = Math.min(pos + n, to);
        if (end > start && clientError == null) {
            try {
                client.write(b, off + (int) (start - pos), (int) (end - start));
                sent += end - start;
            } catch (IOException e) {
                clientError = e;
            }
        }
        pos += n;
        return n;
    }

    private void verify() throws IOException {
        if (md5 == null) {
            return;
        }
        String got = HexFormat.of().formatHex(md5.digest());
        if (!got.equals(expectedMd5)) {
            throw new IOException(
                    "MD5 of " + what + " is " + got + ", the backend's ETag says " + expectedMd5 + ": not cached");
        }
    }

    /** Bytes written to the client. */
    long sent() {
        return sent;
    }

    /** The client's write failure, or null. */
    IOException clientError() {
        return clientError;
    }

    @Override
    public void close() throws IOException {
        remote.close();
    }
}
