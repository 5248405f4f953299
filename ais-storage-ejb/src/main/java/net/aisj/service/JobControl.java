package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;
import net.aisj.cluster.DataGrid;
import net.aisj.core.AisException;
import net.aisj.core.ClusterMap;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactSnapshot;
import net.aisj.xact.XactionRegistry;

/**
 * User control of jobs, cluster-wide (AIS {@code PUT /v1/cluster} {@code start} / {@code stop}): starting a kind
 * the descriptor table marks startable, and aborting jobs by id and/or kind on every node (an abort is published on
 * the data grid; each node aborts its matching running jobs).
 */
@ApplicationScoped
public class JobControl {

    private static final Logger LOG = Logger.getLogger(JobControl.class.getName());
    static final String ABORT_TOPIC = "ais.xact.abort";

    @Inject
    DataGrid grid;

    @Inject
    XactionRegistry registry;

    @Inject
    RebalanceService rebalance;

    @Inject
    ClusterService cluster;

    void listen(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        grid.subscribe(ABORT_TOPIC, this::abortLocal);
    }

    /**
     * Starts a job of {@code kind} cluster-wide and returns its id.
     *
     * @throws AisException BAD_REQUEST for an unknown kind or one that cannot be started by a user
     */
    public String start(String kind) {
        if (kind == null || kind.isEmpty()) {
            throw AisException.badRequest("start: missing job kind (\"Kind\")");
        }
        XactKind k = XactKind.of(kind)
                .orElseThrow(() ->
                        AisException.badRequest("start: job kind \"" + kind + "\" is not supported by this cluster"));
        if (k == XactKind.REBALANCE) {
            ClusterMap m = rebalance.requestRebalance();
            String id = "g" + m.version();
            LOG.info(() -> "rebalance " + id + " requested by a user");
            return id;
        }
        throw AisException.badRequest("start: job kind \"" + kind + "\" cannot be started by a user");
    }

    /**
     * Aborts the running jobs matching {@code id} and/or {@code kind} on every node.
     *
     * @throws AisException BAD_REQUEST when neither is given, NOT_FOUND when no node runs a matching job
     */
    public void abort(String id, String kind) {
        if ((id == null || id.isEmpty()) && (kind == null || kind.isEmpty())) {
            throw AisException.badRequest("stop: missing job id (\"ID\") or kind (\"Kind\")");
        }
        Map<String, java.util.List<XactSnapshot>> running = cluster.snapshots(id, kind, true);
        if (running.values().stream().allMatch(java.util.List::isEmpty)) {
            throw AisException.notFound("stop: no running job "
                    + (id == null || id.isEmpty() ? "of kind \"" + kind + "\"" : "\"" + id + "\""));
        }
        LOG.info(() -> "abort of job " + (id == null ? "" : id) + " kind " + (kind == null ? "" : kind)
                + " requested by a user");
        grid.publish(ABORT_TOPIC, (id == null ? "" : id) + "\n" + (kind == null ? "" : kind));
    }

    /**
     * Aborts job {@code id} (of {@code kind}) on every node where it runs, with {@code reason} in its status; used
     * by a node whose part failed in a job whose parts depend on each other (dsort). Never throws for a job that
     * already ended.
     */
    public void abortEverywhere(String id, String kind, String reason) {
        grid.publish(ABORT_TOPIC, id + "\n" + (kind == null ? "" : kind) + "\n" + reason.replace('\n', ' '));
    }

    private void abortLocal(String msg) {
        String[] p = msg.split("\n", -1);
        String id = p[0];
        String kind = p.length > 1 ? p[1] : "";
        String reason = p.length > 2 ? p[2] : "aborted by a user";
        registry.abort(id, kind, reason);
    }
}
