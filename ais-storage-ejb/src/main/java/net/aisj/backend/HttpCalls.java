package net.aisj.backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What the HTTP-speaking providers ({@code ais}, {@code ht}) share: JDK clients (HTTP/1.1, one that follows
 * redirects as AIS's proxies send them and one that does not), path encoding, and HTTP statuses and I/O failures as
 * typed backend errors. Thread-safe.
 */
public final class HttpCalls {

    /** How long a call may wait for the response headers. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient follow;
    private final HttpClient direct;

    public HttpCalls() {
        follow = client(HttpClient.Redirect.NORMAL);
        direct = client(HttpClient.Redirect.NEVER);
    }

    private static HttpClient client(HttpClient.Redirect r) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(r)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Sends {@code req}, following redirects when {@code followRedirects}; I/O failures are UNAVAILABLE. */
    public <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> body, boolean followRedirects) {
        try {
            return (followRedirects ? follow : direct).send(req, body);
        } catch (HttpTimeoutException e) {
            throw new BackendException(
                    BackendException.Kind.UNAVAILABLE, req.method() + " " + req.uri() + " timed out", e);
        } catch (IOException e) {
            throw new BackendException(
                    BackendException.Kind.UNAVAILABLE,
                    req.method() + " " + req.uri() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "interrupted: " + req.uri(), e);
        }
    }

    /** A request builder for {@code url} with the call timeout. */
    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    }

    /**
     * The error of a failed response: 404 as {@code notFound}, 401/403 ACCESS_DENIED, 416 and other 4xx
     * BAD_REQUEST, 5xx UNAVAILABLE; {@code detail} is the response's own text (may be empty).
     */
    public static BackendException error(int status, BackendException.Kind notFound, String what, String detail) {
        BackendException.Kind k = status == 404
                ? notFound
                : status == 401 || status == 403
                        ? BackendException.Kind.ACCESS_DENIED
                        : status >= 500 ? BackendException.Kind.UNAVAILABLE : BackendException.Kind.BAD_REQUEST;
        return new BackendException(
                k, what + ": HTTP " + status + (detail == null || detail.isBlank() ? "" : " " + detail.strip()), null);
    }

    /** Up to 1 KiB of an error body as text (closing the stream). */
    public static String errorText(InputStream body) {
        try (InputStream in = body) {
            return new String(in.readNBytes(1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Each segment of an object name percent-encoded as a URL path ({@code /} kept). */
    public static String encodePath(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 16);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** A query parameter value, URL-encoded. */
    public static String encodeQuery(String v) {
        return java.net.URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** The size of the whole object: the total of {@code Content-Range}, else {@code Content-Length}; -1 if neither. */
    public static long totalSize(HttpHeaders h) {
        String cr = h.firstValue("Content-Range").orElse("");
        int slash = cr.lastIndexOf('/');
        if (slash >= 0 && !cr.endsWith("*")) {
            try {
                return Long.parseLong(cr.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                // fall through to Content-Length
            }
        }
        return h.firstValueAsLong("Content-Length").orElse(-1);
    }

    /** {@code Last-Modified} in unix milliseconds, 0 when absent or unreadable. */
    public static long lastModified(HttpHeaders h) {
        String v = h.firstValue("Last-Modified").orElse("");
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** A {@code Range} header value for {@code length} bytes from {@code offset} ({@code length < 0}: to the end). */
    public static String range(long offset, long length) {
        return "bytes=" + offset + "-" + (length >= 0 ? Long.toString(offset + length - 1) : "");
    }
}
