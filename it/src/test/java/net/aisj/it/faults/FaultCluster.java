package net.aisj.it.faults;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Ports;
import net.aisj.it.support.Resp;

/**
 * A cluster of {@code n} ais-node JVMs for fault tests, on loopback or (with {@link NetNs}) each in its own network
 * namespace; nodes are numbered from 1. Knows the faults that act on processes: kill -9, SIGSTOP/SIGCONT.
 *
 * <p>The kill, slow-node, disk and partition tests share one 3-node cluster ({@link #acquire}): each brings it back
 * to three running nodes that agree on one cluster map ({@link #ready}) and works in buckets of its own, so a start of
 * three nodes is paid once, not once per fault. As root with iproute2 its nodes live in their own network namespaces
 * (the partition test cuts one off) and a spare 384 KiB tmpfs is mounted before they start (the disk test attaches
 * it as a mountpath); otherwise it runs on loopback and those two tests say what they need.
 */
final class FaultCluster implements AutoCloseable {

    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(240);
    private static final String[] JVM_ARGS = {"-Xmx384m"};

    /** The parts of a node's Smap a fault test looks at. */
    record Smap(long version, Set<String> targets, String primary) {
        static Smap parse(JsonObject o) {
            Set<String> t = o.containsKey("tmap") && !o.isNull("tmap")
                    ? new TreeSet<>(o.getJsonObject("tmap").keySet())
                    : Set.of();
            String p = o.containsKey("proxy_si") && !o.isNull("proxy_si")
                    ? JsonUtil.str(o.getJsonObject("proxy_si"), "daemon_id")
                    : null;
            return new Smap(JsonUtil.lng(o, "version"), t, p);
        }

        @Override
        public String toString() {
            return "v" + version + " primary=" + primary + " targets=" + targets;
        }
    }

    private final String tag;
    private final NodeProcess[] nodes;
    private final String[] ids;
    /** The network namespaces the nodes run in, or null (loopback); closed with the cluster. */
    private NetNs net;
    /** The spare tmpfs (mounted before the nodes started, so every node's mount namespace has it), or null. */
    private Path small;

