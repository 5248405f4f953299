package net.aisj.xact;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The descriptor table of job kinds (AIS {@code xact/api_table.go}).
 *
 * <p>Columns: the AIS wire name, the scope, then the {@link Rule}s that apply to the kind, by name (a kind with
 * none can only be started by its own action and coexists with others of its kind).
 */
public enum XactKind {

    /** Moves objects to their HRW owners after a change of in-service targets; id {@code g<smap version>}. */
    REBALANCE("rebalance", Scope.CLUSTER, Rule.STARTABLE, Rule.ABORTS_PREVIOUS),

    /** Brings a bucket's objects to {@code mirror.copies} copies on every target (bucket action make-n-copies). */
    MAKE_N_COPIES("make-n-copies", Scope.BUCKET, Rule.STARTABLE, Rule.ABORTS_PREVIOUS),

    /**
     * One target moves its objects to their HRW mountpaths and restores their copies, after a mountpath change or
     * on request.
     */
    RESILVER("resilver", Scope.NODE, Rule.STARTABLE, Rule.ABORTS_PREVIOUS),

    /**
     * Every target reads every copy of its objects (one bucket or all) and checks it against its checksum; bad copies
     * are removed and re-made from good ones (silent corruption).
     */
    SCRUB("scrub", Scope.BUCKET, Rule.STARTABLE, Rule.ABORTS_PREVIOUS),

    /**
     * Background mirroring of new PUTs (and of copies a read found bad) on one target, AIS's demand-driven
     * {@code put-copies}: appears when the queue gets work, counts objects and bytes copied, ends when idle.
     */
    PUT_COPIES("put-copies", Scope.NODE, Rule.IDLES),

    /**
     * The asynchronous EC queue on one target (AIS {@code ec-put}): replicas/slices made after PUTs returned;
     * demand-driven like {@code put-copies}.
     */
    EC_PUT("ec-put", Scope.NODE, Rule.IDLES),

    /**
     * The Get-Batch requests a node serves (AIS {@code get-batch}), demand-driven like {@code put-copies}: appears
     * while batches run (or ran within the last sample), counts items and bytes sent, ends when idle.
     */
    GET_BATCH("get-batch", Scope.NODE, Rule.IDLES),

    /** Deletes the objects a list or template selects (bucket action delete-listrange). */
    DELETE_OBJECTS("delete-listrange", Scope.BUCKET),

    /** Fetches the remote objects a list, template or prefix selects into the cache (bucket action prefetch-listrange). */
    PREFETCH("prefetch-listrange", Scope.BUCKET),

    /** Removes cached copies of remote objects a list, template or prefix selects; the remote keeps them. */
    EVICT("evict-listrange", Scope.BUCKET),

    /**
     * Capacity: on every target, evicts the least recently accessed cached copies of remote objects from each
     * mountpath above {@code space.lowwm} down to it; started by the node itself when a mountpath passes
     * {@code space.highwm}, periodically, or by a user.
     */
    LRU("lru", Scope.CLUSTER, Rule.STARTABLE),

    /** One large remote object fetched into the cache in parallel ranges by its owning target (AIS BlobMsg). */
    BLOB_DOWNLOAD("blob-download", Scope.BUCKET, Rule.STARTABLE),

    /**
     * A download job ({@code /v1/download}, AIS's {@code download} xaction) as the jobs API shows it: started by the
     * download API on every target under its {@code dnl-} id; {@code loc-*} count the objects and bytes stored.
     */
    DOWNLOAD("download", Scope.BUCKET),

    /**
     * Files of a directory the targets can read become objects of a bucket (AIS {@code promote}); with a shared
     * source each target stores the names it owns, otherwise every target what it sees.
     */
    PROMOTE("promote", Scope.BUCKET),

    /** Copies the objects a list or template selects to another bucket (bucket action copy-listrange). */
    COPY_OBJECTS("copy-listrange", Scope.BUCKET),

    /** Copies a whole bucket (or its objects under a prefix) to another bucket, names optionally prepended. */
    COPY_BUCKET("copy-bck", Scope.BUCKET, Rule.STARTABLE, Rule.CONFLICTS_WITH_REBALANCE),

    /** Copies a bucket (or its objects under a prefix) through an ETL into another bucket (AIS {@code etl-bck}). */
    ETL_BUCKET("etl-bck", Scope.BUCKET, Rule.STARTABLE, Rule.CONFLICTS_WITH_REBALANCE),

    /** Copies the objects a list or template selects through an ETL into another bucket (AIS {@code etl-listrange}). */
    ETL_OBJECTS("etl-listrange", Scope.BUCKET),

    /** Renames a bucket: copies every object to the new name, then destroys the old bucket. */
    MOVE_BUCKET("move-bck", Scope.BUCKET, Rule.STARTABLE, Rule.CONFLICTS_WITH_REBALANCE),

    /**
     * Writes one archive (shard) from a list or template of objects (bucket action {@code archive}); runs on the
     * target owning the archive's name; several may run at once.
     */
    ARCHIVE("archive", Scope.BUCKET),

    /**
     * Distributed resharding ({@code POST /v1/sort}): every target extracts the records of its input shards, one
     * target orders and cuts them, each output shard is written by its HRW owner; parts depend on each other, so a
     * failure or a departing target aborts every part.
     */
    DSORT("dsort", Scope.BUCKET),

    /** Erasure-codes a bucket's existing objects (and, with "recover", checks and repairs their slices). */
    EC_ENCODE("ec-encode", Scope.BUCKET, Rule.STARTABLE),

    /**
     * After the set of targets changed: every target re-creates the replicas/slices of the objects it is main of
     * and restores the objects it became main of from their slices; id {@code e<smap version>}.
     */
    EC_RECOVER("ec-recover", Scope.CLUSTER, Rule.ABORTS_PREVIOUS);

    /** Where a job runs. */
    public enum Scope {
        /** on every target, one id cluster-wide */
        CLUSTER,
        /** on the targets holding a bucket */
        BUCKET,
        /** on one node */
        NODE
    }

    /** What a kind may do or must respect; a row names the rules that apply to it. */
    public enum Rule {
        /** A user can start it ({@code PUT /v1/cluster} {@code start}, or its bucket action). */
        STARTABLE,
        /** Starting it aborts the running job of the same kind (and scope) on the node. */
        ABORTS_PREVIOUS,
        /** It must not run while the cluster rebalances. */
        CONFLICTS_WITH_REBALANCE,
        /** Demand-driven: reports {@code is_idle} while its queue is empty and ends after a while idle. */
        IDLES
    }

    private final String wire;
    private final Scope scope;
    private final Set<Rule> rules;

    XactKind(String wire, Scope scope, Rule... rules) {
        this.wire = wire;
        this.scope = scope;
        this.rules = rules.length == 0 ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(Arrays.asList(rules));
    }

    public String wire() {
        return wire;
    }

    public Scope scope() {
        return scope;
    }

    public boolean startable() {
        return rules.contains(Rule.STARTABLE);
    }

    public boolean abortsPrevious() {
        return rules.contains(Rule.ABORTS_PREVIOUS);
    }

    public boolean conflictsWithRebalance() {
        return rules.contains(Rule.CONFLICTS_WITH_REBALANCE);
    }

    /**
     * Demand-driven: the job lives while its queue gets work and reports itself idle (AIS {@code is_idle}) while
     * the queue is empty, before it ends.
     */
    public boolean idles() {
        return rules.contains(Rule.IDLES);
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
