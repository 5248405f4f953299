package net.aisj.client;

/**
 * A job's state across the cluster ({@code GET /v1/cluster?what=status}).
 *
 * @param endTimeNanos when it ended (Unix ns), 0 while it runs
 * @param error the first error, empty when none
 */
public record JobStatus(String id, String kind, long endTimeNanos, boolean aborted, String error) {

    public boolean finished() {
        return endTimeNanos != 0;
    }

    /** Ended, not aborted, no error. */
    public boolean succeeded() {
        return finished() && !aborted && error.isEmpty();
    }
}
