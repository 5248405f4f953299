package net.aisj.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.aisj.connector.api.BucketId;

/**
 * The entry point of the Java client: a cluster (one or more node URLs), its buckets and jobs.
 *
 * <pre>{@code
 * AisClient ais = AisClient.builder().endpoint("http://127.0.0.1:8080").build();
 * Bucket b = ais.bucket("images");
 * b.create();
 * b.put("cat/1.jpg", Path.of("1.jpg"));
 * try (InputStream in = b.get("cat/1.jpg")) { ... }
 * }</pre>
 *
 * <p>Smart routing: the client reads the cluster map once (and again whenever an owner changed or a node left),
 * computes each object's HRW owner itself and sends the object call straight to that target, so reads and writes
 * cost one hop. Control calls (buckets, listings, jobs) go to the configured endpoints, then to any proxy of the map.
 * Thread-safe: share one instance.
 */
public final class AisClient {

    private final Transport t;
    private final String user;
    private final char[] password;

    private AisClient(Transport t, String user, char[] password) {
        this.t = t;
        this.user = user;
        this.password = password;
    }

    /** The password given with {@link #user()}, for AuthN logins. */
    char[] password() {
        return password.clone();
    }

    /**
     * The user this client acts for ({@link Builder#credentials}), empty when none was given; it logs in at AuthN
     * when the cluster asks for a token.
     */
    public String user() {
        return user;
    }

    /**
     * One page of a target's object events after position {@code after} (see {@link EventPage}): at most
     * {@code limit} events of {@code bucket} (null: any) whose names start with {@code prefix} (null: any).
     */
    public EventPage events(ClusterView.Target target, long after, int limit, String bucket, String prefix) {
        StringBuilder q = new StringBuilder("/v1/events?after=")
                .append(after)
                .append("&limit=")
                .append(limit);
        if (bucket != null && !bucket.isEmpty()) {
            q.append("&bucket=").append(Transport.enc(bucket));
        }
        if (prefix != null && !prefix.isEmpty()) {
            q.append("&prefix=").append(Transport.enc(prefix));
        }
        return EventPage.parse(t.readJson(t.node(target.url(), "GET", q.toString()), "events of " + target.id(), 200));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cluster map as last read (read now if never). */
    public ClusterView clusterMap() {
        return t.view();
    }

    /** Reads the cluster map again. */
    public ClusterView refreshClusterMap() {
        return t.refresh();
    }

    /** An {@code ais://} bucket of this cluster. */
    public Bucket bucket(String name) {
        return new Bucket(t, BucketId.ais(name));
    }

    /** Any bucket: provider, namespace and name as AIS names them. */
    public Bucket bucket(BucketId id) {
        return new Bucket(t, Objects.requireNonNull(id));
    }

    /** The cluster's {@code ais://} buckets. */
    public List<BucketId> listBuckets() {
        JsonNode arr =
                t.readJson(t.control("GET", "/v1/buckets?provider=ais", "{\"action\":\"list\"}"), "list buckets", 200);
        List<BucketId> out = new ArrayList<>();
        for (JsonNode b : arr) {
            out.add(new BucketId(
                    b.path("provider").asText(BucketId.AIS),
                    b.path("namespace").path("name").asText(""),
                    b.path("name").asText()));
        }
        return out;
    }

    /**
     * Creates an ETL from an ETLSpecMsg (AIS's JSON: {@code name}, {@code communication}, {@code runtime},
     * {@code init_timeout}, ...); returns its job id once its transformers are up.
     */
    public String initEtl(String specJson) {
        return Etl.init(t, specJson);
    }

    /** Every ETL of the cluster. */
    public List<Etl.Info> listEtls() {
        return Etl.list(t);
    }

    /** The ETL named {@code name} (not checked: calls on an ETL that does not exist fail with 404). */
    public Etl etl(String name) {
        return new Etl(t, name);
    }

    /** Starts a cluster-wide job of {@code kind} ({@code rebalance}, {@code resilver}, ...); returns its id. */
    public String startJob(String kind) {
        ObjectNode msg = t.json().createObjectNode().put("action", "start");
        msg.putObject("value").put("kind", kind);
        return Transport.text(t.control("PUT", "/v1/cluster", msg.toString()), "start " + kind, 200)
                .strip();
    }

    /** The state of job {@code id} ({@code kind} may be null) across the cluster. */
    public JobStatus jobStatus(String id, String kind) {
        ObjectNode args = t.json().createObjectNode().put("ID", id);
        if (kind != null) {
            args.put("Kind", kind);
        }
        JsonNode s =
                t.readJson(t.control("GET", "/v1/cluster?what=status", args.toString()), "status of job " + id, 200);
        return new JobStatus(
                id,
                s.path("kind").asText(kind == null ? "" : kind),
                s.path("end_time").asLong(0),
                s.path("aborted").asBoolean(false),
                s.path("err").asText(""));
    }

    /**
     * The counters of job {@code id} summed over every node ({@code loc-objs}, {@code out-objs}, {@code out-bytes},
     * ... as AIS names them; {@code GET /v1/cluster?what=qryxstats}): its progress while it runs.
     */
    public java.util.Map<String, Long> jobCounters(String id, String kind) {
        ObjectNode args = t.json().createObjectNode().put("ID", id);
        if (kind != null) {
            args.put("Kind", kind);
        }
        JsonNode all = t.readJson(
                t.control("GET", "/v1/cluster?what=qryxstats", args.toString()), "counters of job " + id, 200);
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (JsonNode perNode : all) {
            for (JsonNode snap : perNode) {
                snap.path("stats").fields().forEachRemaining(f -> {
                    try {
                        out.merge(f.getKey(), Long.parseLong(f.getValue().asText()), Long::sum);
                    } catch (NumberFormatException e) {
                        // not a counter
                    }
                });
            }
        }
        return out;
    }

    /**
     * Polls job {@code id} until it ended (AIS's {@code Job.wait}), every 200 ms up to 2 s apart.
     *
     * @throws AisClientException (408) when it still runs after {@code timeout}
     */
    public JobStatus waitForJob(String id, String kind, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 200;
        while (true) {
            JobStatus s = jobStatus(id, kind);
            if (s.finished()) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AisClientException(408, "job " + id + " still runs after " + timeout);
            }
            try {
                Thread.sleep(pause); // the poll's interval: AIS's SDK polls the same way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AisClientException("interrupted while waiting for job " + id, e);
            }
            pause = Math.min(2000, pause * 2);
        }
    }

