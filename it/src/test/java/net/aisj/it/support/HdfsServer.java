package net.aisj.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * HDFS for the {@code hdfs://} tests: a MiniDFSCluster (one NameNode, one DataNode, all on 127.0.0.1) in the test JVM,
 * one per JVM, with its data under the work dir. Nodes reach its WebHDFS API through a small forwarding front of the
 * NameNode's HTTP port that counts {@code OPEN} calls per path (HDFS itself keeps no per-file request log); reads
 * are then redirected to the DataNode itself. "Killing" it stops the DataNode (cutting reads in flight) and the
 * front (calls are refused); starting again brings both back with the same data.
 */
public final class HdfsServer implements AutoCloseable {

    /** The directory whose subdirectories are the buckets. */
    public static final String ROOT = "/ais";

    private static final SharedFixture<HdfsServer> SHARED =
            new SharedFixture<>("hdfs", () -> SharedFixture.startOrClose(new HdfsServer(), HdfsServer::start));

    private final int frontPort = Ports.freePort();
    private final HttpClient forward = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, AtomicLong> opens = new ConcurrentHashMap<>();
    private MiniDFSCluster cluster;
    private MiniDFSCluster.DataNodeProperties stopped;
    private HttpServer front;
    private FileSystem fs;

    private HdfsServer() {}

    public static HdfsServer shared() {
        return SHARED.get();
    }

    private void start() {
        try {
            java.nio.file.Path base =
                    ItEnv.workDir().resolve("hdfs-" + ItEnv.randomHex(3)).toAbsolutePath();
            Files.createDirectories(base);
            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
            conf.set("dfs.datanode.address", "127.0.0.1:0");
            conf.set("dfs.datanode.http.address", "127.0.0.1:0");
            conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
            conf.set("dfs.namenode.http-address", "127.0.0.1:0");
            conf.set("dfs.datanode.hostname", "127.0.0.1");
            conf.setBoolean("dfs.permissions.enabled", false);
            // small listing batches, so the provider tests' directories are listed in several LISTSTATUS_BATCH calls
            conf.setInt("dfs.ls.limit", 16);
            cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
            fs = cluster.getFileSystem();
            fs.mkdirs(new org.apache.hadoop.fs.Path(ROOT));
            startFront();
            System.out.println("[it] hdfs: NameNode http "
                    + cluster.getNameNode().getHttpAddress() + ", front on port " + frontPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startFront() throws IOException {
        String nn = "http://127.0.0.1:" + cluster.getNameNode().getHttpAddress().getPort();
        front = HttpServer.create(new InetSocketAddress("127.0.0.1", frontPort), 64);
        front.setExecutor(Executors.newFixedThreadPool(8));
        front.createContext("/", ex -> relay(ex, nn));
        front.start();
    }

    private void relay(HttpExchange ex, String nn) throws IOException {
        URI u = ex.getRequestURI();
        String q = u.getRawQuery() == null ? "" : u.getRawQuery();
        if (ex.getRequestMethod().equals("GET") && q.contains("op=OPEN")) {
            opens.computeIfAbsent(u.getPath().substring("/webhdfs/v1".length()), k -> new AtomicLong())
                    .incrementAndGet();
        }
        try (ex;
                InputStream reqBody = ex.getRequestBody()) {
            byte[] body = reqBody.readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(
                            URI.create(nn + u.getRawPath() + (q.isEmpty() ? "" : "?" + q)))
                    .method(
                            ex.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<InputStream> r = forward.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            for (String h : List.of("Location", "Content-Type")) {
                r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
            }
            long len = r.headers().firstValueAsLong("Content-Length").orElse(0);
            ex.sendResponseHeaders(r.statusCode(), len == 0 ? -1 : len);
            try (InputStream in = r.body();
                    OutputStream out = ex.getResponseBody()) {
                in.transferTo(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a node needs to reach it. */
    public Map<String, String> nodeEnv() {
        return Map.of(
                "AIS_HDFS_URL", endpoint(), "AIS_HDFS_ROOT", ROOT, "AIS_HDFS_USER", System.getProperty("user.name"));
    }

    /** The WebHDFS endpoint nodes use (the counting front). */
    public String endpoint() {
        return "http://127.0.0.1:" + frontPort;
    }

    /** The cluster's file system (direct access, not counted). */
    public FileSystem fs() {
        return fs;
    }

    /** How many WebHDFS OPENs of {@code ROOT/bucket/name} the nodes made. */
    public long opens(String bucket, String name) {
        AtomicLong n = opens.get(ROOT + "/" + bucket + "/" + name);
        return n == null ? 0 : n.get();
    }

    /** Stops the DataNode (reads in flight are cut) and the front (calls are refused). */
    public synchronized void kill() {
        front.stop(0);
        stopped = cluster.stopDataNode(0);
    }

    /** Brings the DataNode (same ports, same data) and the front back. */
    public synchronized void restart() {
        try {
            if (stopped != null) {
                cluster.restartDataNode(stopped, true);
                cluster.waitActive();
                stopped = null;
            }
            startFront();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (front != null) {
            front.stop(0);
        }
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }
}
