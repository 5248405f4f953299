package net.aisj.core.download;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a download job reports (AIS's {@code dload.StatusResp}): its counters, the objects being fetched now, the
 * objects done and the per-object errors. One target reports its own share; {@link #merge} adds up the targets'.
 *
 * @param job      the counters
 * @param current  objects being fetched, with the bytes so far
 * @param finished objects fetched whole
 * @param errors   objects that failed, with why
 */
public record DownloadStatus(Job job, List<Task> current, List<Task> finished, List<TaskError> errors) {

    public DownloadStatus {
        current = List.copyOf(current);
        finished = List.copyOf(finished);
        errors = List.copyOf(errors);
    }

    /**
     * A job's counters (AIS's {@code dload.Job}); times are unix milliseconds, 0 for "not yet".
     *
     * @param total objects the job covers (the targets' shares summed), or 0 while unknown
     */
    public record Job(
            String id,
            String description,
            long startedMillis,
            long finishedMillis,
            int finishedCnt,
            int scheduledCnt,
            int skippedCnt,
            int errorCnt,
            int total,
            boolean allDispatched,
            boolean aborted) {

        /** Ended: every object dispatched and done, or aborted (on every target, once merged). */
        public boolean isFinished() {
            return finishedMillis != 0;
        }

        /** The two targets' counters summed; finished only when both are (AIS's {@code Job.Aggregate}). */
        public Job merge(Job o) {
            return new Job(
                    id,
                    description.isEmpty() ? o.description : description,
                    startedMillis == 0
                            ? o.startedMillis
                            : o.startedMillis == 0 ? startedMillis : Math.min(startedMillis, o.startedMillis),
                    finishedMillis == 0 || o.finishedMillis == 0 ? 0 : Math.max(finishedMillis, o.finishedMillis),
                    finishedCnt + o.finishedCnt,
                    scheduledCnt + o.scheduledCnt,
                    skippedCnt + o.skippedCnt,
                    errorCnt + o.errorCnt,
                    total + o.total,
                    allDispatched && o.allDispatched,
                    aborted || o.aborted);
        }
    }

    /**
     * One object's progress (AIS's {@code TaskDlInfo}).
     *
     * @param total the size when known, else 0
     */
    public record Task(String name, long downloaded, long total, long startMillis, long endMillis) {}

    /** One object's failure (AIS's {@code TaskErrInfo}). */
    public record TaskError(String name, String error) {}

    /** Both targets' reports as one; task lists sorted by name. */
    public DownloadStatus merge(DownloadStatus o) {
        return new DownloadStatus(
                job.merge(o.job),
                sorted(current, o.current, Task::name),
                sorted(finished, o.finished, Task::name),
                sorted(errors, o.errors, TaskError::name));
    }

    private static <T> List<T> sorted(List<T> a, List<T> b, java.util.function.Function<T, String> key) {
        List<T> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        out.sort(Comparator.comparing(key));
        return out;
    }
}
