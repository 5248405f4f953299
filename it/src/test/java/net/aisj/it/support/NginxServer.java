package net.aisj.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx from Debian ({@code apt-get install nginx}) as the HTTP origin of the {@code ht://} tests: one process per
 * test JVM on a free loopback port, with its own prefix, config, logs and document root under the work dir (no
 * default site, nothing of the system's), started by the first caller and stopped by a shutdown hook. Requests are
 * counted on nginx's side, in its access log.
 */
public final class NginxServer implements AutoCloseable {

    /** The {@code X-Dl-Token} value that files under {@code /private/} require (else 403). */
    public static final String TOKEN = "let-me-in";

    private static final SharedFixture<NginxServer> SHARED = new SharedFixture<>(
            "nginx",
            () -> SharedFixture.startOrClose(
                    new NginxServer(ItEnv.workDir().resolve("nginx-" + ItEnv.randomHex(3)), Ports.freePort()),
                    NginxServer::start));

    private final Path dir;
    private final int port;
    private Process process;

    private NginxServer(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
    }

    /** The test JVM's nginx, started on first use. */
    public static NginxServer shared() {
        return SHARED.get();
    }

    private static String binary() {
        for (String p : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "nginx";
    }

    private void start() {
        try {
            for (String d : List.of("logs", "www", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi")) {
                Files.createDirectories(dir.resolve(d));
            }
            boolean root = "root".equals(System.getProperty("user.name"));
            String conf = String.join(
                    "\n",
                    "daemon off; master_process on; worker_processes 1;",
                    "pid " + dir.resolve("nginx.pid") + ";",
                    "error_log " + dir.resolve("logs/error.log") + " warn;",
                    // as root, workers would run as nobody, who may not reach the work dir
                    root ? "user root;" : "",
                    "events { worker_connections 256; }",
                    "http {",
                    "  access_log " + dir.resolve("logs/access.log") + ";",
                    "  client_body_temp_path " + dir.resolve("tmp/body") + "; proxy_temp_path "
                            + dir.resolve("tmp/proxy") + ";",
                    "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + "; uwsgi_temp_path "
                            + dir.resolve("tmp/uwsgi") + "; scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
                    "  types { application/octet-stream bin; text/plain txt; } default_type application/octet-stream;",
                    "  sendfile on;",
                    "  server {",
                    "    listen 127.0.0.1:" + port + "; root " + dir.resolve("www") + ";",
                    "    etag on; max_ranges 16; autoindex on; autoindex_format json;",
                    // files only a client sending the token header gets (downloads with AIS's "headers")
                    "    location /private/ { if ($http_x_dl_token != \"" + TOKEN + "\") { return 403; } }",
                    "  }",
                    "}",
                    "");
            Files.writeString(dir.resolve("nginx.conf"), conf);
            process = new ProcessBuilder(
                            binary(),
                            "-p",
                            dir.toString(),
                            "-e",
                            dir.resolve("logs/error.log").toString(),
                            "-c",
                            dir.resolve("nginx.conf").toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("logs/stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx (apt-get install -y nginx)", e);
        }
        HttpClient c =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Poll.until(Duration.ofSeconds(30), "nginx on port " + port + " answers", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + tail());
            }
            try {
                return c.send(
                                        HttpRequest.newBuilder(URI.create(url("/")))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                return false;
            }
        });
        System.out.println("[it] nginx on port " + port + " (pid " + process.pid() + ")");
    }

    /** {@code http://127.0.0.1:port} + {@code path} (which starts with {@code /}). */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Puts a file the origin serves at {@code path} ({@code /dir/name}). */
    public void put(String path, byte[] content) {
        Path f = dir.resolve("www").resolve(path.substring(1));
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many {@code method} requests for {@code path} nginx has logged so far. */
    public long requests(String method, String path) {
        String needle = "\"" + method + " " + path + " HTTP/";
        try {
            return Files.readAllLines(dir.resolve("logs/access.log"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains(needle))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        return ServerProcesses.tail(dir.resolve("logs/error.log"), 20);
    }

    @Override
    public synchronized void close() {
        ServerProcesses.stop(process);
    }
}
