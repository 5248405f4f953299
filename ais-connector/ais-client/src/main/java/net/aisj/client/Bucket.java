package net.aisj.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import net.aisj.connector.api.BucketId;

/**
 * One bucket: its lifecycle, listing and objects. Object calls go straight to the object's owner (see
 * {@link AisClient}). Thread-safe; cheap to create.
 */
public final class Bucket {

    private final Transport t;
    private final BucketId id;

    Bucket(Transport t, BucketId id) {
        this.t = t;
        this.id = id;
    }

    public BucketId id() {
        return id;
    }

    /** Creates the bucket ({@code create-bck}); 409 when it exists. */
    public void create() {
        Transport.check(t.control("POST", bucketPath(""), "{\"action\":\"create-bck\"}"), "create " + id.cname(), 200);
    }

    /** Destroys the bucket and every object in it ({@code destroy-bck}). */
    public void destroy() {
        Transport.check(
                t.control("DELETE", bucketPath(""), "{\"action\":\"destroy-bck\"}"), "destroy " + id.cname(), 200);
    }

    public boolean exists() {
        HttpResponse<java.io.InputStream> r = t.control("HEAD", bucketPath(""), null);
        Transport.discard(r);
        if (r.statusCode() == 404) {
            return false;
        }
        Transport.check(r, "HEAD " + id.cname(), 200);
        return true;
    }

    /**
     * One page of the listing, names starting with {@code prefix} ("" for all), after {@code token} ("" for the
     * first page); {@code pageSize} 0 lets the cluster choose.
     */
    public ListPage list(String prefix, String token, int pageSize) {
        ObjectNode value = t.json()
                .createObjectNode()
                .put("prefix", prefix)
                .put("continuation_token", token)
                .put("pagesize", pageSize)
                .put("props", "name,size,checksum,version");
        ObjectNode msg = t.json().createObjectNode().put("action", "list");
        msg.set("value", value);
        JsonNode page = t.readJson(t.control("GET", bucketPath(""), msg.toString()), "list " + id.cname(), 200);
        List<ObjectEntry> entries = new ArrayList<>();
        for (JsonNode e : page.path("entries")) {
            entries.add(new ObjectEntry(
                    e.path("name").asText(),
                    e.path("size").asLong(0),
                    e.path("checksum").asText(""),
                    e.path("version").asText("")));
        }
        return new ListPage(entries, page.path("continuation_token").asText(""));
    }

