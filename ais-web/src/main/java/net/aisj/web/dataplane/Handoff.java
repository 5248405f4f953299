package net.aisj.web.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the requests the data plane does not serve itself to the servlet container's own listener over loopback,
 * unchanged (request line, headers, body), and streams its answer back: one keep-alive backend connection per client
 * connection, opened on first use on the client connection's event loop, flow-controlled both ways (each side reads
 * only while the other can take more). Runs on the event loop only; not thread-safe.
 *
 * <p>Why a loopback hop and not an in-process call: the JAX-RS application, its servlet filters and the console's
 * web app are reached through the servlet container's request pipeline, which has no supported entry point for a
 * request that did not arrive on one of its listeners; a loopback hop keeps every control call exactly as it is
 * today, for one extra local connection per client connection and one copy of the bytes (control calls are small;
 * object bytes never take this path).
 */
final class Handoff {

    private final Channel front;
    private final InetSocketAddress servlet;
    private final SslContext servletTls;
    private final Runnable done;
    private final ArrayDeque<Object> unsent = new ArrayDeque<>();
    private Channel back;
    private boolean connected;
    private boolean requestDone;
    private boolean responseDone;
    private boolean informational;
    private boolean closeAfter;
    private boolean backClosing;
    private boolean finishing;

    /**
     * @param servletTls TLS to the servlet listener when it speaks TLS ({@code net.http.use_https}: trusting exactly
     *                   the node's own certificate), else null
     * @param done run on the event loop when the exchange is over and the client connection may read its next
     *             request
     */
    Handoff(Channel front, InetSocketAddress servlet, SslContext servletTls, Runnable done) {
        this.front = front;
        this.servlet = servlet;
        this.servletTls = servletTls;
        this.done = done;
    }

    /** A new request to hand off (the previous exchange is over). */
    void start(HttpRequest r) {
        requestDone = false;
        responseDone = false;
        closeAfter = !HttpUtil.isKeepAlive(r);
        declineUpgrade(r.headers());
        HopRewrite.apply(r);
        if (back == null || !back.isOpen()) {
            connected = false;
            connect();
        }
        send(r);
        if (connected) {
            back.read();
        }
        front.read();
    }

    /**
     * The data plane speaks HTTP/1.1 only: an offer to switch protocols ({@code Upgrade: h2c}, as Java's
     * {@code HttpClient} sends by default) is declined by not passing it on, as RFC 9110 lets a server do. Passed on,
     * the servlet listener would accept it and answer in HTTP/2 frames this hop cannot relay.
     */
    static void declineUpgrade(HttpHeaders h) {
        if (!h.contains(HttpHeaderNames.UPGRADE)) {
            return;
        }
        h.remove(HttpHeaderNames.UPGRADE);
        h.remove(HTTP2_SETTINGS);
        List<String> kept = new ArrayList<>();
        for (String v : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : v.split(",")) {
                String t = token.trim();
                if (!t.isEmpty()
                        && !t.equalsIgnoreCase(HttpHeaderNames.UPGRADE.toString())
                        && !t.equalsIgnoreCase(HTTP2_SETTINGS)) {
                    kept.add(t);
                }
            }
        }
        h.remove(HttpHeaderNames.CONNECTION);
        if (!kept.isEmpty()) {
            h.set(HttpHeaderNames.CONNECTION, String.join(", ", kept));
        }
    }

    private static final String HTTP2_SETTINGS = "HTTP2-Settings";

    /** A piece of the current request's body. */
    void content(HttpContent c) {
        if (c instanceof LastHttpContent) {
            requestDone = true;
        }
        send(c);
    }

    /** The client connection's read batch ended: push what was written, read on while the backend can take it. */
    void readComplete() {
        if (connected) {
            back.flush();
        }
        if (!requestDone && (!connected || back.isWritable())) {
            front.read();
        }
    }

    /** The client connection can take more of the answer. */
    void frontWritable() {
        if (connected && !responseDone && front.isWritable()) {
            back.read();
        }
    }

    /** The client connection is gone. */
    void close() {
        if (back != null) {
            back.close();
        }
        unsent.forEach(ReferenceCountUtil::release);
        unsent.clear();
    }

    private void send(Object m) {
        if (connected) {
            // a request's end is flushed at once: it may come from the client connection's queue of requests that
            // arrived during the previous exchange, with no read batch (and so no readComplete flush) after it
            if (m instanceof LastHttpContent) {
                back.writeAndFlush(m);
            } else {
                back.write(m);
            }
        } else {
            unsent.add(m);
        }
    }

    private void connect() {
        Bootstrap b = new Bootstrap()
                .group(front.eventLoop())
                .channel(DataPlane.clientChannelType(front))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (servletTls != null) {
                            ch.pipeline()
                                    .addLast(servletTls.newHandler(
                                            ch.alloc(), servlet.getHostString(), servlet.getPort()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(65536, 65536, 65536), new Back());
                    }
                });
        ChannelFuture f = b.connect(servlet);
        back = f.channel();
        f.addListener((ChannelFutureListener) cf -> {
            if (!cf.isSuccess()) {
                back = null;
                unsent.forEach(ReferenceCountUtil::release);
                unsent.clear();
                front.close();
                return;
            }
            connected = true;
            for (Object m; (m = unsent.poll()) != null; ) {
                back.write(m);
            }
            back.flush();
            back.read();
            if (!requestDone && back.isWritable()) {
                front.read();
            }
        });
    }

    private void exchangeOver() {
        if (backClosing && back != null) {
            back.close();
            back = null;
            connected = false;
        }
        backClosing = false;
        if (closeAfter || !requestDone) {
            front.close();
            return;
        }
        if (back != null) {
            back.read(); // an idle read: notices when the servlet listener closes the idle connection
        }
        done.run();
    }

    /** The backend connection's side: answers go to the client connection as they come. */
    private final class Back extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpObject)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpResponse r) {
                // the data plane names no server: answers on its port look alike whoever served them
                r.headers().remove(HttpHeaderNames.SERVER);
                informational = r.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
                if (!informational && !HttpUtil.isKeepAlive(r) && !closeAfter) {
                    // the servlet listener ends its connection (its keep-alive limit): the client's need not end
                    backClosing = true;
                    r.headers().remove(HttpHeaderNames.CONNECTION);
                }
            }
            boolean last = msg instanceof LastHttpContent && !informational;
            front.write(msg);
            if (last) {
                responseDone = true;
                finishing = true;
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            front.flush();
            if (finishing) {
                finishing = false;
                exchangeOver();
            } else if (!responseDone && front.isWritable()) {
                ctx.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !requestDone) {
                front.read();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != back) {
                return; // a connection already replaced
            }
            connected = false;
            back = null;
            if (!responseDone) {
                front.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
