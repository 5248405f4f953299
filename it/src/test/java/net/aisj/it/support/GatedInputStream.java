package net.aisj.it.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jpountz.xxhash.StreamingXXHash64;

/**
 * Counts and hashes (XXH64) the bytes read through it. With a gate: once {@code gateAt} bytes were
 * handed out, counts down {@link #reached()} and blocks further reads until {@link #release()};
 * after the release it fails the read, so the upload never completes.
 */
public final class GatedInputStream extends FilterInputStream {

    private final long gateAt;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicLong count = new AtomicLong();
    private final StreamingXXHash64 hash = Xxh.streaming();

    /** {@code gateAt} < 0: no gate, just count and hash. */
    public GatedInputStream(InputStream in, long gateAt) {
        super(in);
        this.gateAt = gateAt;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (gateAt >= 0) {
            long c = count.get();
            if (c >= gateAt) {
                reached.countDown();
                try {
                    if (!released.await(10, TimeUnit.MINUTES)) {
                        throw new IOException("gate never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted at the gate", e);
                }
                throw new IOException("upload aborted by the test after " + c + " bytes");
            }
            len = (int) Math.min(len, gateAt - c);
        }
        int n = super.read(b, off, len);
        if (n > 0) {
            hash.update(b, off, n);
            count.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException();
    }

    public long count() {
        return count.get();
    }

    /** XXH64 of everything read so far (call after the stream was fully read). */
    public long hash() {
        return hash.getValue();
    }

    public boolean awaitGate(long timeout, TimeUnit unit) throws InterruptedException {
        return reached.await(timeout, unit);
    }

    public CountDownLatch reached() {
        return reached;
    }

    public void release() {
        released.countDown();
    }
}
