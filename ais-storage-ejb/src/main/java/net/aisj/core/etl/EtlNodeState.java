package net.aisj.core.etl;

import java.util.List;

/**
 * One target's view of one ETL: its transformer's health (AIS's pod phases: {@code Pending}, {@code Running},
 * {@code Failed}, {@code Unknown}), resource use, inline counters and recorded per-object errors.
 *
 * @param nodeId   the target
 * @param health   {@code Running} when the process is up and answered its last health check
 * @param cpu      CPU cores used since the previous sample (utime+stime of the process tree)
 * @param memBytes resident memory of the process tree
 * @param objCount objects transformed (inline and offline)
 * @param inBytes  bytes sent to the transformer
 * @param outBytes bytes received from it
 * @param restarts how often the node restarted the transformer after it exited
 * @param errors   recorded object errors (the inline ones, or one offline job's)
 */
public record EtlNodeState(
        String nodeId,
        String health,
        double cpu,
        long memBytes,
        long objCount,
        long inBytes,
        long outBytes,
        int restarts,
        List<ObjError> errors) {

    public EtlNodeState {
        errors = List.copyOf(errors);
    }

    /** AIS's {@code ObjErr}: the object, the message and the status code. */
    public record ObjError(String objName, String message, int ecode) {}
}