    private static FaultCluster shared;
    private static AssertionError sharedFailure;
    private static int users;
    private static ScheduledFuture<?> idleClose;
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-cluster-closer");
        t.setDaemon(true);
        return t;
    });
    /** How long the shared cluster outlives its last user (fault test classes run one after another). */
    private static final Duration IDLE_CLOSE = Duration.ofSeconds(20);

    /**
     * The shared cluster, started on first use (a failed start is remembered: later callers fail at once); pair
     * with {@link #release()}. It is stopped {@link #IDLE_CLOSE} after the last release (so it does not idle through
     * the rest of the suite) or at JVM exit.
     */
    static synchronized FaultCluster acquire() {
        if (sharedFailure != null) {
            throw new AssertionError("the shared fault cluster failed to start earlier", sharedFailure);
        }
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
        if (shared == null) {
            long t0 = System.nanoTime();
            String why = NetNs.unavailableReason();
            NetNs net = null;
            if (why == null) {
                try {
                    net = new NetNs(3);
                } catch (AssertionError | RuntimeException e) {
                    // the other faults need no namespaces: run them on loopback, the partition test fails with this
                    why = "cannot make network namespaces: " + e.getMessage();
                }
            }
            FaultCluster c = new FaultCluster("sh", 3, net);
            c.net = net;
            c.noNetReason = why;
            try {
                if (isRoot()) {
                    c.small = ItEnv.workDir().resolve("faults-small-" + ItEnv.randomHex(3));
                    Files.createDirectories(c.small);
                    run(List.of("mount", "-t", "tmpfs", "-o", "size=384k", "tmpfs", c.small.toString()));
                }
                c.startAll();
            } catch (AssertionError | RuntimeException | IOException e) {
                c.close();
                sharedFailure = e instanceof AssertionError ae ? ae : new AssertionError(e);
                throw sharedFailure;
            }
            System.out.printf(
                    "[faults] shared cluster of 3 nodes (%s) ready in %.1f s%n",
                    net == null ? "loopback: " + why : "network namespaces", (System.nanoTime() - t0) / 1e9);
            shared = c;
            Runtime.getRuntime().addShutdownHook(new Thread(FaultCluster::closeShared, "stop-fault-cluster"));
        }
        users++;
        return shared;
    }

    /**
     * Keeps the shared cluster up while a test with a cluster of its own runs, if it is up already (the fault test
     * classes run one after another in any order: closing it in between would cost a restart); pair a true answer
     * with {@link #release()}.
     */
    static synchronized boolean pinIfRunning() {
        if (shared == null) {
            return false;
        }
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
        users++;
        return true;
    }

    /** Ends one use of the shared cluster (see {@link #acquire}). */
    static synchronized void release() {
        if (--users == 0 && shared != null) {
            idleClose = CLOSER.schedule(FaultCluster::closeIfIdle, IDLE_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static synchronized void closeIfIdle() {
        if (users == 0) {
            closeShared();
        }
    }

    private static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The network namespaces, or null when the nodes run on loopback. */
    NetNs net() {
        return net;
    }

    /** Why the nodes run on loopback ({@link #net()} is null), else null. */
    String noNetReason() {
        return noNetReason;
    }

    private String noNetReason;

    /** The spare 384 KiB tmpfs directory, or null (not root). */
    Path small() {
        return small;
    }

    /**
     * Brings the cluster back to every node running, none stopped or cut off, all agreeing on one cluster map (a
     * test that failed half-way may have left a fault behind); returns that map.
     */
    Smap ready(String test) {
        for (int i = 1; i < nodes.length; i++) {
            if (net != null) {
                net.healQuietly(i);
            }
            if (nodes[i].isAlive()) {
                signalQuietly(i, "CONT");
            }
        }
        List<Integer> dead = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            if (!nodes[i].isAlive()) {
                dead.add(i);
            }
        }
        if (!dead.isEmpty()) {
            System.out.println("[faults " + test + "] restarting nodes " + dead + " left down by an earlier test");
            start(dead.stream().mapToInt(Integer::intValue).toArray());
        }
        Smap m = awaitSettled();
        System.out.println("[faults " + test + "] cluster ready: " + m);
        return m;
    }

    FaultCluster(String tag, int n, NetNs net, String... extraJvmArgs) {
        this(tag, n, net, i -> List.of(), extraJvmArgs);
    }

    /** {@code prefix.apply(i)}: a launch prefix for node i (e.g. faketime), after the namespace's. */
    FaultCluster(
            String tag, int n, NetNs net, java.util.function.IntFunction<List<String>> prefix, String... extraJvmArgs) {
        this.tag = tag;
        this.nodes = new NodeProcess[n + 1];
        this.ids = new String[n + 1];
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < n) {
            int p = Ports.freePortRange(3);
            if (ports.stream().noneMatch(q -> Math.abs(q - p) < 3)) {
                ports.add(p);
            }
        }
        String clusterName = "itf-" + tag + "-" + ItEnv.randomHex(4);
        List<String> jvm = new ArrayList<>(List.of(JVM_ARGS));
        jvm.addAll(List.of(extraJvmArgs));
        for (int i = 1; i <= n; i++) {
            nodes[i] = NodeProcess.prepare(
                    "f" + tag + i,
                    2,
                    new NodeProcess.Membership(ports.get(i - 1), ports, clusterName),
                    jvm.toArray(String[]::new));
            List<String> pre = new ArrayList<>(net == null ? List.of() : net.prefix(i));
            pre.addAll(prefix.apply(i));
            if (net != null || !pre.isEmpty()) {
                nodes[i].placeIn(
                        pre,
                        net == null ? "127.0.0.1" : net.address(i),
                        net == null ? ports.stream().map(p -> "127.0.0.1").toList() : net.addresses());
            }
        }
    }

    int size() {
        return nodes.length - 1;
    }

    NodeProcess node(int i) {
        return nodes[i];
    }

    String id(int i) {
        return ids[i];
    }

    String url(int i) {
        return nodes[i].baseUrl();
    }

    /** Every node's URL, running or not (the workload keeps sending to killed nodes too). */
    List<String> urls() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            out.add(url(i));
        }
        return out;
    }

    AisClient client(int i) {
        return new AisClient(url(i));
    }

    /** Starts the given nodes at the same moment and waits until each is ready. */
    void start(int... which) {
        for (int i : which) {
            nodes[i].spawn();
        }
        List<Thread> waits = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i : which) {
            Thread t = new Thread(
                    () -> {
                        try {
                            nodes[i].awaitReady();
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    },
                    "await-f" + i);
            t.start();
            waits.add(t);
        }
        for (Thread t : waits) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("[" + tag + "] nodes did not become ready: " + errors);
        }
        for (int i : which) {
            ids[i] = daemonId(i);
        }
    }

    /** The node's daemon id; a failed answer is printed (a node just joined under load once answered 500). */
    private String daemonId(int i) {
        String[] id = new String[1];
        Poll.until(Duration.ofSeconds(60), "[" + tag + "] node" + i + " tells its daemon id", () -> {
            Resp r = client(i).send("GET", "/v1/daemon?what=snode", Map.of(), null, Duration.ofSeconds(10));
            if (r.status() != 200) {
                System.out.println("[faults " + tag + "] node" + i + ": GET /v1/daemon?what=snode answered " + r);
                return false;
            }
            id[0] = JsonUtil.str(r.json(), "daemon_id");
            return id[0] != null;
        });
        return id[0];
    }

    void startAll() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        start(all);
    }

    List<Integer> running() {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            if (nodes[i].isAlive()) {
                out.add(i);
            }
        }
        return out;
    }

    Smap smap(int i) {
        Resp r = client(i)
                .send("GET", "/v1/daemon?what=smap", Map.of(), null, Duration.ofSeconds(10))
                .expect(200);
        return Smap.parse(r.json());
    }

    /** Waits until the given nodes answer the same Smap whose targets are exactly their ids. */
    Smap awaitSettled(List<Integer> which, Duration timeout) {
        Set<String> want = which.stream().map(this::id).collect(Collectors.toCollection(TreeSet::new));
        Map<Integer, String> seen = new TreeMap<>();
        Smap[] agreed = new Smap[1];
        Poll.until(
                timeout,
                "[" + tag + "] nodes " + which + " agree on a Smap with targets " + want,
                () -> {
                    seen.clear();
                    Smap first = null;
                    boolean same = true;
                    for (int i : which) {
                        try {
                            Smap m = smap(i);
                            seen.put(i, m.toString());
                            if (first == null) {
                                first = m;
                            } else if (!first.equals(m)) {
                                same = false;
                            }
                        } catch (RuntimeException | AssertionError e) {
                            seen.put(i, "error: " + e.getMessage());
                            same = false;
                        }
                    }
                    agreed[0] = first;
                    return same && first != null && first.targets().equals(want);
                },
                () -> seen + logTails(20));
        return agreed[0];
    }

    Smap awaitSettled() {
        return awaitSettled(running(), SETTLE_TIMEOUT);
    }

    /**
     * Waits until the cluster's rebalance for {@code m} ({@code g<version>}) has ended on every target (with or
     * without errors: the checker judges the outcome) and returns its status.
     */
    JsonObject awaitRebalance(Smap m, Duration timeout) {
        String id = "g" + m.version();
        JsonObject[] last = new JsonObject[1];
        Poll.until(
                timeout,
                "[" + tag + "] rebalance " + id + " ends",
                () -> {
                    Resp r = Jobs.status(client(running().get(0)), id, "rebalance");
                    if (r.status() != 200) {
                        return false;
                    }
                    last[0] = r.json();
                    Long end = JsonUtil.lng(last[0], "end_time");
                    return end != null && end != 0;
                },
                () -> String.valueOf(last[0]));
        return last[0];
    }

    /** The running node that is not the primary of {@code m}, highest number first. */
    int nonPrimary(Smap m) {
        List<Integer> r = running();
        for (int k = r.size() - 1; k >= 0; k--) {
            if (!id(r.get(k)).equals(m.primary())) {
                return r.get(k);
            }
        }
        throw new AssertionError("no node other than the primary");
    }

    void kill9(int i) {
        nodes[i].kill9();
    }

    /** Sends a signal (STOP, CONT) to node {@code i}'s JVM. */
    void signal(int i, String sig) {
        try {
            Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(nodes[i].pid()))
                    .inheritIO()
                    .start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kill -" + sig + " " + nodes[i].pid() + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Lets the load run for {@code d} with the fault in place: the length of the fault is the point here, nothing
     * is awaited.
     */
    static void hold(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }

    String logTails(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < nodes.length; i++) {
            sb.append("\n---- node")
                    .append(i)
                    .append(" (")
                    .append(nodes[i].logFile())
                    .append(nodes[i].isAlive() ? ", running" : ", not running")
                    .append(")\n")
                    .append(nodes[i].logTail(lines));
        }
        return sb.toString();
    }

    private void signalQuietly(int i, String sig) {
        try {
            signal(i, sig);
        } catch (AssertionError ignored) {
            // best effort: it may have just exited
        }
    }

    /**
     * Stops every node with kill -9 (their data is thrown away: a graceful stop would only cost time), deletes their
     * directories, then removes the namespaces and unmounts the spare tmpfs.
     */
    @Override
    public void close() {
        List<Thread> ts = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            NodeProcess n = nodes[i];
            if (n != null) {
                Thread t = new Thread(
                        () -> {
                            n.kill9();
                            n.close();
                        },
                        "close-f" + i);
                t.start();
                ts.add(t);
            }
        }
        for (Thread t : ts) {
            try {
                t.join(90_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (net != null) {
            net.close();
            net = null;
        }
        if (small != null) {
            try {
                run(List.of("umount", "-l", small.toString()));
            } catch (AssertionError e) {
                System.out.println("[faults] " + e.getMessage());
            }
            small = null;
        }
    }

    /** Runs a command (mount, umount) to its end within 30 s; fails with its output unless it exits with 0. */
    static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(cmd + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
