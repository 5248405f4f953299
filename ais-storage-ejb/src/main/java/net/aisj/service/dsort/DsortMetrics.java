package net.aisj.service.dsort;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import net.aisj.connector.api.BucketId;
import net.aisj.xact.XactSnapshot;

/**
 * A dsort part's progress in AIS's shapes ({@code ext/dsort/api_metrics.go}): {@code JobInfo} with its
 * {@code Metrics} (local_extraction, meta_sorting, shard_creation; each with start/end times, running, finished),
 * description, warnings, errors, aborted and archived (= finished). Thread-safe.
 */
final class DsortMetrics {

    /** One phase's times. */
    static final class Phase {
        private volatile long start;
        private volatile long end;

        void start() {
            if (start == 0) {
                start = System.currentTimeMillis();
            }
        }

        void end() {
            start();
            if (end == 0) {
                end = System.currentTimeMillis();
            }
        }

        long durationNanos() {
            return start == 0 ? 0 : ((end == 0 ? System.currentTimeMillis() : end) - start) * 1_000_000L;
        }

        JsonObjectBuilder json() {
            return Json.createObjectBuilder()
                    .add("started_time", time(start))
                    .add("end_time", time(end))
                    .add("elapsed", durationNanos())
                    .add("running", start != 0 && end == 0)
                    .add("finished", end != 0);
        }
    }

    final Phase extraction = new Phase();
    final Phase sorting = new Phase();
    final Phase creation = new Phase();
    final AtomicLong shardsToExtract = new AtomicLong();
    final AtomicLong shardsExtracted = new AtomicLong();
    final AtomicLong recordsExtracted = new AtomicLong();
    final AtomicLong toCreate = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final DsortXaction x;

    DsortMetrics(DsortXaction x) {
        this.x = x;
    }

    void extracted(int records) {
        shardsExtracted.incrementAndGet();
        recordsExtracted.addAndGet(records);
    }

    /** The plan arrived: sorting is over (on a target that did not sort, it spans the wait for the plan). */
    void sortingDone() {
        sorting.start();
        sorting.end();
    }

    void warn(String w) {
        warnings.add(w);
    }

    void error(String e) {
        errors.add(e);
    }

    void ended() {
        // phases that never ran stay unstarted; a running one is closed at the job's end
        for (Phase p : List.of(extraction, sorting, creation)) {
            if (p.start != 0) {
                p.end();
            }
        }
    }

    /** AIS {@code JobInfo} of this part. */
    JsonObject jobInfo() {
        XactSnapshot s = x.snapshot();
        boolean archived = !s.running() && !s.aborted();
        JsonObjectBuilder m = Json.createObjectBuilder()
                .add(
                        "local_extraction",
                        extraction
                                .json()
                                .add("total_count", str(shardsToExtract.get()))
                                .add("extracted_count", str(shardsExtracted.get()))
                                .add("extracted_size", str(s.locBytes()))
                                .add("extracted_record_count", str(recordsExtracted.get()))
                                .add("extracted_to_disk_count", str(recordsExtracted.get()))
                                .add("extracted_to_disk_size", str(s.locBytes())))
                .add("meta_sorting", sorting.json())
                .add(
                        "shard_creation",
                        creation.json()
                                .add("to_create", str(toCreate.get()))
                                .add("created_count", str(created.get()))
                                .add("moved_shard_count", "0"))
                .add("description", x.spec.description())
                .add("warnings", Json.createArrayBuilder(warnings))
                .add("errors", Json.createArrayBuilder(errors))
                .add("aborted", s.aborted())
                .add("archived", archived);
        if (s.aborted()) {
            m.add("abort_reason", s.abortErr());
        }
        return Json.createObjectBuilder()
                .add("id", x.id())
                .add("src-bck", bck(x.spec.input()))
                .add("dst-bck", bck(x.spec.output()))
                .add("started_time", time(s.startMillis()))
                .add("finish_time", time(s.endMillis()))
                .add("started_meta_sorting", extraction.durationNanos())
                .add("started_shard_creation", sorting.durationNanos())
                .add("finished_shard_creation", creation.durationNanos())
                .add("loc-objs", str(s.locObjs()))
                .add("loc-bytes", str(s.locBytes()))
                .add("Metrics", m)
                .add("aborted", s.aborted())
                .add("archived", archived)
                .build();
    }

    private static JsonObject bck(BucketId b) {
        return Json.createObjectBuilder()
                .add("name", b.name())
                .add("provider", b.provider())
                .add("namespace", Json.createObjectBuilder().add("uuid", "").add("name", ""))
                .build();
    }

    private static String str(long n) {
        return Long.toString(n);
    }

    /** RFC 3339 as Go writes it; Go's zero time when unset. */
    private static String time(long millis) {
        return millis == 0
                ? "0001-01-01T00:00:00Z"
                : Instant.ofEpochMilli(millis).toString();
    }
}
