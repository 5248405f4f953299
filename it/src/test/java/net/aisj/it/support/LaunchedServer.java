package net.aisj.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend test server the harness runs as a process of its own (s3proxy, Azurite, the GCS emulator): one per test
 * JVM on a loopback port chosen once, its output appended to {@code <name>.log} in its directory (the tests count
 * the requests it logged there), started again on the same port after a {@link #kill}. Subclasses give the command
 * line and a readiness probe. {@link #start}, {@link #kill} and {@link #close} are synchronized.
 */
abstract class LaunchedServer implements AutoCloseable {

    protected final Path dir;
    protected final int port;
    private final String name;
    private Process process;
    private int launches;

    protected LaunchedServer(String name, Path dir, int port) {
        this.name = name;
        this.dir = dir.toAbsolutePath();
        this.port = port;
    }

    /** The command to run (the working directory, {@code TMPDIR} and the log are set by {@link #start}). */
    protected abstract ProcessBuilder command() throws IOException;

    /** Returns once the server answers a real call; throws while it does not. */
    protected abstract void probe();

    /** Starts (again) on the same port; returns once {@link #probe} passes. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dir.resolve("tmp"));
            ProcessBuilder pb = command()
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            pb.environment().put("TMPDIR", dir.resolve("tmp").toString());
            launches++;
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Poll.until(Duration.ofSeconds(60), name + " on port " + port + " answers", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited: " + ServerProcesses.tail(log(), 30));
            }
            try {
                probe();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
        System.out.println(
                "[it] " + name + " launch #" + launches + " on port " + port + " (pid " + process.pid() + ")");
    }

    /** Kills the process (SIGKILL): the backend vanishes mid-call. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    protected String hostUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected Path log() {
        return dir.resolve(name + ".log");
    }

    /**
     * The requests logged so far (all launches), counted per key: every log line {@code request} finds is given to
     * {@code key}, which names what it asked for (null to skip the line).
     */
    protected Map<String, Long> logged(Pattern request, Function<Matcher, String> key) {
        Map<String, Long> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(log(), StandardCharsets.UTF_8)) {
                Matcher m = request.matcher(line);
                String k = m.find() ? key.apply(m) : null;
                if (k != null) {
                    out.merge(k, 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code s} with its %-escapes decoded (a name as a request line carries it). */
    protected static String decoded(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        ServerProcesses.stop(process);
    }
}
