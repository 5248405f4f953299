package net.aisj.xact;

import java.util.Optional;

/**
 * The descriptor table of job kinds (AIS {@code xact/api_table.go}).
 *
 * <p>Columns: the AIS wire name; the scope; whether a user may start it ({@code PUT /v1/cluster} {@code start});
 * whether a new job of the kind aborts a running one (else they coexist); whether it conflicts with a running
 * rebalance (is refused while one runs); whether it idles (demand-driven: lives while a queue gets work and reports
 * {@code is_idle} while the queue is empty, see {@link #idles()}).
 */
public enum XactKind {

    /** Moves objects to their HRW owners after a change of in-service targets; id {@code g<smap version>}. */
    REBALANCE("rebalance", Scope.CLUSTER, true, true, false, false),

    /** Brings a bucket's objects to {@code mirror.copies} copies on every target (bucket action make-n-copies). */
    MAKE_N_COPIES("make-n-copies", Scope.BUCKET, true, true, false, false),

    /**
     * One target moves its objects to their HRW mountpaths and restores their copies, after a mountpath change or
     * on request.
     */
    RESILVER("resilver", Scope.NODE, true, true, false, false),

    /**
     * Every target reads every copy of its objects (one bucket or all) and checks it against its checksum; bad copies
     * are removed and re-made from good ones (silent corruption).
     */
    SCRUB("scrub", Scope.BUCKET, true, true, false, false),

    /**
     * Background mirroring of new PUTs (and of copies a read found bad) on one target, AIS's demand-driven
     * {@code put-copies}: appears when the queue gets work, counts objects and bytes copied, ends when idle.
     */
    PUT_COPIES("put-copies", Scope.NODE, false, false, false, true),

    /**
     * The asynchronous EC queue on one target (AIS {@code ec-put}): replicas/slices made after PUTs returned;
     * demand-driven like {@code put-copies}.
     */
    EC_PUT("ec-put", Scope.NODE, false, false, false, true),

    /** Deletes the objects a list or template selects (bucket action delete-listrange). */
    DELETE_OBJECTS("delete-listrange", Scope.BUCKET, false, false, false, false),

    /** Fetches the remote objects a list, template or prefix selects into the cache (bucket action prefetch-listrange). */
    PREFETCH("prefetch-listrange", Scope.BUCKET, false, false, false, false),

    /** Removes cached copies of remote objects a list, template or prefix selects; the remote keeps them. */
    EVICT("evict-listrange", Scope.BUCKET, false, false, false, false),

    /** Copies the objects a list or template selects to another bucket (bucket action copy-listrange). */
    COPY_OBJECTS("copy-listrange", Scope.BUCKET, false, false, false, false),

    /** Copies a whole bucket (or its objects under a prefix) to another bucket, names optionally prepended. */
    COPY_BUCKET("copy-bck", Scope.BUCKET, true, false, true, false),

    /** Renames a bucket: copies every object to the new name, then destroys the old bucket. */
    MOVE_BUCKET("move-bck", Scope.BUCKET, true, false, true, false),

    /**
     * Writes one archive (shard) from a list or template of objects (bucket action {@code archive}); runs on the
     * target owning the archive's name; several may run at once.
     */
    ARCHIVE("archive", Scope.BUCKET, false, false, false, false),

    /**
     * Distributed resharding ({@code POST /v1/sort}): every target extracts the records of its input shards, one
     * target orders and cuts them, each output shard is written by its HRW owner; parts depend on each other, so a
     * failure or a departing target aborts every part.
     */
    DSORT("dsort", Scope.BUCKET, false, false, false, false),

    /** Erasure-codes a bucket's existing objects (and, with "recover", checks and repairs their slices). */
    EC_ENCODE("ec-encode", Scope.BUCKET, true, false, false, false),

    /**
     * After the set of targets changed: every target re-creates the replicas/slices of the objects it is main of
     * and restores the objects it became main of from their slices; id {@code e<smap version>}.
     */
    EC_RECOVER("ec-recover", Scope.CLUSTER, false, true, false, false);

    /** Where a job runs. */
    public enum Scope {
        /** on every target, one id cluster-wide */
        CLUSTER,
        /** on the targets holding a bucket */
        BUCKET,
        /** on one node */
        NODE
    }

    private final String wire;
    private final Scope scope;
    private final boolean startable;
    private final boolean abortsPrevious;
    private final boolean conflictsWithRebalance;
    private final boolean idles;

    XactKind(String wire, Scope scope, boolean startable, boolean abortsPrevious, boolean conflictsWithRebalance,
             boolean idles) {
        this.wire = wire;
        this.scope = scope;
        this.startable = startable;
        this.abortsPrevious = abortsPrevious;
        this.conflictsWithRebalance = conflictsWithRebalance;
        this.idles = idles;
    }

    public String wire() {
        return wire;
    }

    public Scope scope() {
        return scope;
    }

    public boolean startable() {
        return startable;
    }

    public boolean abortsPrevious() {
        return abortsPrevious;
    }

    public boolean conflictsWithRebalance() {
        return conflictsWithRebalance;
    }

    /**
     * Demand-driven: the job lives while its queue gets work and reports itself idle (AIS {@code is_idle}) while
     * the queue is empty, before it ends.
     */
    public boolean idles() {
        return idles;
    }

    public static Optional<XactKind> of(String wire) {
        for (XactKind k : values()) {
            if (k.wire.equals(wire)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