    /** Object calls sent again (changed owner, node gone) since this client was built: for monitoring. */
    public long retries() {
        return t.retries();
    }

    /** How to reach the cluster. */
    public static final class Builder {
        private final List<URI> endpoints = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofMinutes(10);
        private String user = "";
        private char[] password = new char[0];
        private String token;
        private String authnUrl;
        private java.util.concurrent.Executor executor;
        private javax.net.ssl.SSLContext tls;
        private java.security.KeyStore trusted;
        private javax.net.ssl.KeyManager[] identity;

        private Builder() {}

        /**
         * For {@code https} endpoints: trust the CA certificate(s) of a PEM file (AIS's {@code AIS_CLIENT_CA}, read
         * when no trust was given) instead of the JDK's default authorities. Host names are always verified.
         */
        public Builder trustCa(java.nio.file.Path pem) {
            trusted = ClientTls.trustedPem(pem);
            return this;
        }

        /** For {@code https} endpoints: trust the certificates of a PKCS#12 or JKS trust store. */
        public Builder trustStore(java.nio.file.Path store, char[] password) {
            trusted = ClientTls.trustedStore(store, password);
            return this;
        }

        /**
         * For {@code https} nodes that require client certificates (AIS's {@code net.http.client_auth_tls} 3 or 4):
         * the client's certificate chain and key from a PKCS#12 or JKS key store (the key's password is the store's);
         * combined with {@link #trustCa} / {@link #trustStore} (else the JDK's authorities are trusted).
         */
        public Builder clientCertificate(java.nio.file.Path keyStore, char[] password) {
            identity = ClientTls.identity(keyStore, password);
            return this;
        }

        /** For {@code https} endpoints: a TLS context of the caller's (replaces the trust and certificate above). */
        public Builder sslContext(javax.net.ssl.SSLContext context) {
            tls = Objects.requireNonNull(context);
            return this;
        }

        /**
         * AuthN user and password: when the cluster answers {@code 401} (its {@code auth.enabled} is on), the client
         * logs in at AuthN ({@link #authnUrl}) and sends the token with every call, logging in again when it expires.
         * A cluster without authentication never sees them.
         */
        public Builder credentials(String user, char[] password) {
            this.user = user == null ? "" : user;
            this.password = password == null ? new char[0] : password.clone();
            return this;
        }

        /** A token from AuthN (AIS's {@code AIS_AUTHN_TOKEN}), sent as {@code Authorization: Bearer} with every call. */
        public Builder token(String token) {
            this.token = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /** Where AuthN answers logins; default: the first endpoint's {@code /authn} (every node serves it). */
        public Builder authnUrl(String url) {
            this.authnUrl = url;
            return this;
        }

        /** Runs the HTTP client's asynchronous work (e.g. a Jakarta EE server's managed threads); default: its own. */
        public Builder executor(java.util.concurrent.Executor e) {
            executor = Objects.requireNonNull(e);
            return this;
        }

        /** A node's URL (any node: proxy or target); more than one for failover of control calls. */
        public Builder endpoint(String url) {
            endpoints.add(URI.create(url));
            return this;
        }

        public Builder connectTimeout(Duration d) {
            connectTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** How long a call may wait for its answer's status and headers (a PUT's upload included). */
        public Builder timeout(Duration d) {
            timeout = Objects.requireNonNull(d);
            return this;
        }

        /** The endpoint from {@code AIS_ENDPOINT} when none was given, as AIS's CLI and SDK read it. */
        public AisClient build() {
            if (endpoints.isEmpty()) {
                String env = System.getenv("AIS_ENDPOINT");
                if (env == null || env.isBlank()) {
                    throw new IllegalStateException("no endpoint: call endpoint(url) or set AIS_ENDPOINT");
                }
                endpoints.add(URI.create(env.strip()));
            }
            javax.net.ssl.SSLContext ctx = tls;
            if (ctx == null) {
                java.security.KeyStore trust = trusted;
                String ca = System.getenv("AIS_CLIENT_CA");
                if (trust == null && ca != null && !ca.isBlank()) {
                    trust = ClientTls.trustedPem(java.nio.file.Path.of(ca.strip()));
                }
                if (trust != null || identity != null) {
                    ctx = ClientTls.context(trust, identity);
                }
            }
            if (token == null) {
                String env = System.getenv("AIS_AUTHN_TOKEN");
                token = env == null || env.isBlank() ? null : env.strip();
            }
            char[] pass = password.clone();
            String u = user;
            String authn = authnUrl;
            java.util.function.Function<Transport, String> login =
                    u.isEmpty() ? null : t -> t.login(authn != null ? authn : t.defaultAuthnUrl(), u, pass);
            return new AisClient(
                    new Transport(endpoints, connectTimeout, timeout, executor, ctx, token, login),
                    user,
                    password.clone());
        }
    }
}
