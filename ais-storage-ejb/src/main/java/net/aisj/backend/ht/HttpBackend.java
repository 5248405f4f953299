package net.aisj.backend.ht;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import net.aisj.backend.Backend;
import net.aisj.backend.BackendException;
import net.aisj.backend.HttpCalls;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.backend.RemoteRead;

/**
 * One HTTP(S) origin (a base URL) as a read-only backend: an object is the base URL plus its name; HEAD and GET
 * (with {@code Range}) only. The ETag the origin sends is the object's identity. An origin cannot be listed
 * ({@link #canList()}: its bucket lists what is cached). Thread-safe.
 */
public final class HttpBackend implements Backend {

    private final String base;
    private final HttpCalls http;

    /** @param base the origin's base URL, ending in {@code /} */
    public HttpBackend(String base, HttpCalls http) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.http = http;
    }

    @Override
    public String provider() {
        return "ht";
    }

    @Override
    public String describe() {
        return "ht (" + base + ")";
    }

    @Override
    public boolean canList() {
        return false;
    }

    @Override
    public void headBucket(String bucket) {
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(base)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        close(r);
        if (r.statusCode() == 404 || r.statusCode() >= 500) {
            throw HttpCalls.error(r.statusCode(), BackendException.Kind.BUCKET_NOT_FOUND, "HEAD " + base, "");
        }
    }

    @Override
    public RemoteObject headObject(String bucket, String name) {
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(url(name))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        close(r);
        if (r.statusCode() != 200) {
            throw HttpCalls.error(r.statusCode(), BackendException.Kind.OBJECT_NOT_FOUND, "HEAD " + url(name), "");
        }
        return meta(name, r, HttpCalls.totalSize(r.headers()));
    }

    @Override
    public RemotePage list(String bucket, String prefix, String token, int pageSize) {
        throw new BackendException(
                BackendException.Kind.BAD_REQUEST, "an HTTP origin cannot be listed (" + base + ")", null);
    }

    @Override
    public RemoteRead get(String bucket, String name, long offset, long length) {
        HttpRequest.Builder b = HttpCalls.request(url(name)).GET();
        boolean ranged = offset > 0 || length >= 0;
        if (ranged) {
            b.header("Range", HttpCalls.range(offset, length));
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream(), true);
        int st = r.statusCode();
        if (st != 200 && st != 206) {
            String text = HttpCalls.errorText(r.body());
            throw HttpCalls.error(
                    st, BackendException.Kind.OBJECT_NOT_FOUND, "GET " + url(name), st == 404 ? "" : brief(text));
        }
        if (ranged && st == 200) {
            close(r);
            throw new BackendException(
                    BackendException.Kind.BAD_REQUEST, "the origin ignored the Range of GET " + url(name), null);
        }
        long size = HttpCalls.totalSize(r.headers());
        if (size < 0) {
            close(r);
            throw new BackendException(
                    BackendException.Kind.INTERNAL, "GET " + url(name) + ": the origin sent no Content-Length", null);
        }
        return new RemoteRead(meta(name, r, size), r.body());
    }

    @Override
    public RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> custom) {
        throw readOnly("PUT");
    }

    @Override
    public void delete(String bucket, String name) {
        throw readOnly("DELETE");
    }

    @Override
    public List<String> listBuckets() {
        return List.of();
    }

    private BackendException readOnly(String op) {
        return new BackendException(BackendException.Kind.READ_ONLY, op + " is not supported by HTTP origins", null);
    }

    private String url(String name) {
        return base + HttpCalls.encodePath(name);
    }

    private static RemoteObject meta(String name, HttpResponse<?> r, long size) {
        return new RemoteObject(
                name,
                size,
                r.headers().firstValue("ETag").orElse(""),
                "",
                HttpCalls.lastModified(r.headers()),
                Map.of());
    }

    private static String brief(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (java.io.IOException e) {
            // nothing was wanted of it
        }
    }
}
