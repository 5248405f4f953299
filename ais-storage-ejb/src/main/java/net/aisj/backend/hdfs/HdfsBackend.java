package net.aisj.backend.hdfs;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import net.aisj.backend.Backend;
import net.aisj.backend.BackendException;
import net.aisj.backend.HttpCalls;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.backend.RemoteRead;
import net.aisj.cluster.WebHdfsJson;

/**
 * HDFS through WebHDFS: the NameNode answers metadata calls and redirects reads and writes to a DataNode. A bucket is
 * the directory {@code root/bucket}, an object a file under it; the version is the file's modification time and
 * length (HDFS has no ETag). A write goes to a hidden temporary file in the same directory and is renamed over the
 * name when whole, so a failed write-through leaves nothing visible. Listing walks the directory tree in UTF-8 binary
 * order of full names (a directory sorts as its name plus {@code /}), skipping subtrees before the page's start,
 * each directory read in batches. User metadata is kept as the file's {@code user.*} extended attributes. Thread-safe.
 */
public final class HdfsBackend implements Backend {

    static final String TMP_PREFIX = ".aisj-tmp-";

    private final HdfsSettings settings;
    private final HttpCalls http;

    public HdfsBackend(HdfsSettings settings, HttpCalls http) {
        if (!settings.configured()) {
            throw new BackendException(
                    BackendException.Kind.BAD_REQUEST,
                    "HDFS is not configured on this node: set AIS_HDFS_URL (the NameNode's WebHDFS endpoint, e.g."
                            + " http://namenode:9870), and AIS_HDFS_ROOT / AIS_HDFS_USER as needed",
                    null);
        }
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String provider() {
        return "hdfs";
    }

    @Override
    public String describe() {
        return "hdfs (" + settings.url() + settings.root() + ")";
    }

    @Override
    public void headBucket(String bucket) {
        WebHdfsJson.Status st = status(dir(bucket), true);
        if (!st.dir()) {
            throw new BackendException(
                    BackendException.Kind.BUCKET_NOT_FOUND, dir(bucket) + " is a file, not a directory", null);
        }
    }

    @Override
    public RemoteObject headObject(String bucket, String name) {
        WebHdfsJson.Status st = status(path(bucket, name), false);
        if (st.dir()) {
            throw new BackendException(
                    BackendException.Kind.OBJECT_NOT_FOUND, path(bucket, name) + " is a directory", null);
        }
        return object(name, st).withCustom(xattrs(path(bucket, name)));
    }

    /**
     * The file's user metadata: its {@code user.*} extended attributes (none where the NameNode refuses them, e.g.
     * with {@code dfs.namenode.xattrs.enabled=false}).
     */
    private Map<String, String> xattrs(String path) {
        try (InputStream in = ok(call("GET", path, "GETXATTRS", "&encoding=base64", true), false)) {
            return WebHdfsJson.userXattrs(in);
        } catch (java.io.IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, e.toString(), e);
        } catch (BackendException e) {
            if (e.kind() == BackendException.Kind.UNAVAILABLE) {
                throw e;
            }
            return Map.of();
        }
    }

    @Override
    public RemotePage list(String bucket, String prefix, String token, int pageSize) {
        String after = token == null ? "" : token;
        String pfx = prefix == null ? "" : prefix;
        int want = Math.max(1, Math.min(pageSize, 10_000));
        List<RemoteObject> out = new ArrayList<>();
        boolean more = walk(bucket, "", pfx, after, want, out);
        return new RemotePage(
                out, more && !out.isEmpty() ? out.get(out.size() - 1).name() : "");
    }

