package net.aisj.web.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.web.DirectCalls;

/**
 * One client connection of the data plane. Each request is routed on the event loop by its request line and
 * headers: an object call of the data path ({@link DirectCalls#accepts}) is served by a blocking worker that reads
 * the body on demand ({@link BodyInput}) and writes the answer in chunks ({@link BodyOutput}); anything else goes
 * to the servlet container ({@link Handoff}). One exchange at a time: a pipelined request waits until the current one
 * is answered. The connection reads from its socket only when it wants bytes (auto-read is off). Event-loop state
 * is touched on the event loop only; the worker talks to it through the channel.
 */
final class ObjectConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ObjectConnection.class.getName());

    private enum Mode {
        IDLE,
        LOCAL,
        /** The call is answered; the rest of its body, which it did not read, is read and dropped. */
        DRAIN,
        HANDOFF
    }

    private final DirectCalls direct;
    private final Executor workers;
    private final InetSocketAddress servlet;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final Object writable = new Object();
    /** Counts wake-ups of a worker waiting to send (guarded by {@link #writable}). */
    private long wakeUps;

    private ChannelHandlerContext ctx;
    private Mode mode = Mode.IDLE;
    private BodyInput body;
    private boolean expectContinue;
    private Handoff handoff;

    /** TLS to the servlet listener when it speaks TLS (net.http.use_https), else null. */
    private final SslContext servletTls;

    ObjectConnection(DirectCalls direct, Executor workers, InetSocketAddress servlet, SslContext servletTls) {
        this.direct = direct;
        this.workers = workers;
        this.servlet = servlet;
        this.servletTls = servletTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!pending.isEmpty() || (mode != Mode.IDLE && msg instanceof HttpRequest)) {
            pending.add(msg);
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest r) {
            if (r.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                plain(
                        HttpResponseStatus.BAD_REQUEST,
                        "bad request: " + r.decoderResult().cause());
                return;
            }
            NettyRequest req = new NettyRequest(r, ctx.channel().remoteAddress());
            if (direct.accepts(req)) {
                local(r, req);
            } else {
                mode = Mode.HANDOFF;
                if (handoff == null) {
                    handoff = new Handoff(ctx.channel(), servlet, servletTls, this::exchangeOver);
                }
                handoff.start(r);
            }
        } else if (msg instanceof HttpContent c) {
            switch (mode) {
                case LOCAL -> body.offer(c.content(), c instanceof LastHttpContent);
                case HANDOFF -> handoff.content(c);
                case DRAIN -> {
                    c.release();
                    if (c instanceof LastHttpContent) {
                        exchangeOver();
                    }
                }
                default -> c.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void local(HttpRequest r, NettyRequest req) {
        mode = Mode.LOCAL;
        expectContinue = HttpUtil.is100ContinueExpected(r);
        Channel ch = ctx.channel();
        BodyInput in = new BodyInput(() -> ch.eventLoop().execute(this::moreBody));
        body = in;
        if (!HttpUtil.isTransferEncodingChunked(r) && HttpUtil.getContentLength(r, 0L) == 0) {
            in.offer(io.netty.buffer.Unpooled.EMPTY_BUFFER, true); // no body: its end need not be waited for
        }
        req.body(in);
        boolean keepAlive = HttpUtil.isKeepAlive(r);
        boolean head = r.method().equals(HttpMethod.HEAD);
        Exchange x = new Exchange(ch, keepAlive);
        NettyResponse resp = new NettyResponse(x);
        try {
            workers.execute(() -> x.run(req, resp, in, head));
        } catch (RejectedExecutionException e) {
            plain(HttpResponseStatus.SERVICE_UNAVAILABLE, "data plane stopping");
        }
    }

    /** The worker wants body bytes: answer a pending {@code Expect: 100-continue} first, then read. */
    private void moreBody() {
        if (mode != Mode.LOCAL) {
            return;
        }
        if (expectContinue) {
            expectContinue = false;
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        ctx.read();
    }

    /** The current exchange is answered: take the next request (pipelined or from the socket). */
    private void exchangeOver() {
        mode = Mode.IDLE;
        body = null;
        while (!pending.isEmpty()) {
            Object m = pending.peek();
            if (m instanceof HttpRequest && mode != Mode.IDLE) {
                return;
            }
            dispatch(pending.poll());
        }
        if (mode == Mode.IDLE) {
            ctx.read();
        } else if (mode == Mode.HANDOFF) {
            handoff.readComplete(); // what was queued went out with no read batch after it: push it now
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        switch (mode) {
            case IDLE, DRAIN -> ctx.read();
            case LOCAL -> {
                if (body != null && body.wantsRead()) {
                    ctx.read();
                }
            }
            case HANDOFF -> handoff.readComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        wakeSender();
        if (mode == Mode.HANDOFF) {
            handoff.frontWritable();
        }
    }

    /** Wakes a worker waiting for the connection to take more (writability changed, or the connection closed). */
    private void wakeSender() {
        synchronized (writable) {
            wakeUps++;
            writable.notifyAll();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.fail(new IOException("the client closed the connection"));
        }
        wakeSender();
        if (handoff != null) {
            handoff.close();
        }
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }

    /** A connection idle between requests for {@link DataPlane#IDLE_SECONDS} is closed (as the servlet listener does). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.handler.timeout.IdleStateEvent && mode == Mode.IDLE && pending.isEmpty()) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "data plane connection failed", cause);
        ctx.close();
    }

    /** What the servlet listener adds to every answer, so both listeners answer alike. */
    static void listenerHeaders(HttpHeaders h) {
        if (!h.contains(X_FRAME_OPTIONS)) {
            h.set(X_FRAME_OPTIONS, "SAMEORIGIN");
        }
    }

    private static final String X_FRAME_OPTIONS = "X-Frame-Options";

    private void plain(HttpResponseStatus status, String text) {
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, ctx.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    /** One served call, on its worker: runs the handler, sends its answer, hands the connection back. */
    private final class Exchange implements BodyOutput.Sink {
        private final Channel ch;
        private final boolean keepAlive;
        private volatile boolean committed;

        Exchange(Channel ch, boolean keepAlive) {
            this.ch = ch;
            this.keepAlive = keepAlive;
        }

        void run(NettyRequest req, NettyResponse resp, BodyInput in, boolean head) {
            try {
                direct.serve(req, resp);
                finish(resp, in, head);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "data plane call cut: " + req.getMethod() + " " + req.getRequestURI(), e);
                resp.body().discard();
                in.releaseAll();
                ch.close();
            }
        }

        @Override
        public ByteBuf allocate(int capacity) {
            return ch.alloc().buffer(capacity);
        }

        @Override
        public void send(NettyResponse head, ByteBuf chunk) throws IOException {
            if (!committed) {
                committed = true;
                DefaultHttpResponse r = new DefaultHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(head.getStatus()), head.headers());
                if (!r.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                    HttpUtil.setTransferEncodingChunked(r, true);
                }
                if (!keepAlive) {
                    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
                listenerHeaders(r.headers());
                ch.write(r);
            }
            ch.writeAndFlush(new DefaultHttpContent(chunk));
            synchronized (writable) {
                while (!ch.isWritable() && ch.isActive()) {
                    try {
                        writable.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while sending", e);
                    }
                }
            }
            if (!ch.isActive()) {
                throw new IOException("the client closed the connection");
            }
        }

        private void finish(NettyResponse resp, BodyInput in, boolean head) {
            ByteBuf rest = resp.body().takeRest();
            boolean close = !keepAlive;
            Object last;
            if (!committed) {
                HttpHeaders h = resp.headers();
                if (!h.contains(HttpHeaderNames.CONTENT_LENGTH) && !h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
                    h.set(HttpHeaderNames.CONTENT_LENGTH, head ? 0 : rest.readableBytes());
                }
                if (close) {
                    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
                listenerHeaders(h);
                DefaultFullHttpResponse r = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(resp.getStatus()), rest);
                r.headers().set(h);
                last = r;
            } else {
                last = new DefaultLastHttpContent(rest);
            }
            ch.writeAndFlush(last).addListener((ChannelFutureListener) f -> {
                in.releaseAll();
                if (close || !f.isSuccess()) {
                    ch.close();
                } else if (in.ended()) {
                    exchangeOver();
                } else if (expectContinue) {
                    ch.close(); // the client waits for a 100 that never came: its body will not follow
                } else {
                    // a body the call did not read (an error, a redirect): read it to its end, as a servlet
                    // container does; closing with unread bytes would reset the connection under the answer
                    mode = Mode.DRAIN;
                    body = null;
                    ctx.read();
                }
            });
        }
    }
}
