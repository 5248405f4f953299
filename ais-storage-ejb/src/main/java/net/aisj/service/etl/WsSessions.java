package net.aisj.service.etl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * AIS's {@code ws://} communicator to one transformer: WebSocket sessions to {@code ws://<transformer>/ws}, one
 * object at a time per session (a session's order of messages is the only correlation key, as in AIS), kept for
 * reuse while idle. Per object the node sends a binary control message ({@code {"path":<object name>,
 * "fqn":..,"etl_args":..,"pipeline":..}}, empty fields left out) and then, unless {@code fqn} names the object's
 * local file, the object's bytes as one binary message sent in fragments; the answer is one binary message (the transformed bytes, streamed
 * to the caller as its fragments arrive, with flow control) or one text message (delivered by direct put; a text
 * that starts with {@code Transform error} or {@code Invalid pipeline} is the transformer's error: AIS's target
 * counts those as delivered too, we report them). Thread-safe.
 */
final class WsSessions {

    /** The bytes of one outgoing fragment. */
    static final int FRAGMENT = 256 * 1024;

    static final int MAX_IDLE = 16;

    /** The answer to one object: {@code bytes} to stream, or else the {@code text} the transformer sent. */
    record Reply(InputStream bytes, String text) {}

    private final HttpClient http;
    private final URI uri;
    private final Deque<Session> idle = new ArrayDeque<>();

    WsSessions(HttpClient http, URI base) {
        this.http = http;
        this.uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws");
    }

    /**
     * Sends one object ({@code body} null: the control message names its file) and waits for the start of its
     * answer; a byte answer holds its session until it is read to
     * its end (or closed: then the session is dropped).
     *
     * @throws IOException          the session failed or the transformer closed it
     * @throws TimeoutException     no answer within {@code timeout} (the session is dropped)
     * @throws InterruptedException interrupted (the session is dropped)
     */
    Reply exchange(String control, InputStream body, long length, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        Session s = take(timeout);
        boolean handedOver = false;
        try {
            s.send(ByteBuffer.wrap(control.getBytes(StandardCharsets.UTF_8)), true, timeout);
            if (body != null) {
                sendBytes(s, body, length, timeout);
            }
            Object first = s.next(timeout);
            if (first instanceof String text) {
                s.ready();
                release(s);
                handedOver = true;
                return new Reply(null, text);
            }
            handedOver = true;
            return new Reply(new Answer(s, (Chunk) first, timeout), null);
        } finally {
            if (!handedOver) {
                s.drop();
            }
        }
    }

    /** The object's bytes as one binary message, in fragments. */
    private static void sendBytes(Session s, InputStream body, long length, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        byte[] buf = new byte[(int) Math.min(FRAGMENT, Math.max(1, length))];
        long left = length;
        do {
            int n = left <= 0 ? 0 : body.readNBytes(buf, 0, (int) Math.min(buf.length, left));
            if (left > 0 && n == 0) {
                throw new IOException("the object ended " + left + " bytes short of its size");
            }
            left -= n;
            s.send(ByteBuffer.wrap(buf, 0, n), left <= 0, timeout);
        } while (left > 0);
    }

    /** Closes the idle sessions (the transformer stops or restarts). */
    void closeIdle() {
        synchronized (idle) {
            idle.forEach(Session::drop);
            idle.clear();
        }
    }

    private Session take(Duration timeout) throws IOException, TimeoutException, InterruptedException {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                Session s = idle.pollLast();
                if (s.usable()) {
                    return s;
                }
                s.drop();
            }
        }
        Session s = new Session();
        try {
            s.ws = http.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(uri, s)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot open " + uri + ": " + Transformer.reason(e.getCause()), e.getCause());
        }
        return s;
    }

    private void release(Session s) {
        synchronized (idle) {
            if (s.usable() && idle.size() < MAX_IDLE) {
                idle.addLast(s);
                return;
            }
        }
        s.drop();
    }

    /** One fragment of a binary answer. */
    private record Chunk(ByteBuffer data, boolean last) {}

    /** One session: what the listener received, in order, for the caller to take. */
    private static final class Session implements WebSocket.Listener {
        private final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private volatile WebSocket ws;
        private volatile boolean broken;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            inbound.add(new Chunk(copy, last)); // the next fragment is requested when this one was read
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                inbound.add(text.toString());
                text.setLength(0);
            } else {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            broken = true;
            inbound.add(new IOException("the transformer closed its WebSocket (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            broken = true;
            inbound.add(new IOException("WebSocket to the transformer failed: " + Transformer.reason(error), error));
        }

        void send(ByteBuffer b, boolean last, Duration timeout)
                throws IOException, TimeoutException, InterruptedException {
            try {
                ws.sendBinary(b, last).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                broken = true;
                throw new IOException("sending to the transformer: " + Transformer.reason(e.getCause()), e.getCause());
            }
        }

        /** The next message or fragment: a {@link Chunk} or a {@code String}. */
        Object next(Duration timeout) throws IOException, TimeoutException, InterruptedException {
            Object o = inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (o == null) {
                throw new TimeoutException();
            }
            if (o instanceof IOException e) {
                throw e;
            }
            return o;
        }

        /** Lets the next message or fragment in. */
        void ready() {
            ws.request(1);
        }

        boolean usable() {
            WebSocket w = ws;
            return !broken && w != null && !w.isInputClosed() && !w.isOutputClosed() && inbound.isEmpty();
        }

        void drop() {
            broken = true;
            WebSocket w = ws;
            if (w != null) {
                w.abort();
            }
        }
    }

    /** A binary answer as a stream: fragments are let in one at a time as the caller reads. */
    private final class Answer extends InputStream {
        private final Session s;
        private final Duration timeout;
        private Chunk cur;
        private boolean done;

        Answer(Session s, Chunk first, Duration timeout) {
            this.s = s;
            this.cur = first;
            this.timeout = timeout;
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
            if (done) {
                return -1;
            }
            while (!cur.data().hasRemaining()) {
                if (cur.last()) {
                    finish();
                    return -1;
                }
                s.ready();
                try {
                    Object o = s.next(timeout);
                    if (!(o instanceof Chunk c)) {
                        throw new IOException("the transformer sent a text message inside a binary answer");
                    }
                    cur = c;
                } catch (TimeoutException e) {
                    throw new IOException("the transformer's answer stalled for " + timeout.toMillis() + " ms", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted reading the transformer's answer", e);
                }
            }
            int n = Math.min(len, cur.data().remaining());
            cur.data().get(b, off, n);
            if (!cur.data().hasRemaining() && cur.last()) {
                finish();
            }
            return n;
        }

        /** The whole answer was read: the session takes the next object. */
        private void finish() {
            done = true;
            s.ready();
            release(s);
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                s.drop(); // the rest of this answer would arrive as the next object's
            }
        }
    }
}
