package net.aisj.service.ec;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import net.aisj.cluster.EcIntra;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.core.BucketProps;
import net.aisj.core.NodeInfo;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;
import net.aisj.service.StorageErrors;

/**
 * Erasure coding as the object service and the intra-cluster endpoints see it (design in the package doc): what
 * happens after a PUT (slices now with {@code ec.sync_put}, else queued), after a DELETE (slices removed
 * everywhere), on a GET miss (restore), and this target's side of slice transfers. Thread-safe.
 */
@ApplicationScoped
public class EcService {

    private static final Logger LOG = Logger.getLogger(EcService.class.getName());

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    /** Gives the tasks on the WorkManager lanes this application's context. */
    @Resource
    ContextService context;

    private volatile Parts parts;

    private record Parts(EcIntra intra, EcWriter writer, EcRestorer restorer, EcPutQueue queue, EcLanes lanes) {}

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            synchronized (this) {
                p = parts;
                if (p == null) {
                    EcIntra intra = new EcIntra(node.intra());
                    EcLanes lanes;
                    try (StorageConnection c = node.connection()) {
                        lanes = EcLanes.open(c, context);
                    } catch (StorageException e) {
                        throw StorageErrors.map(e);
                    }
                    EcWriter w = new EcWriter(node, intra, lanes);
                    EcRestorer r = new EcRestorer(node, intra, w, lanes);
                    EcPutQueue q = new EcPutQueue(lanes.queueExecutor(), (id, mode) -> protectQueued(w, id, mode));
                    parts = p = new Parts(intra, w, r, q, lanes);
                }
            }
        }
        return p;
    }

    private long protectQueued(EcWriter w, ObjectId id, EcWriter.Mode mode) {
        Optional<BucketProps> p = node.bucketMetadata().current().get(id.bucket());
        if (p.isPresent() && p.get().ec().enabled()) {
            EcWriter.Sent s = w.protectSized(id, p.get().ec(), mode);
            return s.count() > 0 ? s.size() : 0;
        }
        return 0;
    }

    /**
     * After a PUT committed {@code id} on this (main) target: with {@code ec.sync_put} its replicas/slices are
     * stored before this returns (UNAVAILABLE when a holder could not be written), else they are queued.
     */
    public void afterPut(ObjectId id, BucketProps p) {
        if (!p.ec().enabled()) {
            return;
        }
        if (p.ec().syncPut()) {
            Parts ps = parts();
            ps.lanes().call(ps.lanes().encode(), () -> ps.writer().protect(id, p.ec(), EcWriter.Mode.PUT));
        } else {
            parts().queue().submit(id, EcWriter.Mode.PUT);
        }
    }

    /** After an object arrived here from another target (rebalance): its slices follow the new placement. */
    public void afterReceive(ObjectId id, BucketProps p) {
        if (p.ec().enabled()) {
            parts().queue().submit(id, EcWriter.Mode.CHECK);
        }
    }

    /** Removes the object's replicas/slices and metafiles on every target; true when any target had some. */
    public boolean deleted(ObjectId id, BucketProps p) {
        if (!p.ec().enabled()) {
            return false;
        }
        Parts ps = parts();
        boolean any = deleteLocal(id, 0);
        Map<String, Callable<Void>> calls = new LinkedHashMap<>();
        for (NodeInfo t : node.clusterMap().targets()) {
            if (!t.id().equals(node.self().id())) {
                calls.put(t.displayName(), () -> {
                    ps.intra().delete(t, id, 0);
                    return null;
                });
            }
        }
        List<String> kept = ps.lanes().fanOut(calls, (t, none) -> {});
        if (!kept.isEmpty()) {
            LOG.warning("delete of " + id.cname() + ": targets kept their slices: " + kept);
        }
        return any;
    }

    /**
     * Restores {@code id} on this target from the others (a GET found it missing, or {@code corrupt}). Returns the
     * stat, or empty when the bucket is not erasure coded or the object cannot be rebuilt. The missing replicas or
     * slices are re-sent in the background.
     */
    public Optional<ObjectStat> restore(ObjectId id, BucketProps p, boolean corrupt) {
        if (!p.ec().enabled()) {
            return Optional.empty();
        }
        Optional<ObjectStat> st = parts().restorer().restore(id, ObjectService.options(p), corrupt);
        st.ifPresent(s -> parts().queue().submit(id, EcWriter.Mode.CHECK));
        return st;
    }

    /** Makes {@code id}'s replicas/slices complete now (jobs); returns how many were sent. */
    public int protect(ObjectId id, boolean verify) {
        BucketProps p = buckets.props(id.bucket());
        if (!p.ec().enabled()) {
            return 0;
        }
        Parts ps = parts();
        return ps.lanes()
                .call(
                        ps.lanes().encode(),
                        () -> ps.writer().protect(id, p.ec(), verify ? EcWriter.Mode.VERIFY : EcWriter.Mode.CHECK));
    }

    /** Names of objects this target is now main of, lacks, and holds a replica or slice of (recovery). */
    public List<String> orphans(BucketId bucket) {
        List<String> out = new ArrayList<>();
        try (StorageConnection c = node.connection()) {
            for (EcMeta m : c.listSlices(bucket)) {
                ObjectId id = new ObjectId(bucket, m.name());
                if (node.owns(id) && c.stat(id).isEmpty()) {
                    out.add(m.name());
                }
            }
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        return out;
    }

    /** Background EC counters ({@code ec-put}): {waiting, done, failed, dropped, bytes}. */
    public long[] queueCounters() {
        return parts().queue().counters();
    }

    /**
     * Holders' refusals of this target's replicas and slices (they kept a newer generation):
     * {refused, replaced (this main's generation now there), unresolved (left as it was, reported as a failure)}.
     */
    public long[] refusalCounters() {
        Parts p = parts; // not parts(): a metrics scrape must not start EC's work lanes on a node that never used EC
        return p == null ? new long[3] : p.writer().refusalCounters();
    }

    // ------------------------------------------------------------------ this target's side of the intra calls

    /** This target's metafile of {@code id}; with {@code verify}, a held slice that does not match is dropped. */
    public Optional<EcMeta> localMeta(ObjectId id, boolean verify) {
        try (StorageConnection c = node.connection()) {
            if (verify && !c.verifySlice(id)) {
                return Optional.empty();
            }
            return c.ecMeta(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /**
     * Stores a replica or slice sent by the object's main target. Returns empty once stored, or a refusal when this
     * target keeps a newer generation of the object (nothing stored): the sender must learn it, since it is the
     * object's source of truth and decides which generation stays ({@link EcRefusals}).
     */
    public Optional<EcIntra.Refusal> receiveSlice(ObjectId id, EcMeta meta, InputStream in) {
        try (StorageConnection c = node.connection()) {
            if (c.putSlice(id, meta, in)) {
                return Optional.empty();
            }
            Optional<EcMeta> held = c.ecMeta(id);
            String msg = (meta.isCopy() ? "replica" : "slice " + meta.sliceId()) + " of " + id.cname()
                    + " generation " + meta.generation() + " from " + meta.mainNode() + " refused: this target keeps "
                    + held.map(m -> "generation " + m.generation()
                                    + (m.mainNode().equals(node.self().id())
                                            ? " (its own main metafile)"
                                            : " (from " + m.mainNode() + ")"))
                            .orElse("a newer generation (removed since)");
            LOG.info(msg);
            return Optional.of(new EcIntra.Refusal(held, msg));
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /** Opens the replica or slice held here; NOT_FOUND when none. The caller closes it. */
    public EcSlice openLocalSlice(ObjectId id) {
        try (StorageConnection c = node.connection()) {
            return c.openSlice(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    public boolean deleteLocal(ObjectId id, long generation) {
        try (StorageConnection c = node.connection()) {
            return c.deleteEc(id, generation);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    EcIntra intra() {
        return parts().intra();
    }
}
