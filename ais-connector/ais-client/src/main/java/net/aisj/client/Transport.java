package net.aisj.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import net.aisj.connector.api.BucketId;

/**
 * HTTP to the nodes: control calls to the configured endpoints (then to any proxy of the cluster map), object calls
 * to the object's HRW owner. An object call answered {@code 307} (the owner changed), {@code 503} or not at all is
 * retried after refreshing the cluster map, as long as the request can be sent again (at most {@value #ATTEMPTS}
 * attempts). Errors become {@link AisClientException} with AIS's message. Thread-safe.
 */
final class Transport {

    static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final List<URI> endpoints;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private volatile ClusterView view;
    private final LongAdder retries = new LongAdder();
    /** The AuthN token sent as {@code Authorization: Bearer}; null sends none. */
    private volatile String token;
    /** Gets a new token from AuthN (the builder's credentials); null when the client has only a fixed token. */
    private final java.util.function.Function<Transport, String> login;

    /**
     * @param connectTimeout how long to wait for a connection to a node
     * @param timeout how long to wait for an answer's status and headers (a PUT's whole upload included)
     */
    Transport(
            List<URI> endpoints,
            Duration connectTimeout,
            Duration timeout,
            java.util.concurrent.Executor executor,
            javax.net.ssl.SSLContext tls,
            String token,
            java.util.function.Function<Transport, String> login) {
        this.endpoints = List.copyOf(endpoints);
        this.timeout = timeout;
        this.token = token;
        this.login = login;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (executor != null) {
            b.executor(executor);
        }
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** A call to one given node (e.g. a target's event journal), without failover. */
    HttpResponse<InputStream> node(URI node, String method, String pathAndQuery) {
        try {
            return http.send(
                    request(node, pathAndQuery)
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AisClientException(method + " " + pathAndQuery + " at " + node + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AisClientException("interrupted: " + method + " " + pathAndQuery, e);
        }
    }

    ObjectMapper json() {
        return json;
    }

    /** Object calls sent again after a changed owner or an unavailable node, since this client started. */
    long retries() {
        return retries.sum();
    }

    ClusterView view() {
        ClusterView v = view;
        return v != null ? v : refresh();
    }

    /** Reads the cluster map again from the first node that answers. */
    ClusterView refresh() {
        JsonNode smap = readJson(control("GET", "/v1/daemon?what=smap", null), "GET cluster map", 200);
        ClusterView v = ClusterView.parse(smap);
        view = v;
        return v;
    }

    /**
     * A control call ({@code jsonBody} may be null) to the first endpoint, then proxy, that answers; a {@code 401}
     * (no token yet, or it expired) logs in again once when the client has credentials.
     */
    HttpResponse<InputStream> control(String method, String pathAndQuery, String jsonBody) {
        return control(method, pathAndQuery, jsonBody, true);
    }

    private HttpResponse<InputStream> control(String method, String pathAndQuery, String jsonBody, boolean mayLogin) {
        LinkedHashSet<URI> nodes = new LinkedHashSet<>(endpoints);
        ClusterView v = view;
        if (v != null) {
            nodes.addAll(v.proxies());
        }
        IOException last = null;
        for (URI node : nodes) {
            HttpRequest.Builder b = request(node, pathAndQuery);
            if (jsonBody == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
            }
            try {
                HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() == 401 && mayLogin && relogin()) {
                    discard(r);
                    return control(method, pathAndQuery, jsonBody, false);
                }
                return r;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AisClientException("interrupted: " + method + " " + pathAndQuery, e);
            }
        }
        throw new AisClientException(
                "no node answered " + method + " " + pathAndQuery + " (tried " + nodes + ")"
                        + (last == null ? "" : ": " + reason(last)),
                last);
    }

    /**
     * An object call to the owner of {@code name}: {@code query} without the leading {@code ?} (the provider is
     * added), {@code body} null for calls without one.
     */
    HttpResponse<InputStream> object(
            String method, BucketId bucket, String name, String query, Body body, Map<String, String> headers) {
        String path = objectPath(bucket, name, query);
        URI target = owner(bucket, name, false);
        boolean loggedIn = false;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = request(target, path);
            headers.forEach(b::header);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.method(method, body.publisher());
                if (body instanceof Body.Stream) {
                    b.expectContinue(true); // a node that redirects answers before the stream is read
                }
            }
            boolean again = attempt < ATTEMPTS && (body == null || body.replayable());
            HttpResponse<InputStream> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (!again) {
                    throw new AisClientException(
                            method + " " + bucket.cname() + "/" + name + " at " + target + ": " + reason(e), e);
                }
                retries.increment();
                target = owner(bucket, name, true);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AisClientException("interrupted: " + method + " " + bucket.cname() + "/" + name, e);
            }
            int s = r.statusCode();
            if (s == 401 && !loggedIn && (body == null || body.replayable()) && relogin()) {
                discard(r);
                loggedIn = true;
                continue;
            }
            if (s == 307 || s == 302 || s == 503) {
                if (again) {
                    discard(r);
                    retries.increment();
                    URI fresh = owner(bucket, name, true);
                    target = s == 503
                            ? fresh
                            : r.headers()
                                    .firstValue("Location")
                                    .map(l -> origin(URI.create(l)))
                                    .orElse(fresh);
                    continue;
                }
            }
            return r;
        }
    }

