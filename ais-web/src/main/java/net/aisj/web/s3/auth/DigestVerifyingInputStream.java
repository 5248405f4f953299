package net.aisj.web.s3.auth;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import net.aisj.web.s3.error.PayloadException;
import net.aisj.web.s3.error.S3Error;

/**
 * Passes a request body through while digesting it; at end of stream compares with the declared digest and throws
 * a {@link PayloadException} on mismatch, so the storage engine discards the upload. Not thread-safe.
 */
public final class DigestVerifyingInputStream extends FilterInputStream {

    private final MessageDigest md;
    private final byte[] expected;
    private final S3Error onMismatch;
    private boolean verified;

    /**
     * @param algorithm  "MD5" or "SHA-256"
     * @param expected   the declared digest
     * @param onMismatch the error to raise (BadDigest, XAmzContentSHA256Mismatch)
     */
    public DigestVerifyingInputStream(InputStream in, String algorithm, byte[] expected, S3Error onMismatch) {
        super(in);
        try {
            this.md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.expected = expected.clone();
        this.onMismatch = onMismatch;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            md.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            atEnd();
        } else {
            md.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void atEnd() throws PayloadException {
        if (verified) {
            return;
        }
        verified = true;
        if (!MessageDigest.isEqual(md.digest(), expected)) {
            throw new PayloadException(onMismatch, null);
        }
    }
}