    /** Every object whose name starts with {@code prefix}, fetched page by page as the iteration goes. */
    public Iterable<ObjectEntry> listAll(String prefix) {
        return () -> new Iterator<>() {
            private ListPage page = list(prefix, "", 0);
            private int next;

            @Override
            public boolean hasNext() {
                while (next == page.entries().size() && !page.last()) {
                    page = list(prefix, page.continuationToken(), 0);
                    next = 0;
                }
                return next < page.entries().size();
            }

            @Override
            public ObjectEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.entries().get(next++);
            }
        };
    }

    /** Stores {@code bytes} as object {@code name}. */
    public void put(String name, byte[] bytes) {
        put(name, Body.of(bytes));
    }

    /** Stores the file's content as object {@code name}, streamed. */
    public void put(String name, Path file) {
        put(name, Body.of(file));
    }

    /**
     * Stores {@code length} bytes read from {@code in} as object {@code name}, streamed (the caller closes
     * {@code in}). A stream is sent once: when the owner changed after the node began to read it, the call fails.
     */
    public void put(String name, InputStream in, long length) {
        put(name, Body.of(in, length));
    }

    private void put(String name, Body body) {
        Transport.discard(Transport.check(
                t.object("PUT", id, name, "", body, Map.of()), "PUT " + id.cname() + "/" + name, 200, 201));
    }

    /** The object's content, streamed from its owner; the caller closes the stream. */
    public InputStream get(String name) {
        return Transport.check(t.object("GET", id, name, "", null, Map.of()), "GET " + id.cname() + "/" + name, 200)
                .body();
    }

    /** {@code length} bytes of the object from {@code offset}, streamed; the caller closes the stream. */
    public InputStream get(String name, long offset, long length) {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("range needs offset >= 0 and length > 0");
        }
        Map<String, String> range = Map.of("Range", "bytes=" + offset + "-" + (offset + length - 1));
        return Transport.check(t.object("GET", id, name, "", null, range), "GET " + id.cname() + "/" + name, 206, 200)
                .body();
    }

    /** The object's properties; {@link AisClientException#isNotFound()} when it does not exist. */
    public ObjectProps head(String name) {
        HttpResponse<InputStream> r =
                Transport.check(t.object("HEAD", id, name, "", null, Map.of()), "HEAD " + id.cname() + "/" + name, 200);
        Transport.discard(r);
        var h = r.headers();
        Map<String, String> custom = new LinkedHashMap<>();
        for (String md : h.allValues("Ais-Custom-Md")) {
            for (String kv : md.split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    custom.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
                }
            }
        }
        return new ObjectProps(
                h.firstValue("Ais-Name").orElse(name),
                h.firstValueAsLong("Ais-Size")
                        .orElse(h.firstValueAsLong("Content-Length").orElse(0)),
                h.firstValue("Ais-Checksum-Type").orElse(""),
                h.firstValue("Ais-Checksum-Value").orElse(""),
                h.firstValue("Ais-Version").orElse(""),
                h.firstValueAsLong("Ais-Atime").orElse(0),
                (int) h.firstValueAsLong("Ais-Mirror-Copies").orElse(1),
                custom);
    }

    /** Deletes the object; {@link AisClientException#isNotFound()} when it does not exist. */
    public void delete(String name) {
        Transport.discard(Transport.check(
                t.object("DELETE", id, name, "", null, Map.of()), "DELETE " + id.cname() + "/" + name, 200));
    }

    /**
     * Starts packing objects {@code names} of this bucket into the archive object {@code archiveName} of bucket
     * {@code to} (AIS's {@code archive} job; the format follows the name: {@code .tar}, {@code .tgz}/{@code .tar.gz},
     * {@code .zip}, {@code .tar.lz4}); returns the job id (kind {@code archive}).
     */
    public String archive(List<String> names, Bucket to, String archiveName) {
        ObjectNode value = t.json().createObjectNode().put("archname", archiveName);
        names.forEach(value.putArray("objnames")::add);
        value.putObject("tobck").put("name", to.id.name()).put("provider", to.id.provider());
        ObjectNode msg = t.json().createObjectNode().put("action", "archive");
        msg.set("value", value);
        return Transport.text(
                        t.control("PUT", bucketPath(""), msg.toString()),
                        "archive " + id.cname() + " into " + to.id.cname() + "/" + archiveName,
                        200)
                .strip();
    }

    /** One member of archive object {@code archiveName}, streamed from the archive's owner (AIS's {@code archpath}). */
    public InputStream getFromArchive(String archiveName, String member) {
        return Transport.check(
                        t.object("GET", id, archiveName, "archpath=" + Transport.enc(member), null, Map.of()),
                        "GET " + id.cname() + "/" + archiveName + " member " + member,
                        200)
                .body();
    }

    /**
     * Get-Batch (AIS's {@code api.GetBatch}): objects {@code names} of this bucket as one TAR stream, in the order
     * asked, each entry named {@code <bucket>/<name>}, streamed while the cluster gathers them. With
     * {@code continueOnError} a missing object becomes an empty entry {@code __404__/<bucket>/<name>}; without, the
     * call fails (404) when the first one is missing, and the stream breaks at a later one.
     */
    public InputStream getBatch(List<String> names, boolean continueOnError) {
        ObjectNode req = t.json()
                .createObjectNode()
                .put("mime", ".tar")
                .put("coer", continueOnError)
                .put("strm", true);
        var in = req.putArray("in");
        names.forEach(n -> in.addObject().put("objname", n));
        String path = "/v1/ml/moss/" + Transport.enc(id.name()) + "?provider=" + Transport.enc(id.provider())
                + (id.namespace().isEmpty() ? "" : "&namespace=" + Transport.enc(id.namespace()));
        return Transport.check(t.control("GET", path, req.toString()), "get-batch " + id.cname(), 200)
                .body();
    }

    /** Starts copying every object of this bucket into {@code to} ({@code copy-bck}); returns the job id. */
    public String copyTo(Bucket to) {
        return startJob(to, "{\"action\":\"copy-bck\",\"value\":{}}", "copy " + id.cname() + " to " + to.id.cname());
    }

    /**
     * Starts fetching objects of this remote bucket into the cluster's cache (AIS's {@code prefetch-listrange}): the
     * objects {@code names} when not empty, else every object whose name matches {@code template} (a prefix, or a
     * range template such as {@code shard-{0000..0099}.tar}; empty: the whole bucket). Returns the job id (kind
     * {@code prefetch-listrange}).
     */
    public String prefetch(List<String> names, String template) {
        return listRangeJob("prefetch-listrange", names, template, "prefetch from " + id.cname());
    }

    /** Drops cached copies of objects of this remote bucket (AIS's {@code evict-listrange}), selected as by prefetch. */
    public String evict(List<String> names, String template) {
        return listRangeJob("evict-listrange", names, template, "evict from " + id.cname());
    }

    private String listRangeJob(String action, List<String> names, String template, String what) {
        ObjectNode value = t.json().createObjectNode();
        if (names != null && !names.isEmpty()) {
            names.forEach(value.putArray("objnames")::add);
        } else {
            value.put("template", template == null ? "" : template);
        }
        ObjectNode msg = t.json().createObjectNode().put("action", action);
        msg.set("value", value);
        String method = action.startsWith("evict") ? "DELETE" : "POST";
        return Transport.text(t.control(method, bucketPath(""), msg.toString()), what, 200)
                .strip();
    }

    /** {@code POST} of action message {@code msg} on this bucket with {@code bck_to=to}; returns the job id. */
    String startJob(Bucket to, String msg, String what) {
        String uname =
                to.id.provider() + "/" + (to.id.namespace().isEmpty() ? "@#" : to.id.namespace()) + "/" + to.id.name();
        return Transport.text(t.control("POST", bucketPath("&bck_to=" + Transport.enc(uname)), msg), what, 200)
                .strip();
    }

    private String bucketPath(String extraQuery) {
        return "/v1/buckets/" + Transport.enc(id.name()) + "?provider=" + Transport.enc(id.provider())
                + (id.namespace().isEmpty() ? "" : "&namespace=" + Transport.enc(id.namespace())) + extraQuery;
    }

    @Override
    public String toString() {
        return id.cname();
    }
}
