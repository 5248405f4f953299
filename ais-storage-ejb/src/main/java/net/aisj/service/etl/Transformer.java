package net.aisj.service.etl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.etl.EtlEntry;
import net.aisj.core.etl.EtlNodeState;
import net.aisj.core.etl.EtlSpec;
import net.aisj.core.etl.TransformException;

/**
 * One ETL's transformer on this node: its process, its loopback address, and the communicator that hands it
 * objects exactly as AIS's target does.
 *
 * <ul>
 *   <li>{@code hpush://}: {@code PUT /<bucket>/<object>?etl_fqn=&etl_args=}: with the object's local file path
 *       and no body when the caller passes a file (AIS's default), else with the object's bytes and their
 *       {@code Content-Length} (never chunked);
 *   <li>{@code hpull://}: {@code GET /<escaped uname>?etl_args=}; the transformer reads the object back from
 *       {@code $AIS_TARGET_URL/<uname>} (the node proxies the answer to its client rather than redirecting it to a
 *       loopback address).
 *   <li>{@code ws://}: a control message and the object's bytes over a WebSocket session to {@code /ws}
 *       ({@link WsSessions}).
 * </ul>
 *
 * Answers: 200/202 carry the transformed bytes; 204 means delivered by direct put; {@code >= 400} is the
 * transformer's error, reported as AIS does ({@code ETL error: <body>} with its status). {@code obj_timeout}
 * bounds the wait for the answer. Thread-safe.
 */
final class Transformer {

    /** AIS keeps at most this many object errors per job ({@code etl.MaxObjErr}). */
    static final int MAX_OBJ_ERRORS = 128;

    /** AIS's header naming a pipeline's next stages (or a direct-put destination). */
    static final String NODE_URL = "Ais-Node-Url";

    /** AIS's header with the size a transformer stored by direct put (with its 204). */
    static final String DIRECT_PUT_LENGTH = "Ais-Direct-Put-Length";

    private final EtlEntry entry;
    private final String nodeId;
    private final int port;
    private final java.util.Map<String, String> env;
    private final List<String> command;
    private final java.nio.file.Path dir;
    private volatile TransformerProcess process;
    private final java.util.concurrent.atomic.AtomicInteger restarts = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean restarting;
    private final HttpClient http;
    private final AtomicLong objCount = new AtomicLong();
    private final AtomicLong inBytes = new AtomicLong();
    private final AtomicLong outBytes = new AtomicLong();
    /** Object errors by job: "" for inline transforms, else the offline job's id. */
    private final java.util.Map<String, Deque<EtlNodeState.ObjError>> errors = new java.util.HashMap<>();

    private volatile boolean healthy;
    private volatile WsSessions ws;

