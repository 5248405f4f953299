package net.aisj.xact;

/**
 * An immutable view of one node's part of a job (AIS {@code core.Snap}).
 *
 * @param startMillis unix ms
 * @param endMillis   unix ms, 0 while running
 * @param abortErr    why it was aborted, "" if not
 * @param err         the first error, "" if none
 * @param idle        nothing to do right now: ended, or (kinds that {@link XactKind#idles() idle}) waiting for work
 */
public record XactSnapshot(
        String id,
        String kind,
        String nodeId,
        String bucket,
        long startMillis,
        long endMillis,
        boolean aborted,
        String abortErr,
        String err,
        long locObjs,
        long locBytes,
        long outObjs,
        long outBytes,
        long inObjs,
        long inBytes,
        boolean idle) {

    /** A snapshot that is idle exactly when it has ended (every kind that does not idle). */
    public XactSnapshot(
            String id,
            String kind,
            String nodeId,
            String bucket,
            long startMillis,
            long endMillis,
            boolean aborted,
            String abortErr,
            String err,
            long locObjs,
            long locBytes,
            long outObjs,
            long outBytes,
            long inObjs,
            long inBytes) {
        this(
                id,
                kind,
                nodeId,
                bucket,
                startMillis,
                endMillis,
                aborted,
                abortErr,
                err,
                locObjs,
                locBytes,
                outObjs,
                outBytes,
                inObjs,
                inBytes,
                endMillis != 0);
    }

    public boolean running() {
        return endMillis == 0;
    }
}
