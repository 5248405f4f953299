package net.aisj.web.dataplane;

import io.netty.buffer.ByteBuf;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking stream for the worker that serves the call, fed by the event loop. The connection
 * reads ahead of the worker while fewer than {@value #READ_AHEAD} bytes wait here ({@link #wantsRead}, asked after
 * each socket read); when it stopped, the worker asks the {@link Demand} for more once it has taken the queue below
 * half of that, and always on its first read (which answers a client's {@code Expect: 100-continue}). So a body
 * streams without a thread hand-off per socket read, and at most about {@value #READ_AHEAD} bytes of it are held.
 * Thread-safe (one reader, one feeder).
 */
final class BodyInput extends ServletInputStream {

    /** Asks the event loop for more body bytes; called by the reader, on its thread. */
    interface Demand {
        void more();
    }

    /** Bytes read ahead of the worker at most (plus one socket read). */
    static final int READ_AHEAD = 1024 * 1024;

    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private final Demand demand;
    private boolean ended;
    /** The event loop reads on (set by {@link #wantsRead}, by a demand). */
    private boolean reading;

    private boolean started;
    private long queued;
    private IOException failure;

    BodyInput(Demand demand) {
        this.demand = demand;
    }

    /** Event loop: a chunk arrived (ownership passes here). */
    synchronized void offer(ByteBuf b, boolean last) {
        if (failure != null || b.readableBytes() == 0) {
            b.release();
        } else {
            chunks.add(b);
            queued += b.readableBytes();
        }
        ended |= last;
        notifyAll();
    }

    /** Event loop: the connection failed or closed before the body ended. */
    synchronized void fail(IOException e) {
        if (!ended && failure == null) {
            failure = e;
        }
        releaseAll();
        notifyAll();
    }

    /** True once the reader asked for bytes (so a client's {@code Expect: 100-continue} is to be answered). */
    synchronized boolean started() {
        return started;
    }

    /** True when the whole body arrived (read or not). */
    synchronized boolean ended() {
        return ended;
    }

    /** Event loop, after a socket read: whether to read on (the body goes on and little of it waits here). */
    synchronized boolean wantsRead() {
        reading = !ended && failure == null && queued < READ_AHEAD;
        return reading;
    }

    /** Drops whatever is held (after the call ended). */
    synchronized void releaseAll() {
        ByteBuf b;
        while ((b = chunks.poll()) != null) {
            b.release();
        }
        queued = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuf head = await();
        if (head == null) {
            return -1;
        }
        boolean ask;
        int n;
        synchronized (this) {
            n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            queued -= n;
            if (head.readableBytes() == 0) {
                chunks.poll();
                head.release();
            }
            ask = !reading && !ended && failure == null && queued < READ_AHEAD / 2;
            reading |= ask;
        }
        if (ask) {
            demand.more();
        }
        return n;
    }

    @Override
    public int available() {
        synchronized (this) {
            ByteBuf head = chunks.peek();
            return head == null ? 0 : head.readableBytes();
        }
    }

    private ByteBuf await() throws IOException {
        boolean ask;
        synchronized (this) {
            boolean first = !started;
            started = true;
            if (failure != null) {
                throw failure;
            }
            if (!chunks.isEmpty() || ended) {
                return chunks.peek();
            }
            ask = first || !reading;
            reading = true;
        }
        if (ask) {
            demand.more();
        }
        synchronized (this) {
            try {
                while (chunks.isEmpty() && !ended && failure == null) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request body");
            }
            if (failure != null) {
                throw failure;
            }
            return chunks.peek();
        }
    }

    @Override
    public synchronized boolean isFinished() {
        return ended && chunks.isEmpty();
    }

    @Override
    public boolean isReady() {
        return available() > 0;
    }

    @Override
    public void setReadListener(ReadListener l) {
        throw new UnsupportedOperationException("the data plane reads bodies blocking");
    }
}