    Transformer(
            EtlEntry entry,
            List<String> command,
            String nodeId,
            int port,
            java.util.Map<String, String> env,
            java.nio.file.Path dir) {
        this.entry = entry;
        this.command = List.copyOf(command);
        this.nodeId = nodeId;
        this.port = port;
        this.env = java.util.Map.copyOf(env);
        this.dir = dir;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    EtlEntry entry() {
        return entry;
    }

    String name() {
        return entry.name();
    }

    TransformerProcess process() {
        return process;
    }

    /**
     * Starts (or, after a crash, starts again) the transformer's process on the same port with the same
     * environment; not yet healthy.
     */
    TransformerProcess spawn() {
        TransformerProcess p = entry.spec().url().isEmpty()
                ? TransformerProcess.start(entry.name(), command, env, port, dir)
                : TransformerProcess.attached();
        healthy = false;
        process = p;
        WsSessions w = ws;
        if (w != null) {
            w.closeIdle(); // sessions to the previous process
        }
        return p;
    }

    int restarts() {
        return restarts.get();
    }

    /** Counts a restart (whether or not the new process became healthy). */
    void restarted() {
        restarts.incrementAndGet();
    }

    boolean restarting() {
        return restarting;
    }

    void restarting(boolean on) {
        restarting = on;
    }

    int port() {
        return port;
    }

    /** Where the transformer listens: loopback and its port, or the spec's {@code runtime.url} (attached). */
    URI base() {
        String url = entry.spec().url();
        return URI.create(url.isEmpty() ? "http://127.0.0.1:" + port : url);
    }

    /** One {@code GET /health}: true on 200. */
    boolean probe(Duration timeout) {
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(base().resolve("/health"))
                            .timeout(timeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            healthy = r.statusCode() == 200;
        } catch (IOException e) {
            healthy = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthy = false;
        }
        return healthy;
    }

    /** AIS's pod phase for this transformer. */
    String health() {
        if (restarting) {
            return "Pending";
        }
        if (!process.alive()) {
            return "Failed";
        }
        return healthy ? "Running" : "Pending";
    }

    /** The transformer's answer for one object: stream it, then close it. */
    record Answer(InputStream body, long length, String contentType, boolean deliveredDirectly) {}

    /**
     * Hands one object to the transformer and returns its answer, unread.
     *
     * @param body   the object's bytes (hpush), or null (hpull: the transformer reads the object itself)
     * @param length the object's size
     * @param args   {@code etl_args}, or null
     * @param job    the offline job's id ("" inline), for the error record
     * @param nextHops the next stages of a pipeline ({@code Ais-Node-Url}: their base URLs, comma-separated), or null
     * @throws TransformException with the transformer's status and body, 504 on {@code obj_timeout}, 503 when it
     *                            cannot be reached
     */
    Answer transform(
            ObjectId id,
            InputStream body,
            long length,
            java.nio.file.Path file,
            String args,
            String job,
            String nextHops) {
        if (entry.spec().communication().equals(EtlSpec.WS)) {
            return transformWs(id, body, length, file, args, job, nextHops);
        }
        StringBuilder q = new StringBuilder();
        if (file != null) {
            // AIS: url.PathEscape(fqn) as the value, so the wire carries it escaped twice
            q.append("?etl_fqn=").append(enc(enc(file.toString())));
        }
        if (args != null && !args.isEmpty()) {
            q.append(q.length() == 0 ? '?' : '&').append("etl_args=").append(enc(args));
        }
        String query = q.toString();
        boolean sendBytes = file == null && body != null && length != 0;
        HttpRequest.Builder b;
        if (entry.spec().communication().equals(EtlSpec.HPULL)) {
            b = HttpRequest.newBuilder(URI.create(base() + "/" + enc(id.uname()) + query))
                    .GET();
        } else {
            StringBuilder path = new StringBuilder("/").append(enc(id.bucket().name()));
            for (String seg : id.name().split("/", -1)) {
                path.append('/').append(enc(seg));
            }
            b = HttpRequest.newBuilder(URI.create(base() + path.toString() + query))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(
                            !sendBytes
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.fromPublisher(
                                            HttpRequest.BodyPublishers.ofInputStream(() -> body), length));
        }
        if (nextHops != null && !nextHops.isEmpty()) {
            b.header(NODE_URL, nextHops);
        }
        long t = entry.spec().objTimeoutMillis();
        HttpResponse<InputStream> r;
        try {
            r = http.send(b.timeout(Duration.ofMillis(t)).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut(id, job, t);
        } catch (IOException e) {
            throw unreachable(id, job, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransformException(503, "interrupted transforming " + id.cname());
        }
        int status = r.statusCode();
        if (status != 200 && status != 202 && status != 204) {
            String text;
            try (InputStream in = r.body()) {
                text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                text = e.getMessage();
            }
            throw failed(id, job, status < 400 ? 502 : status, "ETL error: " + text);
        }
        objCount.incrementAndGet();
        inBytes.addAndGet(Math.max(0, length));
        long len = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (status == 204) {
            try (InputStream in = r.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // nothing to read
            }
            // delivered by direct put; AIS's frameworks say how much in Ais-Direct-Put-Length
            return new Answer(
                    InputStream.nullInputStream(),
                    r.headers().firstValueAsLong(DIRECT_PUT_LENGTH).orElse(0),
                    "",
                    true);
        }
        return new Answer(
                counting(r.body()),
                len,
                r.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                false);
    }

    /** {@code ws://}: one object over a pooled WebSocket session ({@link WsSessions}). */
    private Answer transformWs(
            ObjectId id,
            InputStream body,
            long length,
            java.nio.file.Path file,
            String args,
            String job,
            String nextHops) {
        long t = entry.spec().objTimeoutMillis();
        WsSessions.Reply r;
        try {
            r = ws().exchange(
                            net.aisj.cluster.EtlJson.wsControl(
                                    id.name(), file == null ? null : enc(file.toString()), args, nextHops),
                            file != null ? null : body == null ? InputStream.nullInputStream() : body,
                            length,
                            Duration.ofMillis(t));
        } catch (java.util.concurrent.TimeoutException e) {
            throw timedOut(id, job, t);
        } catch (IOException e) {
            throw unreachable(id, job, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransformException(503, "interrupted transforming " + id.cname());
        }
        if (r.text() != null
                && (r.text().startsWith("Transform error") || r.text().startsWith("Invalid pipeline"))) {
            throw failed(id, job, 500, "ETL error: " + r.text());
        }
        objCount.incrementAndGet();
        inBytes.addAndGet(Math.max(0, length));
        if (r.text() != null) {
            return new Answer(InputStream.nullInputStream(), 0, "", true);
        }
        return new Answer(counting(r.bytes()), -1, "application/octet-stream", false);
    }

    private TransformException timedOut(ObjectId id, String job, long millis) {
        return failed(
                id,
                job,
                504,
                "ETL error: etl job " + name() + " timed out after " + millis + "ms transforming " + id.cname());
    }

    private TransformException unreachable(ObjectId id, String job, IOException e) {
        return failed(
                id, job, 503, "ETL error: etl job " + name() + " on " + nodeId + " is not reachable: " + reason(e));
    }

    private WsSessions ws() {
        WsSessions w = ws;
        if (w == null) {
            synchronized (this) {
                if (ws == null) {
                    ws = new WsSessions(http, base());
                }
                w = ws;
            }
        }
        return w;
    }

    /** An exception's message, or its type and cause when it has none (the JDK's network errors often have none). */
    static String reason(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String m = e.getMessage();
        if (m != null && !m.isBlank()) {
            return m;
        }
        return e.getClass().getSimpleName() + (e.getCause() == null ? "" : ": " + reason(e.getCause()));
    }

    private InputStream counting(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    outBytes.incrementAndGet();
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    outBytes.addAndGet(n);
                }
                return n;
            }
        };
    }

    private TransformException failed(ObjectId id, String job, int status, String message) {
        recordError(job, id.cname(), message, status);
        return new TransformException(status, message);
    }

    /** Records an object error of {@code job} ("" inline), keeping the last {@link #MAX_OBJ_ERRORS}. */
    void recordError(String job, String objName, String message, int ecode) {
        synchronized (errors) {
            Deque<EtlNodeState.ObjError> d = errors.computeIfAbsent(job == null ? "" : job, k -> new ArrayDeque<>());
            if (d.size() >= MAX_OBJ_ERRORS) {
                d.removeFirst();
            }
            d.addLast(new EtlNodeState.ObjError(objName, message, ecode));
        }
    }

    /** This node's state of the ETL, with the errors of {@code job} ("" for the inline ones). */
    EtlNodeState state(String job) {
        List<EtlNodeState.ObjError> errs;
        synchronized (errors) {
            errs = new ArrayList<>(errors.getOrDefault(job == null ? "" : job, new ArrayDeque<>()));
        }
        boolean alive = process.alive();
        return new EtlNodeState(
                nodeId,
                health(),
                alive ? process.cpu() : 0,
                alive ? process.memBytes() : 0,
                objCount.get(),
                inBytes.get(),
                outBytes.get(),
                restarts.get(),
                errs);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