    /**
     * Adds the files under {@code rel} (a directory, "" for the bucket) to {@code out}, in name order (a directory
     * {@code d} sorting as {@code d/}); true when more remain. The directory is read in batches (LISTSTATUS_BATCH,
     * the NameNode's {@code dfs.ls.limit} entries each), never whole; a subdirectory is walked once the batch order
     * (by plain name) has passed its place.
     */
    private boolean walk(String bucket, String rel, String prefix, String after, int want, List<RemoteObject> out) {
        java.util.TreeSet<String> dirs = new java.util.TreeSet<>();
        String start = "";
        String first = null;
        while (true) {
            WebHdfsJson.Batch batch = batch(bucket, rel, start);
            if (!batch.entries().isEmpty() && batch.entries().get(0).name().equals(first)) {
                // a server that ignores startafter would answer the same batch forever
                throw new BackendException(
                        BackendException.Kind.INTERNAL,
                        "LISTSTATUS_BATCH of " + dirPath(bucket, rel) + " did not advance past " + start,
                        null);
            }
            first = batch.entries().isEmpty() ? first : batch.entries().get(0).name();
            for (WebHdfsJson.Status e : batch.entries()) {
                start = e.name();
                if (e.name().startsWith(TMP_PREFIX)) {
                    continue;
                }
                String name = rel + e.name();
                String key = e.dir() ? name + "/" : name;
                while (!dirs.isEmpty() && dirs.first().compareTo(key) < 0) {
                    if (walk(bucket, dirs.pollFirst(), prefix, after, want, out)) {
                        return true;
                    }
                }
                if (e.dir()) {
                    // wholly before the page's start (also when the start is a listing's "past this directory")
                    boolean before = (key + Character.MAX_VALUE).compareTo(after) <= 0;
                    if (!before && (key.startsWith(prefix) || prefix.startsWith(key))) {
                        dirs.add(key);
                    }
                } else if (name.compareTo(after) > 0 && name.startsWith(prefix)) {
                    if (out.size() == want) {
                        return true;
                    }
                    out.add(object(name, e));
                }
            }
            if (batch.remaining() <= 0 || batch.entries().isEmpty()) {
                break;
            }
        }
        while (!dirs.isEmpty()) {
            if (walk(bucket, dirs.pollFirst(), prefix, after, want, out)) {
                return true;
            }
        }
        return false;
    }

