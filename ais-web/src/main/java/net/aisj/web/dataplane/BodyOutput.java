package net.aisj.web.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/**
 * A response body as a blocking stream for the worker that serves the call. Bytes gather in one pooled buffer of
 * {@value #CHUNK} bytes; a full buffer commits the response (status and headers) and is sent, and the worker waits
 * while the connection's outbound queue is above its high-water mark, so a slow client holds at most a few chunks
 * in memory. A body that fits the buffer goes out with its head in one write at {@link Sink#finish}. Not
 * thread-safe (one worker).
 */
final class BodyOutput extends ServletOutputStream {

    /** Bytes gathered before a write to the connection. */
    static final int CHUNK = 256 * 1024;

    /** Where the bytes go: the connection, from the worker's thread. */
    interface Sink {
        ByteBuf allocate(int capacity);

        /** Sends the head (first call) and one chunk, then waits until the connection can take more. */
        void send(NettyResponse head, ByteBuf chunk) throws IOException;
    }

    private final Sink sink;
    private final NettyResponse response;
    private ByteBuf buf;
    private boolean committed;

    BodyOutput(Sink sink, NettyResponse response) {
        this.sink = sink;
        this.response = response;
    }

    boolean committed() {
        return committed;
    }

    /** Drops what was gathered and not sent. */
    void discard() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    /** What was gathered and not sent yet (possibly empty); the caller owns it. */
    ByteBuf takeRest() {
        ByteBuf b = buf == null ? Unpooled.EMPTY_BUFFER : buf;
        buf = null;
        return b;
    }

    @Override
    public void write(int b) throws IOException {
        ensure().writeByte(b);
        if (!buf.isWritable()) {
            send();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            ByteBuf t = ensure();
            int n = Math.min(len, t.writableBytes());
            t.writeBytes(b, off, n);
            off += n;
            len -= n;
            if (!t.isWritable()) {
                send();
            }
        }
    }

    /** Sends what was gathered (commits the response). */
    @Override
    public void flush() throws IOException {
        if (buf != null && buf.readableBytes() > 0) {
            send();
        }
    }

    @Override
    public void close() {
        // the call's end is the transport's (Sink#finish): handlers may close their stream early
    }

    private ByteBuf ensure() {
        if (buf == null) {
            buf = sink.allocate(CHUNK);
        }
        return buf;
    }

    private void send() throws IOException {
        ByteBuf b = buf;
        buf = null;
        committed = true;
        sink.send(response, b);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setWriteListener(WriteListener l) {
        throw new UnsupportedOperationException("the data plane writes bodies blocking");
    }
}
