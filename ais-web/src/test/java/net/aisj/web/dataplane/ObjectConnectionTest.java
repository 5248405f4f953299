package net.aisj.web.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.aisj.web.DirectCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plane's connection handling on a real socket, with a stand-in for the object handlers (paths under
 * {@code /obj/}: GET answers {@code n} bytes, PUT echoes the body's length and a sum of its bytes) and a real HTTP
 * server (the JDK's) as the servlet listener that everything else is handed to.
 */
class ObjectConnectionTest {

    static EventLoopGroup group;
    static ExecutorService workers;
    static HttpServer servlet;
    static Channel server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Serves {@code /obj/<n>}: GET streams n pseudo-random bytes, PUT answers "length:sum" of the body. */
    static final class Objects extends DirectCalls {
        @Override
        public boolean accepts(HttpServletRequest req) {
            return req.getRequestURI().startsWith("/obj/");
        }

        @Override
        public long serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getRequestURI().equals("/obj/elsewhere")) {
                resp.setStatus(307); // answers without reading the body, as a redirect to the owner does
                resp.setHeader("Location", "http://127.0.0.1:1/obj/elsewhere");
                resp.setContentLength(0);
                return 0;
            }
            if (req.getMethod().equals("PUT")) {
                long n = 0;
                long sum = 0;
                byte[] buf = new byte[8192];
                InputStream in = req.getInputStream();
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                    for (int i = 0; i < r; i++) {
                        sum += buf[i] & 0xff;
                    }
                }
                byte[] b = (n + ":" + sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                resp.setStatus(201);
                resp.setContentLength(b.length);
                resp.getOutputStream().write(b);
                return n;
            }
            int n = Integer.parseInt(req.getRequestURI().substring(5));
            resp.setHeader("X-Size", Integer.toString(n));
            OutputStream out = resp.getOutputStream();
            byte[] data = bytes(n);
            for (int off = 0; off < n; off += 1000) {
                out.write(data, off, Math.min(1000, n - off));
            }
            return n;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        servlet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        servlet.createContext("/", x -> {
            byte[] in = x.getRequestBody().readAllBytes();
            byte[] b = ("servlet " + x.getRequestMethod() + " " + x.getRequestURI() + " " + in.length)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            x.getResponseHeaders().add("Server", "the container");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        servlet.start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = Executors.newFixedThreadPool(4);
        Objects objects = new Objects();
        InetSocketAddress backend =
                new InetSocketAddress("127.0.0.1", servlet.getAddress().getPort());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec(), new ObjectConnection(objects, workers, backend, null));
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
        base = "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
        workers.shutdownNow();
        servlet.stop(0);
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    @Test
    void smallAndStreamedAnswersArriveWhole() throws Exception {
        for (int n : new int[] {0, 10, BodyOutput.CHUNK, BodyOutput.CHUNK + 1, 3_000_000}) {
            HttpResponse<byte[]> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/obj/" + n)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Size")).hasValue(Integer.toString(n));
            assertThat(Arrays.equals(r.body(), bytes(n)))
                    .as("body of %d bytes", n)
                    .isTrue();
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        }
    }

    @Test
    void putBodiesAreReadOnDemandWithAndWithoutExpectContinue() throws Exception {
        byte[] body = bytes(1_500_000);
        long sum = 0;
        for (byte x : body) {
            sum += x & 0xff;
        }
        for (boolean expect : new boolean[] {false, true}) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/obj/put"))
                            .expectContinue(expect)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.body()).isEqualTo(body.length + ":" + sum);
        }
    }

    @Test
    void anUnreadBodyIsDrainedAndTheConnectionKept() throws Exception {
        HttpClient noRedirects = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = noRedirects.send(
                    HttpRequest.newBuilder(URI.create(base + "/obj/elsewhere"))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(2_000_000)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(307);
            assertThat(r.headers().firstValue("Connection")).isEmpty();
            HttpResponse<byte[]> o = noRedirects.send(
                    HttpRequest.newBuilder(URI.create(base + "/obj/10")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(o.body()).isEqualTo(bytes(10));
        }
    }

    @Test
    void otherCallsAreHandedOffOnTheSameKeptConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/buckets?x=" + i))
                            .method("POST", HttpRequest.BodyPublishers.ofString("abc"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("servlet POST /v1/buckets?x=" + i + " 3");
            assertThat(r.headers().firstValue("Server")).isEmpty();
            HttpResponse<byte[]> o = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/obj/100")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(o.body()).isEqualTo(bytes(100));
        }
    }
}
