package net.aisj.it.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import net.aisj.it.faults.History.Kind;
import net.aisj.it.support.Xxh;

/**
 * Client threads that PUT, GET and DELETE objects through randomly chosen nodes (following redirects as the AIS
 * SDK does) and record every operation in a {@link History}. Each client works on names of its own (so each name
 * has one writer and its order is the client's), but reads go through any node. Every PUT writes content unique to
 * it (name, sequence number, seeded bytes), so a read that returns bytes can be traced to the PUT that wrote them.
 * Bounded: each request by {@code requestTimeout}, the run by the duration given to {@link #run}.
 */
public final class Workload {

    private static final int MAX_HOPS = 4;
    /** The status recorded for a 404 that is not an AIS error (see {@link #CONTAINER_404_NOTE}). */
    static final int CONTAINER_404 = 1404;

    static final String CONTAINER_404_NOTE = "container 404: the application is not deployed yet";

    private final List<String> buckets;
    private final int clients;
    private final int namesPerClient;
    private final int maxSize;
    private final Supplier<List<String>> nodes;
    private final Duration requestTimeout;
    private final long pauseNanos;
    private final History history = new History();
    private final Set<String> touched = java.util.Collections.synchronizedSet(new TreeSet<>());
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * @param buckets        the buckets to spread the names over (plain, mirrored, erasure-coded)
     * @param clients        client threads
     * @param namesPerClient names each client owns per bucket
     * @param maxSize        largest object in bytes (sizes are uniform in 1..maxSize)
     * @param nodes          the base URLs to send to, asked before every operation (killed nodes may stay in it)
     * @param requestTimeout bound of one request (redirects included)
     * @param opsPerSecond   per client: the pause between operations is 1/opsPerSecond
     */
    public Workload(
            List<String> buckets,
            int clients,
            int namesPerClient,
            int maxSize,
            Supplier<List<String>> nodes,
            Duration requestTimeout,
            int opsPerSecond) {
        this.buckets = List.copyOf(buckets);
        this.clients = clients;
        this.namesPerClient = namesPerClient;
        this.maxSize = maxSize;
        this.nodes = nodes;
        this.requestTimeout = requestTimeout;
        this.pauseNanos = TimeUnit.SECONDS.toNanos(1) / opsPerSecond;
    }

    public History history() {
        return history;
    }

    /** The longest any one operation took (its bound is the request timeout). */
    public Duration maxLatency() {
        return Duration.ofNanos(maxLatencyNanos.get());
    }

    /** A running load: {@link #stop()} ends it (bounded by the request timeout). */
    public final class Running {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        private Running() {}

        /** Stops the clients and waits for them. */
        public History stop() {
            stop.set(true);
            for (Thread t : threads) {
                try {
                    t.join(requestTimeout.multipliedBy(MAX_HOPS + 2).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
                if (t.isAlive()) {
                    throw new AssertionError(t.getName() + " did not stop within its bound");
                }
            }
            return history;
        }
    }

    /** Starts the client threads. */
    public Running start(long seed) {
        Running r = new Running();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> loop(client, new Random(seed * 31 + client), r.stop), "fault-client-" + c);
            t.setDaemon(true);
            r.threads.add(t);
            t.start();
        }
        return r;
    }

    private void loop(int client, Random rnd, AtomicBoolean stop) {
        long seq = 0;
        while (!stop.get()) {
            String bucket = buckets.get(rnd.nextInt(buckets.size()));
            String name = bucket + "/c" + client + "-o" + rnd.nextInt(namesPerClient);
            List<String> ns = nodes.get();
            String node = ns.get(rnd.nextInt(ns.size()));
            int dice = rnd.nextInt(100);
            if (dice < 45) {
                put(client, node, name, ++seq, rnd);
            } else if (dice < 90) {
                get(client, node, name, false);
            } else {
                delete(client, node, name);
            }
            LockSupport.parkNanos(pauseNanos);
        }
    }

