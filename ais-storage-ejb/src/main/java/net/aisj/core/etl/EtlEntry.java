package net.aisj.core.etl;

/**
 * One ETL in the cluster's ETL metadata.
 *
 * @param spec   its init message
 * @param stage  where it is in its lifecycle
 * @param secret the per-init secret that authorizes its transformers' calls back into the cluster (never shown)
 * @param xid    the job id of its current (or last) run, {@code etl-<id>}
 * @param reason why it was aborted, or empty
 */
public record EtlEntry(EtlSpec spec, EtlStage stage, String secret, String xid, String reason) {

    public EtlEntry {
        reason = reason == null ? "" : reason;
    }

    public String name() {
        return spec.name();
    }

    public EtlEntry withStage(EtlStage s, String why) {
        return new EtlEntry(spec, s, secret, xid, why);
    }
}
