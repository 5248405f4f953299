package net.aisj.core.etl;

/**
 * An ETL's lifecycle stage as AIS names it: {@code Initializing} while every target starts its transformer,
 * {@code Running} once all did, {@code Aborted} after a failed init, an error or a user's stop ({@code start} is
 * allowed from here only).
 */
public enum EtlStage {
    INITIALIZING("Initializing"),
    RUNNING("Running"),
    ABORTED("Aborted");

    private final String wire;

    EtlStage(String wire) {
        this.wire = wire;
    }

    /** The name AIS's API shows. */
    public String wire() {
        return wire;
    }

    /** The stage named {@code wire}; ABORTED for anything unknown (a stored document from a newer node). */
    public static EtlStage of(String wire) {
        for (EtlStage s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        return ABORTED;
    }
}
