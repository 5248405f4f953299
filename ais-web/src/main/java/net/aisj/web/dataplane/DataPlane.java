package net.aisj.web.dataplane;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.WorkLane;
import net.aisj.core.AisException;
import net.aisj.service.LocalNode;
import net.aisj.service.NodeConfig;
import net.aisj.service.TlsSettings;
import net.aisj.web.DirectCalls;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts and stops the data-plane listener ({@code ais.dataplane.enabled}, port {@code ais.dataplane.port}, on the
 * node's HTTP address). Its event loops ({@code ais.dataplane.loops}, default one per core) and blocking workers
 * ({@code ais.dataplane.workers}) are long-lived Work on the storage adapter's WorkManager (lanes
 * {@code dataplane-loops}, {@code dataplane-workers}), each wrapped once in the application's context. Native epoll
 * where Netty has it for this machine, else NIO. While the listener is on, the cluster map publishes its URL as the
 * node's public URL ({@link NodeConfig#publicUrl()}). With {@code net.http.use_https} ({@link TlsSettings}) it
 * speaks TLS only, with the node's PEM certificate, and its hand-off reaches the servlet listener over TLS when that
 * listener is public too ({@link NodeConfig#servletTls()}), in plain HTTP on loopback when it is the internal one.
 * Thread-safe.
 */
@ApplicationScoped
public class DataPlane {

    private static final Logger LOG = Logger.getLogger(DataPlane.class.getName());

    /** A client connection with no request for this long is closed (the servlet listener's keep-alive: 30 s). */
    static final int IDLE_SECONDS = 60;

    @Inject
    NodeConfig config;

    @Inject
    LocalNode local;

    @Inject
    TlsSettings tls;

    @Inject
    DirectCalls direct;

    @Resource
    ContextService context;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "ais.dataplane.loops", defaultValue = "0")
    int loopsSetting;

    @Inject
    @ConfigProperty(name = "ais.dataplane.workers", defaultValue = "32")
    int workers;

    private EventLoopGroup group;
    private WorkerPool pool;
    private Channel server;
    private volatile boolean stopped;
    private volatile ServerTls serverTls;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (config.dataPlaneEnabled()) {
            tryStart();
        }
    }

    /** Starts once the node has opened its storage (the adapter's lanes come from its connection). */
    private synchronized void tryStart() {
        if (stopped || server != null) {
            return;
        }
        WorkLane loopLane;
        WorkLane workerLane;
        int loops = loopsSetting > 0 ? loopsSetting : Runtime.getRuntime().availableProcessors();
        try (StorageConnection c = local.connection()) {
            loopLane = c.workLane("dataplane-loops", loops);
            workerLane = c.workLane("dataplane-workers", workers);
        } catch (AisException | net.aisj.connector.api.StorageException e) {
            scheduler.schedule(this::tryStart, 200, TimeUnit.MILLISECONDS);
            return;
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Executor loopExecutor = r -> loopLane.execute(context.contextualRunnable(r));
        group = new MultiThreadIoEventLoopGroup(loops, loopExecutor, io);
        pool = new WorkerPool(workerLane, workers, context::contextualRunnable);
        InetSocketAddress servlet = new InetSocketAddress(servletHost(), config.httpPort());
        ServerTls publicTls = tls.enabled() ? new ServerTls(tls) : null;
        serverTls = publicTls;
        if (publicTls != null && tls.clientAuth() > 0 && config.servletTls()) {
            LOG.warning("net.http.client_auth_tls applies to the data plane's port only: Payara's own public listener"
                    + " (two listeners) does not ask for client certificates");
        }
        SslContext servletTls = config.servletTls() ? servletTls() : null;
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (publicTls != null) {
                            ch.pipeline().addLast(publicTls.current().newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast(
                                        new IdleStateHandler(0, 0, IDLE_SECONDS),
                                        new HttpServerCodec(65536, 65536, 65536),
                                        new ObjectConnection(direct, pool, servlet, servletTls));
                    }
                });
        try {
            server = b.bind(config.httpAddress(), config.dataPlanePort()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the data plane", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "data plane cannot listen on port " + config.dataPlanePort(), e);
            stopNow();
            throw new IllegalStateException("data plane cannot listen on port " + config.dataPlanePort(), e);
        }
        LOG.info(() -> "data plane listening on " + config.publicUrl() + " (" + (epoll ? "epoll" : "nio") + ", " + loops
                + " event loops, " + workers + " workers); other calls go to " + config.servletUrl());
    }

    /**
     * Reads the TLS certificate and key files again (AIS's {@code load-x509}); new connections get them.
     *
     * @return what was loaded (subject, serial, validity)
     * @throws IllegalStateException TLS is off, the data plane is not running, or the files are unusable
     */
    public String reloadTls() {
        ServerTls t = serverTls;
        if (t == null) {
            throw new IllegalStateException("TLS is not served by this node's data plane (net.http.use_https off,"
                    + " or the data plane disabled)");
        }
        return t.reload();
    }

    /**
     * The hand-off's TLS to the servlet listener on loopback, which presents the same certificate: exactly that
     * chain is trusted (no host name check: the address is the node's own).
     */
    private SslContext servletTls() {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(tls.material().chain())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(
                    "data plane: cannot build the hand-off's TLS context: " + e.getMessage(), e);
        }
    }

    private String servletHost() {
        return config.servletHost();
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        stopNow();
    }

    private void stopNow() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        if (pool != null) {
            pool.stop();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The client channel type that matches a server channel's transport (for the hand-off's connections). */
    static Class<? extends Channel> clientChannelType(Channel front) {
        return front instanceof io.netty.channel.epoll.EpollSocketChannel
                ? EpollSocketChannel.class
                : NioSocketChannel.class;
    }
}
