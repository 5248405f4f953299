package net.aisj.service.ec;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.BucketProps;
import net.aisj.service.LocalNode;
import net.aisj.service.OnBadCopy;
import net.aisj.service.StorageErrors;

/**
 * What the object service asks of erasure coding, in the object's life: after a write commits (replicas/slices
 * made, now or queued), after an object arrives from another target, after a delete or rename, and when a read finds
 * the local copy missing or corrupt (restore, then read the restored copy). Every method does nothing (or answers
 * empty) when the bucket is not erasure coded. Thread-safe.
 */
@ApplicationScoped
public class EcHooks {

    private static final Logger LOG = Logger.getLogger(EcHooks.class.getName());

    @Inject
    LocalNode node;

    @Inject
    EcService ec;

    @Resource
    ManagedExecutorService executor;

    /** Objects being restored in the background after a read found their only copy bad. */
    private final Set<ObjectId> restoring = ConcurrentHashMap.newKeySet();

    /** A write (PUT, copy, append flush, multipart completion) committed {@code id} on this target. */
    public void afterPut(ObjectId id, BucketProps p) {
        ec.afterPut(id, p);
    }

    /** {@code id} arrived from another target (rebalance): its replicas/slices follow the current placement. */
    public void afterReceive(ObjectId id, BucketProps p) {
        ec.afterReceive(id, p);
    }

    /** {@code id} was deleted here: removes its replicas/slices everywhere; true when any target had some. */
    public boolean deleted(ObjectId id, BucketProps p) {
        return ec.deleted(id, p);
    }

    /** {@code from} was renamed to {@code to}: the old name's slices go, the new name's are made. */
    public void renamed(ObjectId from, ObjectId to, BucketProps p) {
        ec.deleted(from, p);
        ec.afterPut(to, p);
    }

    /**
     * The local copy of {@code id} failed its checksum ({@code why}): restores it from the replicas/slices and opens
     * the restored copy; empty when it cannot be restored (not erasure coded, too few slices).
     */
    public Optional<ObjectReader> openCorrupt(ObjectId id, BucketProps p, StorageException why) {
        if (ec.restore(id, p, true).isEmpty()) {
            return Optional.empty();
        }
        LOG.warning(why.getMessage() + ": restored from its erasure-coded replicas/slices");
        return Optional.of(openLocal(id));
    }

    /** No target has {@code id}: restores it here from its replicas/slices and opens it; empty when it cannot. */
    public Optional<ObjectReader> openMissing(ObjectId id, BucketProps p) {
        return ec.restore(id, p, false).isPresent() ? Optional.of(openLocal(id)) : Optional.empty();
    }

    /** No target has {@code id}: restores it here from its replicas/slices; empty when it cannot. */
    public Optional<ObjectStat> statMissing(ObjectId id, BucketProps p) {
        return ec.restore(id, p, false);
    }

    /**
     * A reader of {@code id} that, when its copy turns out bad while streaming (the storage layer cut the transfer and
     * quarantined the copy), restores the object from its replicas/slices in the background; the reader itself
     * when the bucket is not erasure coded (the storage layer repairs mirror copies itself).
     */
    public ObjectReader repairing(ObjectId id, BucketProps p, ObjectReader r) {
        return p.ec().enabled() ? new OnBadCopy(r, () -> restoreLater(id, p)) : r;
    }

    private void restoreLater(ObjectId id, BucketProps p) {
        if (!restoring.add(id)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    if (ec.restore(id, p, true).isPresent()) {
                        LOG.warning("restored " + id.cname() + " from its erasure-coded replicas/slices after a read"
                                + " found its copy bad");
                    }
                } catch (RuntimeException e) {
                    LOG.warning("cannot restore " + id.cname() + " after a read found its copy bad: " + e.getMessage()
                            + " (the next GET or scrub tries again)");
                } finally {
                    restoring.remove(id);
                }
            });
        } catch (RuntimeException e) {
            restoring.remove(id);
            LOG.warning("cannot queue the restore of " + id.cname() + ": " + e.getMessage());
        }
    }

    private ObjectReader openLocal(ObjectId id) {
        try (StorageConnection c = node.connection()) {
            return c.open(id, false);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }
}
