package net.aisj.backend.ais;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.aisj.backend.Backend;
import net.aisj.backend.BackendException;
import net.aisj.backend.HttpCalls;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.backend.RemoteRead;
import net.aisj.cluster.RemoteAisJson;
import net.aisj.core.RemoteAis;

/**
 * A remote AIS cluster through its native API ({@code /v1/buckets}, {@code /v1/objects}) at one URL, as AIS's
 * {@code ais} backend reaches one: buckets of the remote's global namespace, objects read and written through its
 * proxy (whose {@code 307} to the owning target is followed; a PUT first asks where to send the bytes, so that the
 * body is streamed once). Object identity: the remote's version, its ETag else its checksum. Thread-safe.
 */
public final class AisBackend implements Backend {

    /** Custom keys a cached copy keeps of its own; never taken from the remote's. */
    private static final Set<String> OWN_KEYS = Set.of("ETag", "source", "remote-version", "LastModified");

    private final RemoteAis remote;
    private final HttpCalls http;

    public AisBackend(RemoteAis remote, HttpCalls http) {
        this.remote = remote;
        this.http = http;
    }

    @Override
    public String provider() {
        return "ais";
    }

    @Override
    public String describe() {
        return "ais (remote cluster " + remote.alias() + " at " + remote.url() + ")";
    }

    /**
     * The remote cluster's Smap document ({@code GET /v1/cluster?what=smap}), as its text.
     *
     * @throws BackendException UNAVAILABLE when it cannot be reached or answers with an error
     */
    public static String smap(HttpCalls http, String url) {
        HttpResponse<String> r = http.send(
                HttpCalls.request(url + "/v1/cluster?what=smap").GET().build(),
                HttpResponse.BodyHandlers.ofString(),
                true);
        if (r.statusCode() != 200) {
            throw new BackendException(
                    BackendException.Kind.UNAVAILABLE,
                    url + " does not answer as an AIS cluster (GET /v1/cluster?what=smap: HTTP " + r.statusCode() + ")",
                    null);
        }
        return r.body();
    }

    /** The cluster UUID of an Smap document, or "" when it has none. */
    public static String uuidOf(String smap) {
        return RemoteAisJson.smapUuid(smap);
    }

    @Override
    public void headBucket(String bucket) {
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(bucketUrl(bucket))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        check(r, BackendException.Kind.BUCKET_NOT_FOUND, "HEAD ais://" + bucket);
        close(r);
    }

    @Override
    public RemoteObject headObject(String bucket, String name) {
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(objectUrl(remote.url(), bucket, name))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        check(r, BackendException.Kind.OBJECT_NOT_FOUND, "HEAD ais://" + bucket + "/" + name);
        close(r);
        return meta(name, r.headers(), HttpCalls.totalSize(r.headers()));
    }

    @Override
    public RemotePage list(String bucket, String prefix, String token, int pageSize) {
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(bucketUrl(bucket))
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .method(
                                "GET",
                                HttpRequest.BodyPublishers.ofString(RemoteAisJson.lsoRequest(prefix, token, pageSize)))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        check(r, BackendException.Kind.BUCKET_NOT_FOUND, "list ais://" + bucket);
        RemoteAisJson.LsoPage page;
        try (InputStream in = r.body()) {
            page = RemoteAisJson.lsoPage(in);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new BackendException(
                    BackendException.Kind.INTERNAL, "unreadable listing of ais://" + bucket + ": " + e.getMessage(), e);
        }
        List<RemoteObject> out = new ArrayList<>(page.entries().size());
        for (RemoteAisJson.LsoEntry e : page.entries()) {
            out.add(new RemoteObject(e.name(), e.size(), e.checksum(), e.version(), 0, Map.of()));
        }
        return new RemotePage(out, page.token());
    }

