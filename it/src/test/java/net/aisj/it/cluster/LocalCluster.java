package net.aisj.it.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.Ports;
import net.aisj.it.support.Resp;

/**
 * A cluster of ais-node JVMs on loopback with a fixed plan: {@code slots} nodes, each with its own HTTP port, one
 * mountpath and a Hazelcast port chosen up front, all sharing one cluster name and the full member list (so that a
 * node started later, e.g. a 4th one for scale-out, finds the others). Slots are numbered from 1.
 */
final class LocalCluster implements AutoCloseable {

    static final String[] JVM_ARGS = {"-Xmx384m"};
    static final Duration SMAP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final String tag;
    private final String clusterName;
    private final List<Integer> hzPorts;
    private final List<Integer> memberPorts;
    private final NodeProcess[] nodes;
    private final String[] ids;
    private final Map<String, AisClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> env = new ConcurrentHashMap<>();
    private volatile java.util.function.Function<String, Map<String, String>> clientAuth;

    /** Plans (does not start) a cluster of {@code slots} nodes. */
    LocalCluster(String tag, int slots) {
        this(tag, "itc-" + tag + "-" + ItEnv.randomHex(4), planHzPorts(slots, Set.of()), List.of());
    }

    /**
     * A cluster whose slot {@code i} uses Hazelcast port {@code hzPorts[i-1]}; every node's member list is
     * {@code hzPorts} plus {@code extraMembers} (ports of nodes that are not part of this cluster, e.g. of one with
     * another cluster name).
     */
    LocalCluster(String tag, String clusterName, List<Integer> hzPorts, List<Integer> extraMembers) {
        int slots = hzPorts.size();
        this.tag = tag;
        this.clusterName = clusterName;
        this.hzPorts = List.copyOf(hzPorts);
        List<Integer> members = new ArrayList<>(hzPorts);
        members.addAll(extraMembers);
        this.memberPorts = List.copyOf(members);
        this.nodes = new NodeProcess[slots + 1];
        this.ids = new String[slots + 1];
    }

