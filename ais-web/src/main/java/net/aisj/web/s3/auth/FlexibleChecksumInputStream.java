package net.aisj.web.s3.auth;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.aisj.web.s3.error.PayloadException;
import net.aisj.web.s3.error.S3Error;

/** Verifies a whole-body {@code x-amz-checksum-*} header at end of stream (BadDigest on mismatch). */
final class FlexibleChecksumInputStream extends FilterInputStream {

    private final FlexibleChecksum checksum;
    private final String expected;
    private boolean verified;

    FlexibleChecksumInputStream(InputStream in, FlexibleChecksum checksum, String expected) {
        super(in);
        this.checksum = checksum;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            if (!verified) {
                verified = true;
                if (!checksum.base64().equals(expected)) {
                    throw new PayloadException(
                            S3Error.BadDigest,
                            "The " + checksum.header() + " you specified did not match the calculated checksum.");
                }
            }
        } else {
            checksum.update(b, off, n);
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
