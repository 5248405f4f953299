package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What AuthN asks a cluster it registers or trusts (AIS {@code cmd/authn/aisreq.go}), each call with AuthN's own
 * short-lived administrator token as {@code Authorization: Bearer}: the cluster's id ({@code GET
 * /v1/daemon?what=smap}), whether it accepts AuthN's tokens ({@code POST /v1/tokens}) and revoked tokens to refuse
 * ({@code DELETE /v1/tokens {"tokens":[...]}}). A failure is a {@link CallException} whose message says which URL
 * answered what. Thread-safe.
 */
public final class AuthnCalls {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;

    /** @param tls the context for {@code https} URLs, or null for the JDK's default authorities */
    public AuthnCalls(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** A call to a cluster that failed: unreachable, or an answer other than 200. */
    public static final class CallException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        CallException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The cluster's HTTP status, 0 when it could not be reached. */
        public int status() {
            return status;
        }
    }

    /** The cluster map uuid (AIS's cluster id) of the cluster at {@code url}. */
    public String clusterId(String url, String token) {
        String body = call("GET", url, "/v1/daemon?what=smap", token, null, "read its cluster map");
        try {
            JsonObject smap = AuthnJson.object(body);
            if (smap.get("uuid") instanceof JsonString s && !s.getString().isEmpty()) {
                return s.getString();
            }
        } catch (RuntimeException e) {
            // below
        }
        throw new CallException(200, url + " answered something that is not an AIS cluster map", null);
    }

    /** Whether the cluster at {@code url} accepts {@code token} (AIS's registration handshake). */
    public void validate(String url, String token) {
        call("POST", url, "/v1/tokens", token, "{}", "check that it accepts this AuthN's tokens");
    }

    /** Sends revoked tokens to the cluster at {@code url}: it refuses them from then on. */
    public void revoked(String url, String token, List<String> tokens) {
        var a = Json.createArrayBuilder();
        tokens.forEach(a::add);
        String body = Json.createObjectBuilder().add("tokens", a).build().toString();
        call("DELETE", url, "/v1/tokens", token, body, "send it the revoked tokens");
    }

    private String call(String method, String url, String path, String token, String body, String what) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpResponse<String> r;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new CallException(0, "cannot " + what + " at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallException(0, "interrupted while trying to " + what + " at " + base, e);
        }
        if (r.statusCode() != 200) {
            throw new CallException(
                    r.statusCode(),
                    "cannot " + what + " at " + base + ": " + r.statusCode() + " " + message(r.body()),
                    null);
        }
        return r.body();
    }

    /** AIS's error JSON's {@code message}, else the body (shortened). */
    private static String message(String body) {
        try {
            if (AuthnJson.object(body).get("message") instanceof JsonString s) {
                return s.getString();
            }
        } catch (RuntimeException e) {
            // not JSON
        }
        String b = body == null ? "" : body.strip();
        return b.length() > 200 ? b.substring(0, 200) + "..." : b;
    }
}
