package net.aisj.cluster;

import static net.aisj.cluster.IntraContract.*;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.core.NodeInfo;
import net.aisj.core.dsort.DsortJobInfo;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.ShardCutter;

/**
 * The calls dsort targets make to each other on {@code /v1/intra/dsort/...} (cluster secret added by
 * {@link IntraClient}): start a part, fetch a part's extracted records, hand over a plan, report a part built, end
 * the job, pull record contents, read metrics. Failures are UNAVAILABLE naming the target (NOT_FOUND for a job the
 * target does not know). Thread-safe.
 */
public final class DsortIntra {

    static final String BASE = "/" + DSORT_ROOT + "/";
    private static final String JSON = "application/json";

    private final IntraClient intra;

    public DsortIntra(IntraClient intra) {
        this.intra = intra;
    }

    public void start(NodeInfo t, String id, String coordinator, List<String> targets, String spec) {
        call(
                t,
                "POST",
                DSORT_START + "?" + P_ID + "=" + enc(id) + "&" + P_COORDINATOR + "=" + enc(coordinator) + "&"
                        + P_TARGETS + "=" + enc(String.join(",", targets)),
                spec.getBytes(StandardCharsets.UTF_8),
                200);
    }

    /** The target's extracted records, or empty while it is still extracting (ask again). */
    public Optional<List<DsortRecord>> records(NodeInfo t, String id) {
        HttpResponse<InputStream> r =
                intra.forward(t, "GET", BASE + DSORT_RECORDS + "?" + P_ID + "=" + enc(id), Map.of(), null, 0);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 202) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return Optional.empty();
            }
            check(t, "records", r.statusCode(), in, 200);
            return Optional.of(DsortJson.readRecords(in));
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }

    public void plan(NodeInfo t, String id, List<ShardCutter.OutputShard> shards) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DsortJson.writePlan(shards, b);
        call(t, "POST", DSORT_PLAN + "?" + P_ID + "=" + enc(id), b.toByteArray(), 200);
    }

    public void built(NodeInfo coordinator, String id, String self) {
        call(
                coordinator,
                "POST",
                DSORT_BUILT + "?" + P_ID + "=" + enc(id) + "&" + P_NODE + "=" + enc(self),
                new byte[0],
                200);
    }

    public void finish(NodeInfo t, String id) {
        call(t, "POST", DSORT_FINISH + "?" + P_ID + "=" + enc(id), new byte[0], 200);
    }

    /** Streams the contents of {@code ranges} ({offset, size} pairs) of the target's scratch, back to back. */
    public InputStream pull(NodeInfo holder, String id, List<long[]> ranges) {
        byte[] body = DsortJson.writeRanges(ranges);
        HttpResponse<InputStream> r = intra.forward(
                holder,
                "POST",
                BASE + DSORT_PULL + "?" + P_ID + "=" + enc(id),
                Map.of("Content-Type", List.of(JSON)),
                new ByteArrayInputStream(body),
                body.length);
        if (r.statusCode() == 200) {
            return r.body();
        }
        try (InputStream in = r.body()) {
            check(holder, "pull", r.statusCode(), in, 200);
            throw new IllegalStateException("unreachable");
        } catch (IOException e) {
            throw unreachable(holder, e);
        }
    }

    /** The target's metrics of job {@code id} (AIS JobInfo), empty when it does not know the job. */
    public Optional<DsortJobInfo> metrics(NodeInfo t, String id) {
        HttpResponse<InputStream> r =
                intra.forward(t, "GET", BASE + DSORT_METRICS + "?" + P_ID + "=" + enc(id), Map.of(), null, 0);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return Optional.empty();
            }
            check(t, "metrics", r.statusCode(), in, 200);
            try (var reader = Json.createReader(in)) {
                return Optional.of(DsortJson.readJobInfo(reader.readObject()));
            }
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }

    /** Every dsort job the target knows (AIS JobInfo each). */
    public List<DsortJobInfo> list(NodeInfo t) {
        HttpResponse<InputStream> r = intra.forward(t, "GET", BASE + DSORT_LIST, Map.of(), null, 0);
        try (InputStream in = r.body()) {
            check(t, "list", r.statusCode(), in, 200);
            try (var reader = Json.createReader(in)) {
                return DsortJson.readJobInfoList(reader.readArray());
            }
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }

    /** Forgets a finished job on the target; false when it did not know it. */
    public boolean remove(NodeInfo t, String id) {
        HttpResponse<InputStream> r =
                intra.forward(t, "DELETE", BASE + DSORT_JOB + "?" + P_ID + "=" + enc(id), Map.of(), null, 0);
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return false;
            }
            check(t, "remove", r.statusCode(), in, 200);
            return true;
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }

    private void call(NodeInfo t, String method, String pathAndQuery, byte[] body, int expected) {
        HttpResponse<InputStream> r = intra.forward(
                t,
                method,
                BASE + pathAndQuery,
                Map.of("Content-Type", List.of(JSON)),
                new ByteArrayInputStream(body),
                body.length);
        try (InputStream in = r.body()) {
            check(t, pathAndQuery.substring(0, pathAndQuery.indexOf('?')), r.statusCode(), in, expected);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }

    private static void check(NodeInfo t, String what, int status, InputStream in, int expected) throws IOException {
        if (status != expected) {
            throw failure(t, "dsort " + what, status, in);
        }
    }
}
