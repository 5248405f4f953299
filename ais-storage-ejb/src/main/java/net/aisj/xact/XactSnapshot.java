package net.aisj.xact;

/**
 * An immutable view of one node's part of a job (AIS {@code core.Snap}).
 *
 * @param startMillis unix ms
 * @param endMillis   unix ms, 0 while running
 * @param abortErr    why it was aborted, "" if not
 * @param err         the first error, "" if none
 */
public record XactSnapshot(String id, String kind, String nodeId, String bucket, long startMillis, long endMillis,
                           boolean aborted, String abortErr, String err, long locObjs, long locBytes, long outObjs,
                           long outBytes, long inObjs, long inBytes) {

    public boolean running() {
        return endMillis == 0;
    }
}
