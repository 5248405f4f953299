package net.aisj.cluster;

import static net.aisj.cluster.IntraContract.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.MultiObjRequest;
import net.aisj.core.NodeInfo;
import net.aisj.core.PromoteRequest;
import net.aisj.core.PromoteScan;
import net.aisj.xact.XactSnapshot;

/**
 * HTTP calls between nodes on the intra-cluster endpoints ({@code /v1/intra/...}). Every call carries the
 * cluster's shared secret, which public callers do not know. Thread-safe; one instance per node.
 */
public final class IntraClient {

    private final HttpClient http;
    private final String secret;

    /** A client for a cluster without TLS. */
    public IntraClient(String secret) {
        this(secret, null);
    }

    /**
     * @param tls the TLS context for {@code https} node URLs (the configured CA bundle; host names verified), or
     *            null when the cluster's nodes speak plain HTTP
     */
    public IntraClient(String secret, javax.net.ssl.SSLContext tls) {
        this.secret = secret;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** One page of {@code node}'s local listing. */
    public ObjectPage list(NodeInfo node, BucketId bucket, ListRequest req) {
        String q = "?" + P_PROVIDER + "=" + enc(bucket.provider())
                + (bucket.namespace().isEmpty() ? "" : "&" + P_NAMESPACE + "=" + enc(bucket.namespace())) + "&"
                + P_PREFIX + "=" + enc(req.prefix()) + "&"
                + P_AFTER + "=" + enc(req.startAfter()) + "&" + P_PAGESIZE + "=" + req.pageSize() + "&" + P_NORECURSE
                + "=" + req.noRecursion() + "&" + P_NAMEONLY + "=" + req.nameOnly();
        HttpResponse<InputStream> r = send(
                node,
                HttpRequest.newBuilder(uri(node, "/" + ROOT + "/" + LIST + "/" + enc(bucket.name()) + q))
                        .GET(),
                Duration.ofMinutes(2));
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(node, "list " + bucket.cname(), r.statusCode(), in);
            }
            return PageJson.read(in);
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /**
     * What a node knows of one object: its local copy's metadata, or else when a client deleted it there (a delete
     * record, see {@code core.RecentDeletes}); both empty when it knows nothing of it.
     */
    public record Held(Optional<ObjectStat> stat, OptionalLong deletedAtMillis) {}

    /** The object's metadata on {@code node}, if it has it locally. */
    public Optional<ObjectStat> stat(NodeInfo node, ObjectId id) {
        return held(node, id).stat();
    }

    /** The object's metadata on {@code node} if it has it locally, or else its delete record there. */
    public Held held(NodeInfo node, ObjectId id) {
        HttpResponse<InputStream> r = send(
                node,
                HttpRequest.newBuilder(uri(node, objectPath(ROOT, STAT, id))).GET(),
                Duration.ofSeconds(30));
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                OptionalLong at = r.headers()
                        .firstValue(DELETED_AT_HEADER)
                        .map(v -> OptionalLong.of(Long.parseLong(v)))
                        .orElse(OptionalLong.empty());
                return new Held(Optional.empty(), at);
            }
            if (r.statusCode() != 200) {
                throw failure(node, "stat " + id.cname(), r.statusCode(), in);
            }
            try (var reader = jakarta.json.Json.createReader(in)) {
                return new Held(Optional.of(PageJson.readStat(reader.readObject())), OptionalLong.empty());
            }
        } catch (IOException | NumberFormatException e) {
            throw unreachable(node, e);
        }
    }

    /** What {@code node} sees of a promote source (see {@code PromoteXaction.scan}). */
    public PromoteScan promoteScan(NodeInfo node, PromoteRequest request) {
        HttpResponse<InputStream> r = send(
                node,
                HttpRequest.newBuilder(uri(node, "/" + ROOT + "/" + PROMOTE_SCAN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                PromoteJson.writeRequest(request).toString())),
                Duration.ofMinutes(2));
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(node, "promote scan of " + request.source(), r.statusCode(), in);
            }
            try (var reader = jakarta.json.Json.createReader(in)) {
                return PromoteJson.readScan(reader.readObject());
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /**
     * Tells {@code node} that a client deleted the object at {@code atMillis}: it keeps the delete record and drops
     * its copy if that was written no later. Returns whether it dropped a copy.
     */
    public boolean deleteRecord(NodeInfo node, ObjectId id, long atMillis) {
        HttpResponse<InputStream> r = send(
                node,
                HttpRequest.newBuilder(uri(node, objectPath(ROOT, OBJECTS, id) + "&" + P_DELETED_AT + "=" + atMillis))
                        .DELETE(),
                Duration.ofSeconds(30));
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return false;
            }
            if (r.statusCode() != 200) {
                throw failure(node, "delete record of " + id.cname(), r.statusCode(), in);
            }
            return true;
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /**
     * Streams {@code length} bytes from {@code offset} of the object held by {@code node}; the caller closes the
     * stream. NOT_FOUND when the node does not have it.
     */
    public InputStream read(NodeInfo node, ObjectId id, long offset, long length) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri(node, objectPath(ROOT, OBJECTS, id))).GET();
        if (length >= 0) {
            b.header("Range", "bytes=" + offset + "-" + (offset + length - 1));
        }
        HttpResponse<InputStream> r = send(node, b, Duration.ofHours(6));
        if (r.statusCode() == 200 || r.statusCode() == 206) {
            return r.body();
        }
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                throw AisException.noSuchObject(id.cname());
            }
            throw failure(node, "read " + id.cname(), r.statusCode(), in);
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /**
     * Sends an object to {@code node}, which stores it with the given metadata (same version, checksum verified
     * on arrival), counted in the receiver's job {@code xactId}. Returns only after the receiver committed it.
     */
    public void push(NodeInfo node, ObjectId id, ObjectStat stat, InputStream body, String xactId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(node, objectPath(ROOT, OBJECTS, id)))
                .header("Content-Type", "application/octet-stream")
                .header(XACT_HEADER, xactId == null ? "" : xactId)
                .header(META_HEADER, PageJson.stat(stat).toString())
                .PUT(publisher(body, stat.size()));
        HttpResponse<InputStream> r = send(node, b, Duration.ofHours(6));
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(node, "push " + id.cname(), r.statusCode(), in);
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /**
     * Streams a request to {@code node} as it came (method, raw path and query, headers) with the cluster secret
     * added, and returns the response unread: the S3 API forwards object calls to their owner this way so that S3
     * clients never see a redirect. {@code body} null means none; {@code length} is its length, or -1 when unknown
     * (sent chunked). The caller closes the
     * response body. Restricted headers (Host, Content-Length, Connection, ...) are the client's to set.
     */
    public HttpResponse<InputStream> forward(
            NodeInfo node,
            String method,
            String rawPathAndQuery,
            java.util.Map<String, java.util.List<String>> headers,
            InputStream body,
            long length) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(node, rawPathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : publisher(body, length));
        headers.forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
        return send(node, b, Duration.ofHours(6));
    }

    /**
     * A streamed body of {@code length} bytes (-1: unknown, sent chunked). Zero bytes are sent as an empty body: the
     * JDK refuses a stream publisher of length 0 (an empty object could not be pushed or rebalanced before).
     */
    static HttpRequest.BodyPublisher publisher(InputStream body, long length) {
        if (length == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return length < 0
                ? HttpRequest.BodyPublishers.ofInputStream(() -> body)
                : HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> body), length);
    }

    /** {@code node}'s job snapshots matching id/kind (empty strings: any). */
    public java.util.List<XactSnapshot> xactions(NodeInfo node, String id, String kind, boolean onlyRunning) {
        String q = "/" + ROOT + "/" + XACTIONS + "?" + P_ID + "=" + enc(id == null ? "" : id) + "&" + P_KIND + "="
                + enc(kind == null ? "" : kind) + "&" + P_RUNNING + "=" + onlyRunning;
        HttpResponse<InputStream> r =
                send(node, HttpRequest.newBuilder(uri(node, q)).GET(), Duration.ofSeconds(30));
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(node, "xactions", r.statusCode(), in);
            }
            try (var reader = jakarta.json.Json.createReader(in)) {
                return XactJson.readSnaps(reader.readArray());
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /** Whether {@code node} answers on its intra-cluster endpoint (its application is deployed). */
    public boolean ping(NodeInfo node) {
        try {
            HttpResponse<InputStream> r = send(
                    node,
                    HttpRequest.newBuilder(uri(node, "/" + ROOT + "/" + PING)).GET(),
                    Duration.ofSeconds(5));
            try (InputStream in = r.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return r.statusCode() == 200;
        } catch (AisException | IOException e) {
            return false;
        }
    }

    /**
     * {@code node}'s own status document (AIS {@code node_status}, the JSON text of its public
     * {@code GET /v1/daemon?what=node_status}), fetched without blocking; completes exceptionally with the
     * domain failure when the node does not answer 200 within {@code timeout}.
     */
    public java.util.concurrent.CompletableFuture<String> nodeStatus(NodeInfo node, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(uri(node, "/v1/daemon?what=node_status"))
                .header(SECRET_HEADER, secret)
                .timeout(timeout)
                .GET()
                .build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw failure(node, "node_status", r.statusCode(), r.body());
            }
            return r.body();
        });
    }

    /** Asks {@code node} to stop its process gracefully. */
    public void shutdown(NodeInfo node) {
        HttpResponse<InputStream> r = send(
                node,
                HttpRequest.newBuilder(uri(node, "/" + ROOT + "/" + SHUTDOWN))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                Duration.ofSeconds(30));
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(node, "shutdown", r.statusCode(), in);
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /** Starts this node's part of job {@code id} on {@code node} ({@code bucket} empty for all buckets). */
    public void startXaction(NodeInfo node, String kind, String id, String bucket) {
        String q = "/" + ROOT + "/" + XACTIONS_START + "?" + P_KIND + "=" + enc(kind) + "&" + P_ID + "=" + enc(id) + "&"
                + P_BUCKET + "=" + enc(bucket == null ? "" : bucket);
        HttpResponse<InputStream> r = send(
                node,
                HttpRequest.newBuilder(uri(node, q)).POST(HttpRequest.BodyPublishers.noBody()),
                Duration.ofSeconds(30));
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(node, "start " + kind + "[" + id + "]", r.statusCode(), in);
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /** Starts this node's part of multi-object job {@code id} on {@code node}, with its message. */
    public void runXaction(NodeInfo node, String kind, String id, String bucket, MultiObjRequest msg) {
        runXaction(node, kind, id, bucket, MultiObjJson.write(msg));
    }

    /** Starts this node's part of job {@code id} on {@code node}, with its JSON start message. */
    public void runXaction(NodeInfo node, String kind, String id, String bucket, jakarta.json.JsonObject msg) {
        String q = "/" + ROOT + "/" + XACTIONS_RUN + "?" + P_KIND + "=" + enc(kind) + "&" + P_ID + "=" + enc(id) + "&"
                + P_BUCKET + "=" + enc(bucket);
        HttpResponse<InputStream> r = send(
                node,
                HttpRequest.newBuilder(uri(node, q))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(msg.toString())),
                Duration.ofSeconds(60));
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(node, "run " + kind + "[" + id + "]", r.statusCode(), in);
            }
        } catch (IOException e) {
            throw unreachable(node, e);
        }
    }

    /**
     * Streams an object to {@code node} as a new object {@code to} (a copy to another bucket): stored with the
     * source's custom metadata, its checksum verified, a fresh version.
     */
    public void pushCopy(NodeInfo node, ObjectId to, ObjectStat stat, InputStream body) {
        push(node, to, stat, body, XACT_COPY);
    }

    private HttpResponse<InputStream> send(NodeInfo node, HttpRequest.Builder b, Duration timeout) {
        try {
            return http.send(
                    b.header(SECRET_HEADER, secret).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AisException(AisException.Kind.UNAVAILABLE, "interrupted calling " + node.displayName());
        }
    }

    private static URI uri(NodeInfo node, String pathAndQuery) {
        return URI.create(node.publicUrl() + pathAndQuery);
    }
}