    /** The content of PUT number {@code seq} of a client: its name and number, then seeded random bytes. */
    static byte[] content(String name, long seq, int size, long seed) {
        byte[] head = (name + "|" + seq + "|").getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[Math.max(size, head.length)];
        new Random(seed).nextBytes(b);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    private void put(int client, String node, String name, long seq, Random rnd) {
        byte[] data = content(name, seq, 1 + rnd.nextInt(maxSize), rnd.nextLong());
        String hash = Xxh.hex(data);
        touched.add(name);
        long t0 = history.now();
        Answer a = send(node, "PUT", name, data);
        long t1 = history.now();
        history.add(client, Kind.PUT, name, hash, a.status / 100 == 2, a.status, t0, t1, node, a.detail, false);
    }

    /** One GET, recorded; returns whether it got an answer (200 or 404). */
    boolean get(int client, String node, String name, boolean fin) {
        long t0 = history.now();
        Answer a = send(node, "GET", name, null);
        long t1 = history.now();
        String value = a.status == 200 ? Xxh.hex(a.body) : a.status == 404 ? History.ABSENT : null;
        String detail = a.detail;
        if (a.status == 200) {
            String head = new String(a.body, 0, Math.min(a.body.length, 60), StandardCharsets.ISO_8859_1);
            detail = a.body.length + " bytes starting "
                    + head.substring(0, Math.max(0, head.indexOf('|', head.indexOf('|') + 1) + 1));
        }
        history.add(client, Kind.GET, name, value, value != null, a.status, t0, t1, node, detail, fin);
        return value != null;
    }

    private void delete(int client, String node, String name) {
        touched.add(name);
        long t0 = history.now();
        Answer a = send(node, "DELETE", name, null);
        long t1 = history.now();
        history.add(
                client,
                Kind.DELETE,
                name,
                History.ABSENT,
                a.status / 100 == 2 || a.status == 404,
                a.status,
                t0,
                t1,
                node,
                a.detail,
                false);
    }

    /**
     * After the heal: reads every name written or deleted, through the nodes in turn, until each read succeeds or
     * {@code deadline} passes (the failed attempts are recorded too). Returns how many names could not be read.
     */
    public int readAllAfterHeal(Duration deadline) {
        List<String> names;
        synchronized (touched) {
            names = new ArrayList<>(touched);
        }
        long end = System.nanoTime() + deadline.toNanos();
        int unread = 0;
        int i = 0;
        for (String name : names) {
            while (true) {
                List<String> ns = nodes.get();
                if (get(-1, ns.get(i++ % ns.size()), name, true)) {
                    break;
                }
                if (System.nanoTime() > end) {
                    unread++;
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        return unread;
    }

    private record Answer(int status, byte[] body, String detail) {}

    private Answer send(String node, String method, String name, byte[] body) {
        int slash = name.indexOf('/');
        String path = "/v1/objects/" + name.substring(0, slash) + "/"
                + URLEncoder.encode(name.substring(slash + 1), StandardCharsets.UTF_8)
                        .replace("+", "%20");
        URI uri = URI.create(node + path);
        long t0 = System.nanoTime();
        try {
            for (int hop = 0; ; hop++) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout);
                b.method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                if (body != null) {
                    b.header("Content-Type", "application/octet-stream");
                }
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                int st = r.statusCode();
                if ((st == 301 || st == 302 || st == 307 || st == 308) && hop < MAX_HOPS) {
                    uri = uri.resolve(r.headers().firstValue("Location").orElseThrow());
                    continue;
                }
                String detail = st / 100 == 2
                        ? (hop > 0 ? "served by " + uri.getAuthority() : "")
                        : abbreviate(new String(r.body(), StandardCharsets.UTF_8));
                if (st == 404 && (r.body().length == 0 || r.body()[0] != '{')) {
                    // not our JSON error: Payara's own page while the application is not deployed yet (a node
                    // starting up listens before it serves); it says nothing about the object
                    return new Answer(CONTAINER_404, r.body(), CONTAINER_404_NOTE + " at " + uri.getAuthority());
                }
                return new Answer(st, r.body(), detail);
            }
        } catch (IOException e) {
            return new Answer(
                    0, null, e.getClass().getSimpleName() + ": " + e.getMessage() + " at " + uri.getAuthority());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, "interrupted");
        } finally {
            maxLatencyNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }
}
