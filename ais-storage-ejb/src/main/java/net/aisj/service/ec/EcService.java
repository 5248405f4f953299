package net.aisj.service.ec;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import net.aisj.cluster.EcIntra;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.service.BucketService;
import net.aisj.service.ObjectService;
import net.aisj.service.StorageErrors;
import net.aisj.service.StorageNode;

/**
 * Erasure coding as the object service and the intra-cluster endpoints see it (design in the package doc): what
 * happens after a PUT (slices now with {@code ec.sync_put}, else queued), after a DELETE (slices removed
 * everywhere), on a GET miss (restore), and this target's side of slice transfers. Thread-safe.
 */
@ApplicationScoped
public class EcService {

    private static final Logger LOG = Logger.getLogger(EcService.class.getName());

    @Inject
    StorageNode node;

    @Inject
    BucketService buckets;

    /** Runs the queue's workers (which wait on fan-out calls). */
    @Resource
    ManagedExecutorService executor;

    /** Makes the threads of the fan-out pool (container-managed threads). */
    @Resource
    ManagedThreadFactory threads;

    private volatile Parts parts;
    private volatile ExecutorService fanout;

    private record Parts(EcIntra intra, EcWriter writer, EcRestorer restorer, EcPutQueue queue) {
    }

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            synchronized (this) {
                p = parts;
                if (p == null) {
                    EcIntra intra = new EcIntra(node.intra());
                    // Fan-out calls (one per holder) only do I/O and never wait for other tasks, so the callers
                    // that wait for them (queue workers, jobs, PUT threads) can never starve them.
                    fanout = Executors.newCachedThreadPool(threads);
                    EcWriter w = new EcWriter(node, intra, fanout);
                    EcRestorer r = new EcRestorer(node, intra, w, fanout);
                    EcPutQueue q = new EcPutQueue(executor, (id, mode) -> protectQueued(w, id, mode));
                    parts = p = new Parts(intra, w, r, q);
                }
            }
        }
        return p;
    }

    @PreDestroy
    void stop() {
        ExecutorService f = fanout;
        if (f != null) {
            f.shutdownNow();
        }
    }

    private void protectQueued(EcWriter w, ObjectId id, EcWriter.Mode mode) {
        Optional<BucketProps> p = node.bucketMetadata().current().get(id.bucket());
        if (p.isPresent() && p.get().ec().enabled()) {
            w.protect(id, p.get().ec(), mode);
        }
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
            parts().writer().protect(id, p.ec(), EcWriter.Mode.PUT);
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
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (NodeInfo t : node.clusterMap().targets()) {
            if (!t.id().equals(node.self().id())) {
                calls.add(CompletableFuture.runAsync(() -> ps.intra().delete(t, id, 0), fanout));
            }
        }
        for (CompletableFuture<Void> c : calls) {
            try {
                c.join();
            } catch (RuntimeException e) {
                LOG.warning("delete of " + id.cname() + ": a target kept its slice: " + e.getMessage());
            }
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
        return p.ec().enabled() ? parts().writer().protect(id, p.ec(), verify ? EcWriter.Mode.VERIFY
                : EcWriter.Mode.CHECK) : 0;
    }

    /** Names of objects this target is now main of, lacks, and holds a replica or slice of (recovery). */
    public List<String> orphans(BucketId bucket) {
        List<String> out = new ArrayList<>();
        try (StorageConnection c = node.connection()) {
            for (EcMeta m : c.listSlices(bucket)) {
                ObjectId id = new ObjectId(bucket, m.name());
                if (TargetPlacement.owner(node.clusterMap(), id.uname()).id().equals(node.self().id())
                        && c.stat(id).isEmpty()) {
                    out.add(m.name());
                }
            }
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        return out;
    }

    /** Background EC counters: {waiting, done, failed, dropped}. */
    public long[] queueCounters() {
        return parts().queue().counters();
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

    /** Stores a replica or slice sent by the object's main target. */
    public void receiveSlice(ObjectId id, EcMeta meta, InputStream in) {
        try (StorageConnection c = node.connection()) {
            c.putSlice(id, meta, in);
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