    @Override
    public RemoteRead get(String bucket, String name, long offset, long length) {
        HttpRequest.Builder b =
                HttpCalls.request(objectUrl(remote.url(), bucket, name)).GET();
        if (offset > 0 || length >= 0) {
            b.header("Range", HttpCalls.range(offset, length));
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream(), true);
        check(r, BackendException.Kind.OBJECT_NOT_FOUND, "GET ais://" + bucket + "/" + name);
        long size = HttpCalls.totalSize(r.headers());
        if (size < 0) {
            close(r);
            throw new BackendException(
                    BackendException.Kind.INTERNAL,
                    "GET ais://" + bucket + "/" + name + ": the remote sent no Content-Length",
                    null);
        }
        return new RemoteRead(meta(name, r.headers(), size), r.body());
    }

    @Override
    public RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> custom) {
        String url = owner(bucket, name);
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(url)
                        .timeout(java.time.Duration.ofHours(1))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> in), length))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                false);
        check(r, BackendException.Kind.BUCKET_NOT_FOUND, "PUT ais://" + bucket + "/" + name);
        close(r);
        return meta(name, r.headers(), length);
    }

    /**
     * Where to PUT an object: the remote proxy answers a HEAD of it with a {@code 307} to the owning target (or
     * serves it itself when it is that target); the bytes then go there directly, streamed once.
     */
    private String owner(String bucket, String name) {
        String url = objectUrl(remote.url(), bucket, name);
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(url)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                false);
        close(r);
        if (r.statusCode() / 100 == 3) {
            return r.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new BackendException(
                            BackendException.Kind.INTERNAL,
                            "redirect without a Location for ais://" + bucket + "/" + name,
                            null));
        }
        if (r.statusCode() >= 500) {
            throw HttpCalls.error(r.statusCode(), BackendException.Kind.OBJECT_NOT_FOUND, "HEAD " + url, "");
        }
        return url;
    }

    @Override
    public void delete(String bucket, String name) {
        HttpResponse<InputStream> r = http.send(
                HttpCalls.request(objectUrl(remote.url(), bucket, name))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream(),
                true);
        check(r, BackendException.Kind.OBJECT_NOT_FOUND, "DELETE ais://" + bucket + "/" + name);
        close(r);
    }

    @Override
    public List<String> listBuckets() {
        HttpResponse<String> r = http.send(
                HttpCalls.request(remote.url() + "/v1/buckets?provider=ais")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(),
                true);
        if (r.statusCode() != 200) {
            throw HttpCalls.error(r.statusCode(), BackendException.Kind.BUCKET_NOT_FOUND, "list buckets", r.body());
        }
        try {
            return RemoteAisJson.globalBucketNames(r.body());
        } catch (IllegalArgumentException e) {
            throw new BackendException(BackendException.Kind.INTERNAL, "unreadable bucket list: " + e.getMessage(), e);
        }
    }

    private String bucketUrl(String bucket) {
        return remote.url() + "/v1/buckets/" + HttpCalls.encodePath(bucket) + "?provider=ais";
    }

    static String objectUrl(String base, String bucket, String name) {
        return base + "/v1/objects/" + HttpCalls.encodePath(bucket) + "/" + HttpCalls.encodePath(name)
                + "?provider=ais";
    }

    /** The object as the remote's AIS headers describe it. */
    static RemoteObject meta(String name, HttpHeaders h, long size) {
        Map<String, String> custom = new HashMap<>();
        for (String kv : h.allValues("Ais-Custom-Md")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && !OWN_KEYS.contains(kv.substring(0, eq))) {
                custom.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String etag =
                h.firstValue("ETag").orElse(h.firstValue("Ais-Checksum-Value").orElse(""));
        return new RemoteObject(
                name, size, etag, h.firstValue("Ais-Version").orElse(""), HttpCalls.lastModified(h), custom);
    }

    private static void check(HttpResponse<InputStream> r, BackendException.Kind notFound, String what) {
        int st = r.statusCode();
        if (st >= 200 && st < 300) {
            return;
        }
        String text = HttpCalls.errorText(r.body());
        throw HttpCalls.error(st, notFound, what, RemoteAisJson.errorMessage(text));
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (java.io.IOException e) {
            // nothing was wanted of it
        }
    }
}
