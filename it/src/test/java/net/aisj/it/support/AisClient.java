package net.aisj.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A thin client of the native {@code /v1} API: raw requests and the AIS calls the tests use. */
public final class AisClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON = "application/json";

    private final String base;
    private final HttpClient http;
    private final Map<String, String> defaultHeaders;

    public AisClient(String baseUrl) {
        this(baseUrl, Map.of());
    }

    private AisClient(String baseUrl, Map<String, String> defaultHeaders) {
        this.base = baseUrl;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A client of the same node that sends {@code headers} on every call (e.g. an AuthN token) unless overridden. */
    public AisClient withDefaultHeaders(Map<String, String> headers) {
        return new AisClient(base, headers);
    }

    public String baseUrl() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    // ---------------------------------------------------------------- raw

    /** Sends {@code method pathAndQuery} (already encoded) and reads the whole response. */
    public Resp send(
            String method, String pathAndQuery, Map<String, String> headers, BodyPublisher body, Duration timeout) {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(method, body == null ? BodyPublishers.noBody() : body);
        defaultHeaders.forEach((k, v) -> {
            if (headers == null || headers.keySet().stream().noneMatch(k::equalsIgnoreCase)) {
                b.header(k, v);
            }
        });
        if (headers != null) {
            headers.forEach(b::header);
        }
        String desc = method + " " + pathAndQuery + (headers == null || headers.isEmpty() ? "" : " " + headers);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Resp(desc, r);
        } catch (IOException e) {
            throw new UncheckedIOException(desc + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + desc, e);
        }
    }

    public Resp send(String method, String pathAndQuery) {
        return send(method, pathAndQuery, Map.of(), null, DEFAULT_TIMEOUT);
    }

    /** A control call: {@code method path} with a JSON ActMsg body (also for GET). */
    public Resp control(String method, String pathAndQuery, String json) {
        return send(
                method,
                pathAndQuery,
                Map.of("Content-Type", JSON),
                json == null ? null : BodyPublishers.ofString(json),
                DEFAULT_TIMEOUT);
    }

    public static String objPath(String bucket, String obj) {
        return "/v1/objects/" + Names.encodeSegment(bucket) + "/" + Names.encodePath(obj);
    }

    public static String bckPath(String bucket) {
        return "/v1/buckets/" + Names.encodeSegment(bucket);
    }

    // ---------------------------------------------------------------- cluster / daemon

    public Resp health() {
        return send("GET", "/v1/health");
    }

    public Resp daemon(String what) {
        return send("GET", "/v1/daemon?what=" + what);
    }

    public Resp cluster(String what) {
        return send("GET", "/v1/cluster?what=" + what);
    }

    /** This node's id ({@code daemon_id} of {@code what=snode}). */
    public String daemonId() {
        return daemon("snode").expect(200).json().getString("daemon_id");
    }

    // ---------------------------------------------------------------- buckets

    public Resp createBucket(String b) {
        return control("POST", bckPath(b), JsonUtil.actMsg("create-bck", null, null));
    }

    public Resp createBucket(String b, JsonObject props) {
        return control("POST", bckPath(b), JsonUtil.actMsg("create-bck", null, props));
    }

    public Resp headBucket(String b) {
        return send("HEAD", bckPath(b));
    }

    public Resp destroyBucket(String b) {
        return control("DELETE", bckPath(b), JsonUtil.actMsg("destroy-bck", null, null));
    }

    public Resp listBuckets() {
        return control("GET", "/v1/buckets", JsonUtil.actMsg("list", null, null));
    }

    public Resp setBprops(String b, JsonObject value) {
        return control("PATCH", bckPath(b), JsonUtil.actMsg("set-bprops", null, value));
    }

    public Resp resetBprops(String b) {
        return control("PATCH", bckPath(b), JsonUtil.actMsg("reset-bprops", null, null));
    }

    /** Destroys the bucket if it exists; for cleanup only. */
    public void destroyQuietly(String b) {
        try {
            destroyBucket(b);
        } catch (RuntimeException ignored) {
            // cleanup only
        }
    }

    // ---------------------------------------------------------------- objects

    public Resp put(String b, String o, byte[] data) {
        return put(b, o, data, Map.of());
    }

    public Resp put(String b, String o, byte[] data, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Content-Type", "application/octet-stream");
        return send("PUT", objPath(b, o), h, BodyPublishers.ofByteArray(data), DEFAULT_TIMEOUT);
    }

    public Resp get(String b, String o) {
        return send("GET", objPath(b, o));
    }

    public Resp get(String b, String o, Map<String, String> headers) {
        return send("GET", objPath(b, o), headers, null, DEFAULT_TIMEOUT);
    }

    public Resp head(String b, String o) {
        return send("HEAD", objPath(b, o));
    }

    public Resp head(String b, String o, String query) {
        return send("HEAD", objPath(b, o) + "?" + query);
    }

    public Resp delete(String b, String o) {
        return send("DELETE", objPath(b, o));
    }

    public Resp rename(String b, String o, String newName) {
        return control("POST", objPath(b, o), JsonUtil.actMsg("rename-obj", newName, null));
    }

    /** Copies {@code b/o} to {@code dstBucket/dstName}: {@code PUT ...?object_to=ais/@#/dst/name}. */
    public Resp copy(String b, String o, String dstBucket, String dstName) {
        String uname = "ais/@#/" + dstBucket + "/" + dstName;
        return send(
                "PUT",
                objPath(b, o) + "?object_to=" + Names.encodeQuery(uname),
                Map.of(),
                BodyPublishers.noBody(),
                DEFAULT_TIMEOUT);
    }

    /** One append; {@code handle} null for the first. */
    public Resp append(String b, String o, String handle, byte[] chunk) {
        String q = "?append_type=append" + (handle == null ? "" : "&append_handle=" + Names.encodeQuery(handle));
        return send(
                "PUT",
                objPath(b, o) + q,
                Map.of("Content-Type", "application/octet-stream"),
                BodyPublishers.ofByteArray(chunk),
                DEFAULT_TIMEOUT);
    }

    public Resp flush(String b, String o, String handle) {
        String q = "?append_type=flush&append_handle=" + Names.encodeQuery(handle);
        return send("PUT", objPath(b, o) + q, Map.of(), BodyPublishers.noBody(), DEFAULT_TIMEOUT);
    }

    public Resp setCustom(String b, String o, Map<String, String> kv, boolean setNew) {
        var v = Json.createObjectBuilder();
        kv.forEach(v::add);
        String path = objPath(b, o) + (setNew ? "?set-new-custom=true" : "");
        return control(
                "PATCH",
                path,
                Json.createObjectBuilder().add("value", v).build().toString());
    }

    // ---------------------------------------------------------------- list objects

    public Resp listObjectsRaw(String b, Lso.Msg msg, boolean msgpack) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        if (msgpack) {
            h.put("Accept", "application/msgpack");
        }
        String body = JsonUtil.actMsg("list", null, msg.toJson());
        return send("GET", bckPath(b), h, BodyPublishers.ofString(body), DEFAULT_TIMEOUT);
    }

    public Lso.Page listPage(String b, Lso.Msg msg, boolean msgpack) {
        Resp r = listObjectsRaw(b, msg, msgpack).expect(200);
        return msgpack ? Lso.fromMsgpack(r) : Lso.fromJson(r);
    }

    /** All pages of a listing, following continuation tokens (at most {@code maxPages}). */
    public List<Lso.Page> listAll(String b, Lso.Msg msg, boolean msgpack, int maxPages) {
        List<Lso.Page> pages = new ArrayList<>();
        Lso.Msg m = msg.copy();
        while (true) {
            Lso.Page p = listPage(b, m, msgpack);
            pages.add(p);
            if (p.last()) {
                return pages;
            }
            if (pages.size() >= maxPages) {
                throw new AssertionError("listing did not end after " + maxPages + " pages; last token " + p.token()
                        + ", last page " + p.names().size() + " entries");
            }
            m = m.copy().token(p.token()).uuid(p.uuid());
        }
    }

    public List<Lso.Entry> listEntries(String b, Lso.Msg msg, boolean msgpack) {
        List<Lso.Entry> out = new ArrayList<>();
        for (Lso.Page p : listAll(b, msg, msgpack, 1000)) {
            out.addAll(p.entries());
        }
        return out;
    }

    public List<String> listNames(String b, String prefix) {
        return listEntries(b, new Lso.Msg().prefix(prefix).pageSize(10000), false).stream()
                .map(Lso.Entry::name)
                .toList();
    }

    public static JsonValue str(String s) {
        return Json.createValue(s);
    }
}
