package net.aisj.core.dsort;

import java.util.List;
import net.aisj.connector.api.BucketId;

/**
 * One dsort job's progress as one target (or, {@link #aggregate aggregated}, the whole cluster) reports it: AIS's
 * {@code JobInfo} with its {@code Metrics}, as values. Times are epoch milliseconds, 0 for "not yet"; durations are
 * nanoseconds as AIS reports them. Immutable.
 *
 * @param startedMillis when the job started here (0: not started)
 * @param finishedMillis when it ended here (0: still running)
 * @param sortingStartNanos AIS's {@code started_meta_sorting}: time spent before sorting began (extraction)
 * @param creationStartNanos AIS's {@code started_shard_creation}: time spent sorting
 * @param creationEndNanos AIS's {@code finished_shard_creation}: time spent creating shards
 * @param archived finished without being aborted (AIS's name)
 * @param abortReason why it was aborted, empty when it was not
 */
public record DsortJobInfo(
        String id,
        BucketId input,
        BucketId output,
        long startedMillis,
        long finishedMillis,
        long sortingStartNanos,
        long creationStartNanos,
        long creationEndNanos,
        long localObjects,
        long localBytes,
        Extraction extraction,
        Phase sorting,
        Creation creation,
        String description,
        List<String> warnings,
        List<String> errors,
        boolean aborted,
        String abortReason,
        boolean archived) {

    public DsortJobInfo {
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    /** One phase's times (milliseconds, 0 for "not yet") and how long it ran (nanoseconds). */
    public record Phase(long startMillis, long endMillis, long elapsedNanos) {
        public boolean running() {
            return startMillis != 0 && endMillis == 0;
        }

        public boolean finished() {
            return endMillis != 0;
        }
    }

    /** Local extraction: the phase and its counts. */
    public record Extraction(
            Phase phase, long toExtract, long extracted, long extractedBytes, long records, long recordsOnDisk) {}

    /** Shard creation: the phase and its counts. */
    public record Creation(Phase phase, long toCreate, long created, long moved) {}

    /** Still running on at least one target. */
    public boolean running() {
        return finishedMillis == 0;
    }

    /**
     * Two targets' reports of one job as one (AIS {@code JobInfo.Aggregate}): earliest start, latest end (none while
     * either runs), aborted if either is, archived if both are, local counts summed, the longest phase durations.
     * The per-phase metrics, description, warnings and errors are {@code this} report's; the abort
     * reason is the first one given.
     */
    public DsortJobInfo aggregate(DsortJobInfo o) {
        long start = startedMillis == 0
                ? o.startedMillis
                : o.startedMillis == 0 ? startedMillis : Math.min(startedMillis, o.startedMillis);
        long end = running() || o.running() ? 0 : Math.max(finishedMillis, o.finishedMillis);
        return new DsortJobInfo(
                id,
                input,
                output,
                start,
                end,
                Math.max(sortingStartNanos, o.sortingStartNanos),
                Math.max(creationStartNanos, o.creationStartNanos),
                Math.max(creationEndNanos, o.creationEndNanos),
                localObjects + o.localObjects,
                localBytes + o.localBytes,
                extraction,
                sorting,
                creation,
                description,
                warnings,
                errors,
                aborted || o.aborted,
                abortReason.isEmpty() ? o.abortReason : abortReason,
                archived && o.archived);
    }
}
