package net.aisj.it.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The servers a benchmark run starts: nginx (static GET, DAV PUT) and s3proxy (filesystem backend) as separate
 * processes in their own directories on loopback ports. Everything started is registered here and stopped, newest
 * first, by {@link #close()}, which a JVM shutdown hook also calls (Ctrl-C, failures). Stops only the processes it
 * started, by their handles.
 */
final class Services implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Thread hook = new Thread(this::closeQuietly, "bench-cleanup");

    Services() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers {@code c} to be closed at the end. */
    synchronized <T extends AutoCloseable> T add(T c) {
        started.push(c);
        return c;
    }

    /**
     * Starts {@code nginx} (Debian's, from PATH) in the foreground with its own config under {@code dir}: root
     * {@code dir/root}, {@code sendfile on}, DAV PUT, no body size limit, no access log. Returns its port.
     */
    int startNginx(Path dir, int port) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                daemon off;
                master_process on;
                worker_processes 2;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    keepalive_timeout 120s;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    default_type application/octet-stream;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                        client_max_body_size 0;
                        client_body_buffer_size 1m;
                        dav_methods PUT DELETE MKCOL;
                        create_full_put_path on;
                        dav_access user:rw group:r all:r;
                    }
                }
                """.formatted(dir, port, root);
        Path cf = dir.resolve("nginx.conf");
        Files.writeString(cf, conf, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(
                        "nginx",
                        "-p",
                        dir.toString(),
                        "-c",
                        cf.toString(),
                        "-e",
                        dir.resolve("error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        add(() -> stop(p, "nginx"));
        awaitPort(p, port, 30, dir.resolve("error.log"));
        return port;
    }

    /**
     * Starts s3proxy from its jar-with-dependencies with the jclouds filesystem backend under {@code dir/data},
     * SigV4 (and V2) authentication with the given key.
     */
    int startS3Proxy(Path jar, Path dir, int port, String accessKey, String secretKey) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(
                props,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + accessKey,
                        "s3proxy.credential=" + secretKey,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + dir.resolve("data"),
                        ""),
                StandardCharsets.UTF_8);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Djava.io.tmpdir=" + dir,
                        "-jar",
                        jar.toString(),
                        "--properties",
                        props.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        add(() -> stop(p, "s3proxy"));
        awaitPort(p, port, 90, dir.resolve("s3proxy.log"));
        return port;
    }

    /** Waits until something accepts on {@code port}; fails with the log's tail when the process died. */
    static void awaitPort(Process p, int port, int seconds, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("process exited (" + p.exitValue() + "); " + log + ":\n" + tail(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                sleep(200);
            }
        }
        throw new IOException("nothing listens on " + port + " after " + seconds + " s; " + log + ":\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> l = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", l.subList(Math.max(0, l.size() - 20), l.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** SIGTERM, then SIGKILL after 15 s: the process and any children it left. */
    static void stop(Process p, String what) {
        if (!p.isAlive()) {
            return;
        }
        List<ProcessHandle> kids = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                System.out.println("[bench] " + what + " ignored SIGTERM; killing it");
                p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        kids.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void closeQuietly() {
        while (true) {
            AutoCloseable c;
            synchronized (this) {
                c = started.poll();
            }
            if (c == null) {
                return;
            }
            try {
                c.close();
            } catch (Exception e) {
                System.out.println("[bench] cleanup: " + e);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs
        }
    }
}
