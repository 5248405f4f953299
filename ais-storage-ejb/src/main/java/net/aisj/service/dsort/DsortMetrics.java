package net.aisj.service.dsort;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import net.aisj.core.dsort.DsortJobInfo;
import net.aisj.xact.XactSnapshot;

/**
 * A dsort part's progress, counted as it runs and reported as a {@link DsortJobInfo} (AIS's {@code JobInfo}: three
 * phases with start/end times and counts, description, warnings, errors, aborted and archived = finished).
 * Thread-safe.
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

        DsortJobInfo.Phase snapshot() {
            return new DsortJobInfo.Phase(start, end, durationNanos());
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

    /** This part's progress (AIS {@code JobInfo}), as of now. */
    DsortJobInfo jobInfo() {
        XactSnapshot s = x.snapshot();
        return new DsortJobInfo(
                x.id(),
                x.spec.input(),
                x.spec.output(),
                s.startMillis(),
                s.endMillis(),
                extraction.durationNanos(),
                sorting.durationNanos(),
                creation.durationNanos(),
                s.locObjs(),
                s.locBytes(),
                new DsortJobInfo.Extraction(
                        extraction.snapshot(),
                        shardsToExtract.get(),
                        shardsExtracted.get(),
                        s.locBytes(),
                        recordsExtracted.get(),
                        recordsExtracted.get()),
                sorting.snapshot(),
                new DsortJobInfo.Creation(creation.snapshot(), toCreate.get(), created.get(), 0),
                x.spec.description(),
                warnings,
                errors,
                s.aborted(),
                s.aborted() ? s.abortErr() : "",
                !s.running() && !s.aborted());
    }
}
