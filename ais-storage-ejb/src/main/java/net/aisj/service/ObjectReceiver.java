package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import net.aisj.connector.api.ChecksumType;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.RecentDeletes;
import net.aisj.service.ec.EcHooks;

/**
 * Objects another target sends here over the intra-cluster API: a rebalance moving an object to its new owner
 * ({@link #receive}, kept with the sender's version and metadata, never overriding what a client wrote or deleted
 * here meanwhile) and a bucket copy ({@link #receiveCopy}, a new object). The object service tells it about client
 * deletes ({@link #deleted}). Checks the bucket and name like {@link ObjectService}. Thread-safe; streams are never
 * buffered whole.
 */
@ApplicationScoped
public class ObjectReceiver {

    /** How long a delete outranks rebalance copies written before it (longer than any rebalance here). */
    static final long DELETE_MEMORY_MILLIS = 30 * 60_000L;

    private static final Logger LOG = Logger.getLogger(ObjectReceiver.class.getName());

    /** Connections without an EJB call per object received. */
    @Inject
    LocalNode local;

    @Inject
    BucketService buckets;

    /** Erasure coding's part in an object's life (no-ops for buckets without EC). */
    @Inject
    EcHooks ec;

    /** Names deleted here lately: a rebalance copy older than such a delete is dropped, not resurrected. */
    private final RecentDeletes<ObjectId> recentDeletes = new RecentDeletes<>(DELETE_MEMORY_MILLIS, 100_000);

    /**
     * Stores an object sent by another target (rebalance) with its metadata: same version and custom metadata, the
     * sender's checksum verified on arrival (BAD_REQUEST and nothing stored on mismatch or truncation).
     */
    public ObjectStat receive(ObjectId id, ObjectStat meta, InputStream in) {
        BucketProps p = checked(id);
        ChecksumType type = meta.checksum().type() == ChecksumType.NONE
                ? ChecksumType.of(p.checksum().type())
                : meta.checksum().type();
        PutOptions opts = new PutOptions(
                        type,
                        meta.checksum().type() == ChecksumType.NONE ? null : meta.checksum(),
                        meta.size(),
                        meta.custom(),
                        p.versioning().enabled(),
                        p.syncWrites(),
                        meta.version().isEmpty() ? null : meta.version())
                .withCopies(p.mirror().effectiveCopies(), false)
                .withMtime(meta.mtimeMillis());
        if (recentDeletes.supersedes(id, meta.mtimeMillis(), System.currentTimeMillis())) {
            LOG.fine(() ->
                    "dropping " + id.cname() + " from a rebalance: a client deleted it here after it was" + " written");
            drain(id, in);
            return meta;
        }
        try (StorageConnection c = local.connection()) {
            Optional<ObjectStat> have = c.stat(id);
            if (have.isPresent() && isNewerOrSame(have.get(), meta)) {
                in.transferTo(OutputStream.nullOutputStream());
                // kept from before (e.g. a target that returned with its disks): its slices may still be missing
                ec.afterReceive(id, p);
                return have.get();
            }
            ObjectStat st = c.put(id, in, opts);
            ec.afterReceive(id, p);
            return st;
        } catch (IOException e) {
            throw new AisException(AisException.Kind.INTERNAL, "receiving " + id.cname() + ": " + e.getMessage(), e);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /**
     * Stores an object copied from another target into this bucket (copy-listrange, copy-bck): a new object with
     * the source's custom metadata and a fresh version, the source's checksum verified on arrival.
     */
    public ObjectStat receiveCopy(ObjectId id, ObjectStat meta, InputStream in) {
        BucketProps p = checked(id);
        PutOptions opts = ObjectService.options(p)
                .withCustom(meta.custom())
                .withExpected(meta.checksum().type() == ChecksumType.NONE ? null : meta.checksum(), meta.size());
        try (StorageConnection c = local.connection()) {
            return c.put(id, in, opts);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /**
     * A client deleted {@code id} here at {@code nowMillis} (also when it was absent: a rebalance may still be
     * sending it from its previous owner); a rebalance copy written before that is dropped on arrival.
     */
    void deleted(ObjectId id, long nowMillis) {
        recentDeletes.deleted(id, nowMillis);
    }

    /** When a client deleted {@code id} on this node (or another told it so), if it still remembers. */
    public OptionalLong deletedAt(ObjectId id) {
        return recentDeletes.deletedAt(id, System.currentTimeMillis());
    }

    /** Every delete record this node keeps (a rebalance forwards them to the names' owners). */
    public Map<ObjectId, Long> deleteRecords() {
        return recentDeletes.snapshot(System.currentTimeMillis());
    }

    /**
     * A delete record from another node (a client's DELETE on the object's owner, or a rebalance forwarding one): kept
     * here, and the local copy dropped if it was written no later than the delete (a delete is ordered against a copy
     * as a later write is). Returns whether a copy was dropped.
     */
    public boolean applyDelete(ObjectId id, long atMillis) {
        checked(id);
        recentDeletes.deleted(id, atMillis);
        try (StorageConnection c = local.connection()) {
            Optional<ObjectStat> have = c.stat(id);
            if (have.isEmpty() || have.get().mtimeMillis() > atMillis) {
                return false;
            }
            LOG.fine(() -> "dropping " + id.cname() + ": a client deleted it after this copy was written");
            return c.delete(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    private BucketProps checked(ObjectId id) {
        BucketProps p = buckets.props(id.bucket());
        ObjectService.checkName(id);
        return p;
    }

    private static void drain(ObjectId id, InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new AisException(AisException.Kind.INTERNAL, "receiving " + id.cname() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the copy here wins over one a rebalance brings: the later write wins (modification times, which move
     * with the object), the version decides a tie. Version counters alone cannot order copies written by different
     * owners (a target that was away counts on from its own old copy, the one that owned the name meanwhile starts
     * again from 1), so after a node returned they kept its older content over what clients wrote elsewhere while it
     * was away (found by the fault tests). Like deletes ({@link RecentDeletes}), this assumes the nodes' clocks agree
     * to within the time between two writes of one name.
     */
    static boolean isNewerOrSame(ObjectStat have, ObjectStat incoming) {
        if (have.mtimeMillis() != incoming.mtimeMillis()) {
            return have.mtimeMillis() > incoming.mtimeMillis();
        }
        try {
            if (!have.version().isEmpty() && !incoming.version().isEmpty()) {
                return Long.parseLong(have.version()) >= Long.parseLong(incoming.version());
            }
        } catch (NumberFormatException e) {
            // the same time and no comparable versions: keep what is here
        }
        return true;
    }
}