    /**
     * The object's owner by the cluster map ({@code refreshed}: read again first); the first endpoint when this
     * client may not read the map (a user without AIS's SHOW-CLUSTER permission: its calls then go through that node
     * and follow its redirects, as AIS's SDK without {@code direct} does).
     */
    private URI owner(BucketId bucket, String name, boolean refreshed) {
        try {
            return (refreshed ? refresh() : view()).owner(bucket, name).url();
        } catch (AisClientException e) {
            if (e.status() != 403) {
                throw e;
            }
            return endpoints.get(0);
        }
    }

    /**
     * Fails with AIS's message unless {@code r} has one of the {@code expected} statuses; reads the error body.
     *
     * @throws AisClientException for any other status
     */
    static HttpResponse<InputStream> check(HttpResponse<InputStream> r, String what, int... expected) {
        for (int e : expected) {
            if (r.statusCode() == e) {
                return r;
            }
        }
        String text;
        try (InputStream in = r.body()) {
            text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = e.getMessage();
        }
        throw new AisClientException(r.statusCode(), what + ": " + message(text) + " (" + r.statusCode() + ")");
    }

    JsonNode readJson(HttpResponse<InputStream> r, String what, int expected) {
        check(r, what, expected);
        try (InputStream in = r.body()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new AisClientException(what + ": unreadable answer: " + reason(e), e);
        }
    }

    static String text(HttpResponse<InputStream> r, String what, int expected) {
        check(r, what, expected);
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void discard(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the connection is dropped instead of reused: nothing else to do
        }
    }

    /** {@code /v1/objects/<bucket>/<name>?provider=..[&namespace=..][&query]}, every path segment encoded. */
    static String objectPath(BucketId bucket, String name, String query) {
        List<String> segs = new ArrayList<>();
        for (String s : name.split("/", -1)) {
            segs.add(enc(s));
        }
        StringBuilder p = new StringBuilder("/v1/objects/")
                .append(enc(bucket.name()))
                .append('/')
                .append(String.join("/", segs))
                .append("?provider=")
                .append(enc(bucket.provider()));
        if (!bucket.namespace().isEmpty()) {
            p.append("&namespace=").append(enc(bucket.namespace()));
        }
        if (query != null && !query.isEmpty()) {
            p.append('&').append(query);
        }
        return p.toString();
    }

    /** Percent-encoding for a path segment or a query value (space as %20). */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(URI node, String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(strip(node.toString()) + pathAndQuery))
                .timeout(timeout);
        String t = token;
        if (t != null) {
            b.header("Authorization", "Bearer " + t);
        }
        return b;
    }

    /** Replaces the token by a new login; false when the client has no credentials to log in with. */
    private synchronized boolean relogin() {
        if (login == null) {
            return false;
        }
        token = login.apply(this);
        return true;
    }

    /**
     * AIS's AuthN login ({@code POST <authn>/v1/users/<user>} with the password), at the AuthN service every node
     * serves under {@code /authn}; returns the token.
     *
     * @throws AisClientException (401) for wrong credentials
     */
    String login(String authnUrl, String user, char[] password) {
        String body =
                json.createObjectNode().put("password", new String(password)).toString();
        URI u = URI.create(strip(authnUrl) + "/v1/users/" + enc(user));
        try {
            HttpResponse<InputStream> r = http.send(
                    HttpRequest.newBuilder(u)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return readJson(r, "login of " + user + " at " + u, 200)
                    .path("token")
                    .asText();
        } catch (IOException e) {
            throw new AisClientException("login of " + user + " at " + u + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AisClientException("interrupted: login of " + user, e);
        }
    }

    /** Where AuthN answers by default: the first configured endpoint's {@code /authn} (every node serves it). */
    String defaultAuthnUrl() {
        return strip(endpoints.get(0).toString()) + "/authn";
    }

    private static URI origin(URI u) {
        return URI.create(u.getScheme() + "://" + u.getRawAuthority());
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The {@code message} of an AIS JSON error, or the text as is. */
    private static String message(String body) {
        try {
            JsonNode n = new ObjectMapper().readTree(body);
            return n != null && n.hasNonNull("message") ? n.get("message").asText() : body.strip();
        } catch (IOException | RuntimeException e) {
            return body.strip();
        }
    }

    /**
     * What went wrong, for a message: the JDK's HTTP client throws some exceptions without a message (a refused
     * connection is a {@code ConnectException} with none), so the type and the cause stand in.
     */
    static String reason(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 300; t = t.getCause()) {
            String m = t.getMessage();
            if (b.length() > 0) {
                b.append(": ");
            }
            b.append(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
            if (m != null && !m.isBlank()) {
                break;
            }
        }
        return b.toString();
    }
}
