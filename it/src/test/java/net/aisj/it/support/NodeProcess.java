package net.aisj.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One AIS node: a Payara Micro JVM started from the uber-jar on loopback, with its own mountpaths,
 * HTTP port, Hazelcast port and cluster name (so that nodes of different tests never join).
 * Started ready: the constructor returns when {@code GET /v1/health} answers 200.
 */
public final class NodeProcess implements AutoCloseable {

    /**
     * How long a node may take to become healthy: 180 s, or {@code -Dais.it.start.timeout.s=<seconds>} (alias
     * {@code ais.it.start.timeout}; the benchmark uses 420 on a loaded machine).
     */
    public static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.getLong("ais.it.start.timeout.s", Long.getLong("ais.it.start.timeout", 180)));

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path dir;
    private final List<Path> mountpaths;
    private final List<String> jvmArgs;
    private final int port;
    /**
     * The data-plane listener's own port when the JVM arguments give one ({@code -Dais.dataplane.port=N}: two
     * listeners, Payara's on {@link #port}); 0 when the data plane holds {@link #port} itself (the uber-jar's default:
     * one URL per node, Payara's listener on a loopback port of the node's choosing).
     */
    private final int dataPort;
    /**
     * The node runs the data-plane listener (the uber-jar's default): unless its JVM arguments say
     * {@code -Dais.dataplane.enabled=false} or the test JVM runs with {@code -Dais.it.dataplane=false} (the whole
     * suite on the servlet listener, as the EAR on Payara Server serves it).
     */
    private final boolean dataPlane;

    private final int hzPort;
    private final String clusterName;
    private final List<Integer> memberHzPorts;
    private final Path logFile;
    private HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    /** Set when the node runs with TLS ({@link #withTls}): its URLs are {@code https}. */
    private javax.net.ssl.SSLContext tls;

    private Process process;
    private int starts;
    private List<String> launchPrefix = List.of();
    private String host = "127.0.0.1";
    private List<String> memberHosts;

    /**
     * Starts a node named {@code name} with {@code mountpathCount} fresh mountpath directories under
     * {@code <ais.it.workdir>/<name>-<random>/}.
     */
    public static NodeProcess start(String name, int mountpathCount, String... jvmArgs) {
        NodeProcess n = prepare(name, mountpathCount, null, jvmArgs);
        n.launch();
        return n;
    }

    /**
     * How a node of a multi-node cluster finds the others: its own Hazelcast port, the Hazelcast ports of every node
     * the cluster will ever have (itself included; all on 127.0.0.1) and the cluster name they share.
     */
    public record Membership(int hzPort, List<Integer> memberHzPorts, String clusterName) {
        public Membership {
            memberHzPorts = List.copyOf(memberHzPorts);
            if (!memberHzPorts.contains(hzPort)) {
                throw new IllegalArgumentException(
                        "member list " + memberHzPorts + " lacks the node's own port " + hzPort);
            }
        }
    }

    /**
     * Like {@link #start} but with a planned cluster membership ({@code null}: a cluster of its own, as in
     * {@link #start}) and without launching: call {@link #spawn()} and {@link #awaitReady()} (or {@link #restart()}).
     * For nodes that must start at the same moment.
     */
    public static NodeProcess prepare(String name, int mountpathCount, Membership membership, String... jvmArgs) {
        if (mountpathCount < 1) {
            throw new IllegalArgumentException("mountpathCount < 1");
        }
        String unique = name + "-" + ItEnv.randomHex(3);
        Path dir = ItEnv.workDir().resolve(unique);
        List<Path> mps = new ArrayList<>();
        for (int i = 1; i <= mountpathCount; i++) {
            mps.add(dir.resolve("mp" + i));
        }
        return new NodeProcess(unique, dir, mps, List.of(jvmArgs), membership);
    }

    private NodeProcess(String name, Path dir, List<Path> mountpaths, List<String> jvmArgs, Membership membership) {
        this.name = name;
        this.dir = dir;
        this.mountpaths = List.copyOf(mountpaths);
        this.dataPlane = jvmArgs.contains("-Dais.dataplane.enabled=true")
                || (dataPlaneDefault() && !jvmArgs.contains("-Dais.dataplane.enabled=false"));
        List<String> args = new ArrayList<>(jvmArgs);
        String setting = "-Dais.dataplane.enabled=" + dataPlane;
        if (!args.contains(setting)) {
            args.add(setting); // said explicitly either way: the jar's own default does not decide what is tested
        }
        this.jvmArgs = List.copyOf(args);
        this.port = Ports.freePort();
        this.dataPort = jvmArgs.stream()
                .filter(a -> a.startsWith("-Dais.dataplane.port="))
                .map(a -> Integer.parseInt(a.substring("-Dais.dataplane.port=".length())))
                .findFirst()
                .orElse(0);
        if (membership == null) {
            this.hzPort = Ports.freePortRange(3);
            this.clusterName = "it-" + ItEnv.randomHex(6);
            this.memberHzPorts = List.of(hzPort);
        } else {
            this.hzPort = membership.hzPort();
            this.clusterName = membership.clusterName();
            this.memberHzPorts = membership.memberHzPorts();
        }
        this.logFile = dir.resolve("node.log");
        try {
            Files.createDirectories(dir.resolve("tmp"));
            for (Path mp : mountpaths) {
                Files.createDirectories(mp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        spawn();
        awaitHealthy();
    }

    private int launches;

    /** Environment variables every launch of this node gets on top of the test JVM's. */
    private final java.util.Map<String, String> env = new java.util.concurrent.ConcurrentHashMap<>();

    /** Adds environment variables for the next launches (e.g. {@code S3_ENDPOINT}); returns this node. */
    public NodeProcess withEnv(java.util.Map<String, String> vars) {
        env.putAll(vars);
        return this;
    }

    /**
     * The node runs with TLS on (its settings come with {@link #withEnv} or JVM arguments): its URLs become
     * {@code https} and the readiness probe trusts what {@code trust} trusts. Call before {@link #spawn()}.
     */
    public NodeProcess withTls(javax.net.ssl.SSLContext trust) {
        this.tls = trust;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .sslContext(trust)
                .build();
        return this;
    }

    private String scheme() {
        return tls == null ? "http" : "https";
    }

    /**
     * Runs the node elsewhere than on loopback, e.g. in a network namespace: its launch command is prefixed with
     * {@code prefix} (e.g. {@code ip netns exec NS}), HTTP and Hazelcast bind to {@code host}, and member
     * {@code i} of the member list is {@code memberHosts[i]:memberHzPorts[i]}. Call before {@link #spawn()}.
     */
    public void placeIn(List<String> prefix, String host, List<String> memberHosts) {
        if (memberHosts.size() != memberHzPorts.size()) {
            throw new IllegalArgumentException(memberHosts + " does not match the member ports " + memberHzPorts);
        }
        this.launchPrefix = List.copyOf(prefix);
        this.host = host;
        this.memberHosts = List.copyOf(memberHosts);
    }

    /** The process id of the JVM (not of a launch prefix such as {@code ip netns exec}, which execs it). */
    public Process process() {
        return process;
    }

    /** The directory every launched node may promote files from ({@code ais.promote.root}). */
    public static Path promoteRoot() {
        return ItEnv.workDir().resolve("promote").toAbsolutePath().normalize();
    }

    /** Starts the JVM and returns at once (see {@link #awaitReady()}); the node must not be running. */
    public void spawn() {
        if (isAlive()) {
            throw new IllegalStateException("node " + name + " is still running");
        }
        List<String> cmd = new ArrayList<>(launchPrefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ItEnv.nodeJvmOptions());
        cmd.addAll(jvmArgs);
        // a fresh temp dir per launch: a killed JVM leaves its ~100 MB Payara runtime behind, and a restart must
        // not share a directory with it
        Path tmp = dir.resolve("tmp").resolve("launch" + (++launches));
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-Dhazelcast.phone.home.enabled=false");
        cmd.add("-Dhazelcast.socket.bind.any=false");
        // one promote root for every node of the test JVM: promote tests see it as one file share
        cmd.add("-Dais.promote.root=" + promoteRoot());
        cmd.add("-Dais.mountpaths=" + mountpaths.stream().map(Path::toString).collect(Collectors.joining(",")));
        cmd.add("-jar");
        cmd.add(ItEnv.nodeJar().toString());
        cmd.add("--port");
        cmd.add(Integer.toString(port));
        cmd.add("--startport");
        cmd.add(Integer.toString(hzPort));
        cmd.add("--clustermode");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < memberHzPorts.size(); i++) {
            members.add((memberHosts == null ? "127.0.0.1" : memberHosts.get(i)) + ":" + memberHzPorts.get(i));
        }
        cmd.add("tcpip:" + String.join(",", members));
        cmd.add("--interfaces");
        cmd.add(host);
        if (!host.equals("127.0.0.1")) {
            // the HTTP address is baked into the jar: only a --systemproperties file overrides it
            Path props = dir.resolve("net.properties");
            try {
                Files.writeString(props, "ais.http.address=" + host + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cmd.add("--systemproperties");
            cmd.add(props.toString());
        }
        cmd.add("--clustername");
        cmd.add(clusterName);
        cmd.add("--name");
        cmd.add(name);
        starts++;
        try {
            Files.writeString(
                    logFile,
                    "==== start #" + starts + " at " + Instant.now() + ": " + String.join(" ", cmd)
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            process = pb.directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** Waits (up to {@link #START_TIMEOUT}) for {@code GET /v1/health} 200 after {@link #spawn()}. */
    public void awaitReady() {
        awaitHealthy();
    }

    private void awaitHealthy() {
        long t0 = System.nanoTime();
        long deadline = t0 + START_TIMEOUT.toNanos();
        String last = "no answer";
        URI health = URI.create(baseUrl() + "/v1/health");
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("node " + name + " exited with code " + process.exitValue()
                        + " before it became healthy; last 60 log lines:\n" + logTail(60));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    System.out.printf(
                            "[it] node %s healthy on port %d after %.1f s (pid %d)%n",
                            name, port, (System.nanoTime() - t0) / 1e9, process.pid());
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + abbreviate(r.body(), 300);
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (System.nanoTime() - deadline > 0) {
                kill9();
                throw new AssertionError("node " + name + " not healthy within " + START_TIMEOUT.toSeconds()
                        + " s (last: " + last + "); last 60 log lines:\n" + logTail(60));
            }
            try {
                Thread.sleep(Poll.INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** {@code -Dais.it.dataplane}: true unless set to {@code false}. */
    private static boolean dataPlaneDefault() {
        return !"false"
                .equalsIgnoreCase(System.getProperty("ais.it.dataplane", "true").trim());
    }

    /** What the node's cluster map publishes: the data-plane listener when it is on, else the servlet listener. */
    public String baseUrl() {
        return scheme() + "://" + host + ":" + port();
    }

    /** The published port (see {@link #baseUrl()}). */
    public int port() {
        return dataPlane && dataPort > 0 ? dataPort : port;
    }

    /**
     * The servlet container's own listener (the whole API; object calls on the servlet path): reachable from the test
     * only when the node runs two listeners ({@code -Dais.dataplane.port=N} or the data plane off).
     */
    public String servletUrl() {
        if (dataPlane && dataPort == 0) {
            throw new IllegalStateException("node " + name + " serves one URL (the data plane holds port " + port
                    + "); start it with -Dais.dataplane.port=N to reach the servlet listener");
        }
        return scheme() + "://" + host + ":" + port;
    }

    /** True when the node runs the data-plane listener. */
    public boolean dataPlane() {
        return dataPlane;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The node's own directory (mountpaths, tmp, log). */
    public Path dir() {
        return dir;
    }

    public List<Path> mountpaths() {
        return mountpaths;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last run; fails while the process runs. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL and wait for the process to be gone. */
    public void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("node " + name + " (pid " + process.pid() + ") survived SIGKILL for 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGTERM, wait up to 30 s, then SIGKILL. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.out.println("[it] node " + name + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s after SIGTERM; killing it");
                kill9();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill9();
        }
    }

    /** Starts the node again with the same mountpaths, ports and names (after {@link #stop()} or {@link #kill9()}). */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("node " + name + " is still running");
        }
        launch();
    }

    /** The last {@code n} lines of the node's log. */
    public String logTail(int n) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** Stops the node and deletes its mountpaths and tmp dir (the log stays for post-mortems). */
    @Override
    public void close() {
        stop();
        if (!Boolean.getBoolean("ais.it.keep")) {
            for (Path p : mountpaths) {
                deleteTree(p);
            }
            deleteTree(dir.resolve("tmp"));
        }
    }

    /** Deletes {@code root} and everything below it; best effort, never fails. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    private static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
    }

    @Override
    public String toString() {
        return "node " + name + " at " + baseUrl();
    }
}
