package net.aisj.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.backend.Backends;
import net.aisj.connector.api.BucketId;
import net.aisj.core.AisException;
import net.aisj.core.GoDuration;
import net.aisj.core.download.DownloadSpec;
import net.aisj.core.download.DownloadStatus;

/**
 * AIS's downloader wire ({@code ext/dload}): the request body ({@code {"type":"range","bucket":{...},
 * "template":...}}), the status ({@code StatusResp}: a {@code Job} plus {@code current_tasks}, {@code finished_tasks},
 * {@code download_errors}) and the job list. Used by the public API and, unchanged, between targets.
 */
public final class DownloadJson {

    private DownloadJson() {}

    /**
     * A request body.
     *
     * @throws AisException BAD_REQUEST for malformed JSON or fields of the wrong kind
     */
    public static DownloadSpec readSpec(String body) {
        JsonObject o;
        try (var r = Json.createReader(new StringReader(body == null ? "" : body))) {
            o = r.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw AisException.badRequest("download: the body is not a JSON object: " + e.getMessage());
        }
        try {
            DownloadSpec.Type type = DownloadSpec.Type.of(o.getString("type", ""));
            JsonObject limits = o.getJsonObject("limits");
            Map<String, String> links = new LinkedHashMap<>();
            switch (type) {
                case SINGLE -> {
                    String link = o.getString("link", "");
                    String name = o.getString("object_name", "");
                    links.put(name.isEmpty() ? DownloadSpec.objectName("", link) : name, link);
                }
                case MULTI -> {
                    JsonValue objs = o.get("objects");
                    if (objs instanceof JsonArray a) {
                        List<String> urls = new ArrayList<>();
                        a.getValuesAs(jakarta.json.JsonString.class).forEach(s -> urls.add(s.getString()));
                        links.putAll(DownloadSpec.namedByLastSegment(urls));
                    } else if (objs instanceof JsonObject m) {
                        m.forEach((k, v) -> links.put(k, ((jakarta.json.JsonString) v).getString()));
                    } else {
                        throw AisException.badRequest(
                                "download: 'objects' must be a list of links or a map of object name to link");
                    }
                }
                default -> {}
            }
            String timeout = o.getString("timeout", "");
            String progress = o.getString("progress_interval", "");
            return new DownloadSpec(
                    type,
                    bucket(o.getJsonObject("bucket")),
                    o.getString("description", ""),
                    timeout.isEmpty() ? null : Duration.ofMillis(GoDuration.millis(timeout, "timeout")),
                    limits == null ? 0 : limits.getInt("connections", 0),
                    limits == null
                            ? 0
                            : limits.getJsonNumber("bytes_per_hour") == null
                                    ? 0
                                    : limits.getJsonNumber("bytes_per_hour").longValue(),
                    links,
                    o.getString("template", ""),
                    o.getString("subdir", ""),
                    o.getString("prefix", ""),
                    o.getString("suffix", ""),
                    o.getBoolean("synchronize", false),
                    headers(o.get("headers")),
                    progress.isEmpty() ? null : Duration.ofMillis(GoDuration.millis(progress, "progress_interval")));
        } catch (ClassCastException e) {
            throw AisException.badRequest("download: malformed request body: " + e.getMessage());
        }
    }

