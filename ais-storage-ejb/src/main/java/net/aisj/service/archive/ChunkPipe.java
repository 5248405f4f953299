package net.aisj.service.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between a producer thread writing an archive and a consumer thread storing it (a PUT reads an
 * {@link InputStream}): at most {@value #CHUNKS} chunks of {@value #CHUNK} bytes are in flight. The producer ends
 * with {@link #finish()} or {@link #fail(Throwable)}; a failure reaches the consumer as an {@link IOException} on
 * its next read, so a half-written archive is never committed. The consumer calls {@link #cancel()} when it gives
 * up, which makes the producer's next write fail. One producer and one consumer thread.
 */
final class ChunkPipe {

    static final int CHUNK = 256 * 1024;
    static final int CHUNKS = 8;
    private static final byte[] EOF = new byte[0];
    private static final long WAIT_SECONDS = 600;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CHUNKS);
    private volatile Throwable failure;
    private volatile boolean cancelled;

    private final OutputStream out = new OutputStream() {
        private byte[] buf = new byte[CHUNK];
        private int n;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
                if (n == buf.length) {
                    flushChunk();
                }
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }

        private void flushChunk() throws IOException {
            if (n > 0) {
                byte[] chunk = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
                put(chunk);
                buf = new byte[CHUNK];
                n = 0;
            }
        }
    };

    private final InputStream in = new InputStream() {
        private byte[] cur = new byte[0];
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == cur.length) {
                if (eof) {
                    return -1;
                }
                byte[] next;
                try {
                    next = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for archive data");
                }
                if (next == null) {
                    throw new IOException("archive producer stalled for " + WAIT_SECONDS + " s");
                }
                if (next == EOF) {
                    if (failure != null) {
                        throw new IOException("archive not completed: " + failure.getMessage(), failure);
                    }
                    eof = true;
                    return -1;
                }
                cur = next;
                pos = 0;
            }
            int k = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, k);
            pos += k;
            return k;
        }
    };

    /** The producer's side; {@code close()} only flushes, {@link #finish()} ends the stream. */
    OutputStream output() {
        return out;
    }

    /** The consumer's side. */
    InputStream input() {
        return in;
    }

    /** Producer: all written, the consumer sees the end. */
    void finish() throws IOException {
        out.close();
        put(EOF);
    }

    /** Producer: the archive cannot be completed; the consumer's next read fails. */
    void fail(Throwable t) {
        failure = t;
        queue.clear();
        try {
            put(EOF);
        } catch (IOException e) {
            // the consumer is gone too
        }
    }

    /** Consumer: stop the producer. */
    void cancel() {
        cancelled = true;
        queue.clear();
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 1, TimeUnit.SECONDS)) {
                if (cancelled) {
                    throw new IOException("archive consumer gone");
                }
            }
            if (cancelled) {
                throw new IOException("archive consumer gone");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted writing archive data");
        }
    }
}