    /**
     * {@code count} free Hazelcast ports, each with two free neighbours (Hazelcast tries the next ports when one is
     * taken), no two closer than 3 apart and none within 3 of {@code avoid}.
     */
    static List<Integer> planHzPorts(int count, Set<Integer> avoid) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> taken = new HashSet<>(avoid);
        for (int attempt = 0; out.size() < count; attempt++) {
            if (attempt > 500) {
                throw new IllegalStateException("cannot plan " + count + " Hazelcast ports");
            }
            int p = Ports.freePortRange(3);
            if (taken.stream().noneMatch(t -> Math.abs(t - p) < 3)) {
                out.add(p);
                taken.add(p);
            }
        }
        return out;
    }

    String clusterName() {
        return clusterName;
    }

    /** Environment variables for the nodes this cluster launches from now on (e.g. a backend's endpoint). */
    LocalCluster withEnv(Map<String, String> vars) {
        env.putAll(vars);
        return this;
    }

    List<Integer> hzPorts() {
        return hzPorts;
    }

    int slots() {
        return nodes.length - 1;
    }

    NodeProcess.Membership membership(int slot) {
        return new NodeProcess.Membership(hzPorts.get(slot - 1), memberPorts, clusterName);
    }

    // ------------------------------------------------------------------ processes

    /**
     * Launches the given slots at the same moment (new nodes get fresh mountpaths, stopped ones are restarted with
     * theirs) and waits until each is ready ({@code GET /v1/health} 200). Returns each slot's time from launch to
     * ready.
     */
    Map<Integer, Duration> start(int... slots) {
        Map<Integer, Long> t0 = new LinkedHashMap<>();
        for (int s : slots) {
            synchronized (this) {
                if (nodes[s] == null) {
                    nodes[s] = NodeProcess.prepare("node" + s, 1, membership(s), JVM_ARGS)
                            .withEnv(env);
                }
            }
            t0.put(s, System.nanoTime());
            nodes[s].spawn();
        }
        ExecutorService pool = Executors.newFixedThreadPool(slots.length);
        try {
            Map<Integer, CompletableFuture<Duration>> waits = new LinkedHashMap<>();
            for (int s : slots) {
                waits.put(
                        s,
                        CompletableFuture.supplyAsync(
                                () -> {
                                    nodes[s].awaitReady();
                                    return Duration.ofNanos(System.nanoTime() - t0.get(s));
                                },
                                pool));
            }
            Map<Integer, Duration> out = new TreeMap<>();
            List<String> errors = new ArrayList<>();
            for (var e : waits.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    errors.add("slot " + e.getKey() + ": " + ex.getCause());
                }
            }
            if (!errors.isEmpty()) {
                throw new AssertionError("[" + tag + "] nodes did not become ready:\n" + String.join("\n", errors));
            }
            for (int s : slots) {
                String id = client(s).daemonId();
                if (ids[s] != null && !ids[s].equals(id)) {
                    throw new AssertionError("[" + tag + "] slot " + s + " restarted with daemon id " + id
                            + " instead of " + ids[s] + " (same mountpath)");
                }
                ids[s] = id;
            }
            out.forEach((s, d) -> System.out.printf(
                    "[it-cluster %s] node%d (%s) ready %.1f s after launch%n", tag, s, ids[s], d.toMillis() / 1000.0));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** SIGTERM to the given slots at once; waits for every one to exit (SIGKILL after 30 s, see NodeProcess). */
    void stop(int... slots) {
        List<Thread> ts = new ArrayList<>();
        for (int s : slots) {
            if (nodes[s] != null) {
                Thread t = new Thread(nodes[s]::stop, "stop-node" + s);
                t.start();
                ts.add(t);
            }
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    NodeProcess node(int slot) {
        return nodes[slot];
    }

    boolean running(int slot) {
        return nodes[slot] != null && nodes[slot].isAlive();
    }

    List<Integer> runningSlots() {
        List<Integer> out = new ArrayList<>();
        for (int s = 1; s < nodes.length; s++) {
            if (running(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Daemon ids of the running nodes. */
    Set<String> runningIds() {
        return runningSlots().stream().map(this::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The daemon id the node reported when it was last started. */
    String id(int slot) {
        if (ids[slot] == null) {
            throw new IllegalStateException("slot " + slot + " was never started");
        }
        return ids[slot];
    }

    int slotOf(String id) {
        for (int s = 1; s < ids.length; s++) {
            if (id.equals(ids[s])) {
                return s;
            }
        }
        return -1;
    }

    String url(int slot) {
        return nodes[slot].baseUrl();
    }

    AisClient client(int slot) {
        return clientAt(url(slot));
    }

    AisClient clientAt(String baseUrl) {
        return clients.computeIfAbsent(
                baseUrl,
                u -> clientAuth == null ? new AisClient(u) : new AisClient(u).withDefaultHeaders(clientAuth.apply(u)));
    }

    /**
     * With auth on: the headers each node's client sends (e.g. an administrator's token obtained from that node),
     * given its base URL. Set before the first start.
     */
    LocalCluster withClientAuth(java.util.function.Function<String, Map<String, String>> headers) {
        this.clientAuth = headers;
        return this;
    }

    /** The last lines of every started node's log, for failure messages. */
    String logTails(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int s = 1; s < nodes.length; s++) {
            if (nodes[s] != null) {
                sb.append("\n---- node")
                        .append(s)
                        .append(" (")
                        .append(nodes[s].logFile())
                        .append(", ")
                        .append(nodes[s].isAlive() ? "running" : "not running")
                        .append(")\n")
                        .append(nodes[s].logTail(lines));
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        List<Thread> ts = new ArrayList<>();
        for (int s = 1; s < nodes.length; s++) {
            NodeProcess n = nodes[s];
            if (n != null) {
                Thread t = new Thread(n::close, "close-node" + s);
                t.start();
                ts.add(t);
            }
        }
        for (Thread t : ts) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ cluster map

    /** This node's Smap. */
    Smap smap(int slot) {
        Resp r = client(slot)
                .send("GET", "/v1/daemon?what=smap", Map.of(), null, PROBE_TIMEOUT)
                .expect(200);
        return Smap.parse(r.json());
    }

    /**
     * Polls every running node until all answer the same Smap and it satisfies {@code ok}; returns it.
     */
    Smap awaitSmap(String what, Duration timeout, Predicate<Smap> ok) {
        Smap[] last = new Smap[1];
        Map<Integer, String> seen = new TreeMap<>();
        Poll.until(
                timeout,
                "[" + tag + "] every running node answers the same Smap, and " + what,
                () -> {
                    seen.clear();
                    Smap first = null;
                    boolean same = true;
                    for (int s : runningSlots()) {
                        Smap m;
                        try {
                            m = smap(s);
                        } catch (RuntimeException | AssertionError e) {
                            seen.put(s, "error: " + e.getMessage());
                            same = false;
                            continue;
                        }
                        seen.put(s, m.brief());
                        if (first == null) {
                            first = m;
                        } else if (!first.json().equals(m.json())) {
                            same = false;
                        }
                    }
                    last[0] = first;
                    return same && first != null && ok.test(first);
                },
                () -> seen.entrySet().stream()
                                .map(e -> "node" + e.getKey() + ": " + e.getValue())
                                .collect(Collectors.joining("\n  ", "\n  ", ""))
                        + logTails(15));
        return last[0];
    }

    /** Waits until every running node answers the same Smap whose targets are exactly {@code targetIds}. */
    Smap awaitTargets(Set<String> targetIds, Duration timeout) {
        return awaitSmap(
                "its targets are exactly " + targetIds,
                timeout,
                m -> m.tmap().keySet().equals(targetIds));
    }

    /** Waits until the running nodes agree on a Smap whose targets are exactly the running nodes. */
    Smap awaitSettled() {
        return awaitTargets(runningIds(), SMAP_TIMEOUT);
    }

    /** A running node other than the primary of {@code m}, highest slot first. */
    int nonPrimarySlot(Smap m) {
        List<Integer> r = runningSlots();
        for (int i = r.size() - 1; i >= 0; i--) {
            if (!id(r.get(i)).equals(m.primaryId())) {
                return r.get(i);
            }
        }
        throw new AssertionError("[" + tag + "] no running node other than the primary " + m.primaryId());
    }

    // ------------------------------------------------------------------ data path

    /** Sends a request through node URL {@code baseUrl}, following redirects (see {@link Followed#send}). */
    Followed send(
            String baseUrl,
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            byte[] body,
            Duration timeout) {
        return Followed.send(this::clientAt, baseUrl, method, pathAndQuery, headers, body, timeout);
    }

    Followed put(int via, String bucket, String obj, byte[] data) {
        return send(
                url(via),
                "PUT",
                AisClient.objPath(bucket, obj),
                Map.of("Content-Type", "application/octet-stream"),
                data,
                AisClient.DEFAULT_TIMEOUT);
    }

    Followed get(int via, String bucket, String obj) {
        return get(via, bucket, obj, AisClient.DEFAULT_TIMEOUT);
    }

    Followed get(int via, String bucket, String obj, Duration timeout) {
        return send(url(via), "GET", AisClient.objPath(bucket, obj), Map.of(), null, timeout);
    }

    /** Where the objects of a bucket are on this cluster's disks, against HRW placement. */
    Placement placement() {
        return new Placement(this);
    }

    /** Jobs and node lifecycle through this cluster's API. */
    ClusterJobs jobs() {
        return new ClusterJobs(this, tag);
    }

    @Override
    public String toString() {
        return "cluster " + tag + " (" + clusterName + ", Hazelcast ports " + hzPorts + ")";
    }
}