    /** AIS's {@code headers} (Go's {@code http.Header}: name to a list of values; a single string is taken too). */
    private static Map<String, List<String>> headers(JsonValue v) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return out;
        }
        if (!(v instanceof JsonObject h)) {
            throw AisException.badRequest("download: 'headers' must be an object of header name to values");
        }
        h.forEach((k, vals) -> {
            if (vals instanceof JsonArray a) {
                out.put(
                        k,
                        a.getValuesAs(jakarta.json.JsonString.class).stream()
                                .map(jakarta.json.JsonString::getString)
                                .toList());
            } else if (vals instanceof jakarta.json.JsonString one) {
                out.put(k, List.of(one.getString()));
            } else {
                throw AisException.badRequest("download: header \"" + k + "\" must be a list of strings");
            }
        });
        return out;
    }

    private static BucketId bucket(JsonObject b) {
        if (b == null || b.getString("name", "").isEmpty()) {
            throw AisException.badRequest("download: missing 'bucket.name'");
        }
        try {
            BucketId raw = MetaJson.readBck(b);
            return new BucketId(
                    raw.provider().isEmpty() ? BucketId.AIS : Backends.normalise(raw.provider()),
                    raw.namespace(),
                    raw.name());
        } catch (IllegalArgumentException e) {
            throw AisException.badRequest("download: " + e.getMessage());
        }
    }

    /** The request as AIS writes it (also what a target gets). */
    public static String writeSpec(DownloadSpec s) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", s.type().wire())
                .add("bucket", MetaJson.bck(s.bucket()))
                .add("description", s.description())
                .add("timeout", s.timeout() == null ? "" : s.timeout().toMillis() + "ms")
                .add(
                        "progress_interval",
                        s.progressInterval() == null ? "" : s.progressInterval().toMillis() + "ms")
                .add(
                        "limits",
                        Json.createObjectBuilder()
                                .add("connections", s.connections())
                                .add("bytes_per_hour", s.bytesPerHour()));
        if (!s.headers().isEmpty()) {
            JsonObjectBuilder h = Json.createObjectBuilder();
            s.headers().forEach((k, v) -> h.add(k, Json.createArrayBuilder(v)));
            b.add("headers", h);
        }
        switch (s.type()) {
            case SINGLE -> {
                Map.Entry<String, String> e = s.links().entrySet().iterator().next();
                b.add("object_name", e.getKey()).add("link", e.getValue());
            }
            case MULTI -> {
                JsonObjectBuilder m = Json.createObjectBuilder();
                s.links().forEach(m::add);
                b.add("objects", m);
            }
            case RANGE -> b.add("template", s.template()).add("subdir", s.subdir());
            case BACKEND ->
                b.add("prefix", s.prefix()).add("suffix", s.suffix()).add("synchronize", s.sync());
        }
        return b.build().toString();
    }

    /** A status as AIS's {@code StatusResp}. */
    public static String writeStatus(DownloadStatus s) {
        JsonObjectBuilder b = job(s.job());
        b.add("current_tasks", tasks(s.current()));
        b.add("finished_tasks", tasks(s.finished()));
        JsonArrayBuilder errs = Json.createArrayBuilder();
        s.errors()
                .forEach(e -> errs.add(
                        Json.createObjectBuilder().add("name", e.name()).add("error", e.error())));
        b.add("download_errors", errs);
        return b.build().toString();
    }

    /** A list of jobs as AIS's {@code JobInfos}. */
    public static String writeJobs(List<DownloadStatus.Job> jobs) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        jobs.forEach(j -> a.add(job(j)));
        return a.build().toString();
    }

    private static JsonObjectBuilder job(DownloadStatus.Job j) {
        return Json.createObjectBuilder()
                .add("id", j.id())
                .add("xaction_id", j.id())
                .add("description", j.description())
                .add("started_time", XactJson.time(j.startedMillis()))
                .add("finished_time", XactJson.time(j.finishedMillis()))
                .add("finished_cnt", j.finishedCnt())
                .add("scheduled_cnt", j.scheduledCnt())
                .add("skipped_cnt", j.skippedCnt())
                .add("error_cnt", j.errorCnt())
                .add("total", j.total())
                .add("all_dispatched", j.allDispatched())
                .add("aborted", j.aborted());
    }

    private static JsonArrayBuilder tasks(List<DownloadStatus.Task> ts) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (DownloadStatus.Task t : ts) {
            a.add(Json.createObjectBuilder()
                    .add("name", t.name())
                    .add("downloaded", Long.toString(t.downloaded()))
                    .add("total", Long.toString(t.total()))
                    .add("start_time", XactJson.time(t.startMillis()))
                    .add("end_time", XactJson.time(t.endMillis())));
        }
        return a;
    }

    /** A status another target sent. */
    public static DownloadStatus readStatus(String text) {
        JsonObject o = MetaJson.parse(text);
        List<DownloadStatus.TaskError> errs = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("download_errors")) {
            JsonObject e = v.asJsonObject();
            errs.add(new DownloadStatus.TaskError(e.getString("name"), e.getString("error")));
        }
        return new DownloadStatus(
                readJob(o),
                readTasks(o.getJsonArray("current_tasks")),
                readTasks(o.getJsonArray("finished_tasks")),
                errs);
    }

    /** A job list another target sent. */
    public static List<DownloadStatus.Job> readJobs(String text) {
        List<DownloadStatus.Job> out = new ArrayList<>();
        try (var r = Json.createReader(new StringReader(text))) {
            for (JsonValue v : r.readArray()) {
                out.add(readJob(v.asJsonObject()));
            }
        }
        return out;
    }

    private static DownloadStatus.Job readJob(JsonObject o) {
        return new DownloadStatus.Job(
                o.getString("id"),
                o.getString("description", ""),
                XactJson.millis(o.getString("started_time", XactJson.ZERO_TIME)),
                XactJson.millis(o.getString("finished_time", XactJson.ZERO_TIME)),
                o.getInt("finished_cnt", 0),
                o.getInt("scheduled_cnt", 0),
                o.getInt("skipped_cnt", 0),
                o.getInt("error_cnt", 0),
                o.getInt("total", 0),
                o.getBoolean("all_dispatched", false),
                o.getBoolean("aborted", false));
    }

    private static List<DownloadStatus.Task> readTasks(JsonArray a) {
        List<DownloadStatus.Task> out = new ArrayList<>();
        for (JsonValue v : a) {
            JsonObject t = v.asJsonObject();
            out.add(new DownloadStatus.Task(
                    t.getString("name"),
                    Long.parseLong(t.getString("downloaded", "0")),
                    Long.parseLong(t.getString("total", "0")),
                    XactJson.millis(t.getString("start_time", XactJson.ZERO_TIME)),
                    XactJson.millis(t.getString("end_time", XactJson.ZERO_TIME))));
        }
        return out;
    }
}
