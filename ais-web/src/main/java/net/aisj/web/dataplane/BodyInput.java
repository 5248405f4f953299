package net.aisj.web.dataplane;

import io.netty.buffer.ByteBuf;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking stream for the worker that serves the call, fed by the event loop. Reads from the
 * socket only on demand: when the worker finds no bytes it asks the {@link Demand} for more (the connection never
 * reads ahead on its own), so at most one socket read of body bytes is held here at a time. Thread-safe (one
 * reader, one feeder).
 */
final class BodyInput extends ServletInputStream {

    /** Asks the event loop for more body bytes; called by the reader, on its thread. */
    interface Demand {
        void more();
    }

    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private final Demand demand;
    private boolean ended;
    private boolean asked;
    private boolean started;
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
        }
        ended |= last;
        asked = false;
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

    /** True when the reader waits for bytes that no socket read has delivered yet. */
    synchronized boolean wanting() {
        return asked && chunks.isEmpty() && !ended && failure == null;
    }

    /** Drops whatever is held (after the call ended). */
    synchronized void releaseAll() {
        ByteBuf b;
        while ((b = chunks.poll()) != null) {
            b.release();
        }
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
        synchronized (this) {
            int n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            if (head.readableBytes() == 0) {
                chunks.poll();
                head.release();
            }
            return n;
        }
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
            started = true;
            if (failure != null) {
                throw failure;
            }
            if (!chunks.isEmpty() || ended) {
                return chunks.peek();
            }
            ask = !asked;
            asked = true;
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
