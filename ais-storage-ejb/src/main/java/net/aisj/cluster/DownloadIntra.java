package net.aisj.cluster;

import static net.aisj.cluster.IntraContract.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.aisj.core.NodeInfo;
import net.aisj.core.download.DownloadStatus;

/**
 * The calls of download jobs between nodes on {@code /v1/intra/download/...} (cluster secret added by
 * {@link IntraClient}): start a target's share, read its status or its job list, abort, remove. A target that does not
 * know the job answers 404 (empty / false here); other failures are UNAVAILABLE naming the target. Thread-safe.
 */
public final class DownloadIntra {

    private static final String BASE = "/" + DOWNLOAD_ROOT + "/";

    private final IntraClient intra;

    public DownloadIntra(IntraClient intra) {
        this.intra = intra;
    }

    /** Starts the target's share of job {@code id} ({@code spec}: the request as {@link DownloadJson} writes it). */
    public void start(NodeInfo t, String id, String spec) {
        byte[] body = spec.getBytes(StandardCharsets.UTF_8);
        HttpResponse<InputStream> r = intra.forward(
                t,
                "POST",
                BASE + DL_START + "?" + P_ID + "=" + enc(id),
                Map.of("Content-Type", List.of("application/json")),
                new ByteArrayInputStream(body),
                body.length);
        text(t, "start", r, false);
    }

    /** The target's status of job {@code id}; empty when it does not know the job. */
    public Optional<DownloadStatus> status(NodeInfo t, String id, boolean onlyActive) {
        return get(t, DL_STATUS + "?" + P_ID + "=" + enc(id) + "&" + P_ACTIVE + "=" + onlyActive)
                .map(DownloadJson::readStatus);
    }

    /** Every download job the target knows. */
    public List<DownloadStatus.Job> list(NodeInfo t) {
        return get(t, DL_LIST).map(DownloadJson::readJobs).orElse(List.of());
    }

    /** Aborts the target's share; false when it does not know the job. */
    public boolean abort(NodeInfo t, String id) {
        return call(t, DL_ABORT, id);
    }

    /** Forgets the target's (ended) share; false when it does not know the job. */
    public boolean remove(NodeInfo t, String id) {
        return call(t, DL_REMOVE, id);
    }

    private boolean call(NodeInfo t, String what, String id) {
        HttpResponse<InputStream> r =
                intra.forward(t, "DELETE", BASE + what + "?" + P_ID + "=" + enc(id), Map.of(), null, 0);
        return text(t, what, r, true) != null;
    }

    private Optional<String> get(NodeInfo t, String pathAndQuery) {
        HttpResponse<InputStream> r = intra.forward(t, "GET", BASE + pathAndQuery, Map.of(), null, 0);
        return Optional.ofNullable(text(t, pathAndQuery.split("\\?")[0], r, true));
    }

    /** The 200 body as text; null for a 404 when {@code notFoundIsEmpty}. */
    private static String text(NodeInfo t, String what, HttpResponse<InputStream> r, boolean notFoundIsEmpty) {
        try (InputStream in = r.body()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (r.statusCode() == 200) {
                return body;
            }
            if (r.statusCode() == 404 && notFoundIsEmpty) {
                return null;
            }
            throw failure(t, "download " + what, r.statusCode(), body);
        } catch (IOException e) {
            throw unreachable(t, e);
        }
    }
}