    /** One batch of the directory {@code rel}'s entries after the entry named {@code start} ("": from the first). */
    private WebHdfsJson.Batch batch(String bucket, String rel, String start) {
        String q = start.isEmpty() ? "" : "&startafter=" + HttpCalls.encodeQuery(start);
        try (InputStream in = ok(call("GET", dirPath(bucket, rel), "LISTSTATUS_BATCH", q, true), rel.isEmpty())) {
            return WebHdfsJson.listBatch(in);
        } catch (java.io.IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, e.toString(), e);
        }
    }

    @Override
    public RemoteRead get(String bucket, String name, long offset, long length) {
        RemoteObject meta = headObject(bucket, name);
        String q = (offset > 0 ? "&offset=" + offset : "") + (length >= 0 ? "&length=" + length : "");
        HttpResponse<InputStream> r = call("GET", path(bucket, name), "OPEN", q, true);
        return new RemoteRead(meta, ok(r, false));
    }

    @Override
    public RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> custom) {
        String target = path(bucket, name);
        int slash = name.lastIndexOf('/');
        String tmp = dir(bucket) + "/" + (slash < 0 ? "" : name.substring(0, slash + 1)) + TMP_PREFIX
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-"
                + (slash < 0 ? name : name.substring(slash + 1));
        // CREATE answers with the DataNode to send the bytes to
        HttpResponse<InputStream> loc = call("PUT", tmp, "CREATE", "&overwrite=true", false);
        String dn;
        try (InputStream ignored = loc.body()) {
            if (loc.statusCode() != 307) {
                throw failure(loc.statusCode(), HttpCalls.errorText(loc.body()), "CREATE " + tmp, true);
            }
            dn = loc.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new BackendException(
                            BackendException.Kind.INTERNAL, "CREATE " + tmp + ": 307 without Location", null));
        } catch (java.io.IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, e.toString(), e);
        }
        boolean done = false;
        try {
            HttpRequest req = HttpCalls.request(dn)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> in), length))
                    .build();
            close(ok(http.send(req, HttpResponse.BodyHandlers.ofInputStream(), false), true));
            // user metadata as user.* extended attributes, set before the rename (they move with the file)
            for (Map.Entry<String, String> kv : (custom == null ? Map.<String, String>of() : custom).entrySet()) {
                String v = "0s"
                        + java.util.Base64.getEncoder()
                                .encodeToString(kv.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                close(ok(
                        call(
                                "PUT",
                                tmp,
                                "SETXATTR",
                                "&xattr.name=" + HttpCalls.encodeQuery("user." + kv.getKey()) + "&xattr.value="
                                        + HttpCalls.encodeQuery(v) + "&flag=CREATE",
                                false),
                        false));
            }
            // RENAME does not replace: the old file goes first (a reader in between sees no object, never a part)
            call("DELETE", target, "DELETE", "", false).body().close();
            try (InputStream r =
                    ok(call("PUT", tmp, "RENAME", "&destination=" + HttpCalls.encodeQuery(target), false), true)) {
                if (!WebHdfsJson.booleanResult(r)) {
                    throw new BackendException(
                            BackendException.Kind.INTERNAL, "RENAME " + tmp + " to " + target + " refused", null);
                }
            }
            done = true;
        } catch (java.io.IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, e.toString(), e);
        } finally {
            if (!done) {
                try {
                    call("DELETE", tmp, "DELETE", "", false).body().close();
                } catch (RuntimeException | java.io.IOException e) {
                    // the temporary file stays hidden from listings; nothing more to do while the backend fails
                }
            }
        }
        return headObject(bucket, name);
    }

    @Override
    public void delete(String bucket, String name) {
        try (InputStream in = ok(call("DELETE", path(bucket, name), "DELETE", "", false), false)) {
            if (!WebHdfsJson.booleanResult(in)) {
                throw new BackendException(
                        BackendException.Kind.OBJECT_NOT_FOUND, path(bucket, name) + " does not exist", null);
            }
        } catch (java.io.IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, e.toString(), e);
        }
    }

    @Override
    public List<String> listBuckets() {
        try (InputStream in = ok(call("GET", settings.root(), "LISTSTATUS", "", true), true)) {
            return WebHdfsJson.listStatus(in).stream()
                    .filter(WebHdfsJson.Status::dir)
                    .map(WebHdfsJson.Status::name)
                    .toList();
        } catch (java.io.IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, e.toString(), e);
        }
    }

    private WebHdfsJson.Status status(String path, boolean bucketCall) {
        try (InputStream in = ok(call("GET", path, "GETFILESTATUS", "", true), bucketCall)) {
            return WebHdfsJson.fileStatus(in);
        } catch (java.io.IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, e.toString(), e);
        }
    }

    private static RemoteObject object(String name, WebHdfsJson.Status st) {
        return new RemoteObject(name, st.length(), "", st.mtime() + "-" + st.length(), st.mtime(), Map.of());
    }

    private String dir(String bucket) {
        return settings.root() + bucket;
    }

    private String dirPath(String bucket, String rel) {
        return rel.isEmpty() ? dir(bucket) : dir(bucket) + "/" + rel.substring(0, rel.length() - 1);
    }

    private String path(String bucket, String name) {
        return dir(bucket) + "/" + name;
    }

    private HttpResponse<InputStream> call(String method, String path, String op, String query, boolean follow) {
        String url = settings.url() + "/webhdfs/v1" + HttpCalls.encodePath(path) + "?op=" + op
                + (settings.user().isEmpty() ? "" : "&user.name=" + HttpCalls.encodeQuery(settings.user())) + query;
        HttpRequest req = HttpCalls.request(url)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofInputStream(), follow);
    }

    /** The body of a 2xx response; otherwise the typed error (the body closed). */
    private static InputStream ok(HttpResponse<InputStream> r, boolean bucketCall) {
        if (r.statusCode() / 100 == 2) {
            return r.body();
        }
        throw failure(
                r.statusCode(), HttpCalls.errorText(r.body()), r.request().method() + " " + path(r.uri()), bucketCall);
    }

    private static String path(URI u) {
        return u.getRawPath();
    }

    private static BackendException failure(int status, String body, String what, boolean bucketCall) {
        String[] ex = WebHdfsJson.remoteException(body);
        String detail = (ex[0].isEmpty() ? "" : ex[0] + ": ") + ex[1];
        if (status == 404 || "FileNotFoundException".equals(ex[0])) {
            return new BackendException(
                    bucketCall ? BackendException.Kind.BUCKET_NOT_FOUND : BackendException.Kind.OBJECT_NOT_FOUND,
                    what + ": " + detail,
                    null);
        }
        return HttpCalls.error(
                status,
                bucketCall ? BackendException.Kind.BUCKET_NOT_FOUND : BackendException.Kind.OBJECT_NOT_FOUND,
                what,
                detail);
    }

    private static void close(InputStream in) throws java.io.IOException {
        try (in) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
