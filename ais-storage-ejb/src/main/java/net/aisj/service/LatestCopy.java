package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import net.aisj.cluster.IntraClient;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;

/**
 * Finds the latest write of an object among this node and the other targets of the cluster map: copies ordered by
 * modification time (which moves with an object), a delete record ordered against them as a write is and winning a
 * tie, this node's copy winning a tie with a neighbor's. The object service asks it when its own copy may be stale or
 * missing (a rebalance in progress, see {@link RebalanceWindow}). A target of the map that does not answer makes it
 * fail with UNAVAILABLE (it may hold the latest write). One intra-cluster stat per other target.
 */
@ApplicationScoped
public class LatestCopy {

    private static final Logger LOG = Logger.getLogger(LatestCopy.class.getName());

    /**
     * The latest write found: where the copy is, or that the object was deleted (then {@code copy} is empty). A delete
     * record counts only against a copy it outranks: when no target answered with a copy, a record says nothing (a
     * target that is down may hold a later write), and the result is {@link #NOTHING} with {@code recordsOnly}.
     */
    public record Found(
            Optional<NodeInfo> peer, Optional<ObjectStat> copy, OptionalLong deletedAtMillis, boolean recordsOnly) {
        static final Found NOTHING = new Found(Optional.empty(), Optional.empty(), OptionalLong.empty(), false);

        Found(Optional<NodeInfo> peer, Optional<ObjectStat> copy, OptionalLong deletedAtMillis) {
            this(peer, copy, deletedAtMillis, false);
        }

        /** The latest write is a copy on this node (or nothing is known anywhere when the copy is empty too). */
        boolean local() {
            return peer.isEmpty() && deletedAtMillis.isEmpty();
        }

        boolean deleted() {
            return deletedAtMillis.isPresent();
        }

        long time() {
            return deletedAtMillis.isPresent()
                    ? deletedAtMillis.getAsLong()
                    : copy.map(ObjectStat::mtimeMillis).orElse(Long.MIN_VALUE);
        }
    }

    @Inject
    LocalNode local;

    @Inject
    ObjectReceiver receiver;

    /** The latest write of {@code id}, given this node's copy ({@code here}, may be empty). */
    public Found find(ObjectId id, Optional<ObjectStat> here) {
        boolean sawCopy = here.isPresent();
        Found best = latest(
                here.map(s -> new Found(Optional.empty(), here, OptionalLong.empty()))
                        .orElse(Found.NOTHING),
                deleteRecord(Optional.empty(), receiver.deletedAt(id)));
        for (NodeInfo peer : peers()) {
            // a target that does not answer may hold the latest write: UNAVAILABLE, never a guess
            IntraClient.Held h = local.intra().held(peer, id);
            sawCopy |= h.stat().isPresent();
            Found theirs = h.stat().isPresent()
                    ? new Found(Optional.of(peer), h.stat(), OptionalLong.empty())
                    : deleteRecord(Optional.of(peer), h.deletedAtMillis());
            best = latest(best, theirs);
        }
        if (best.deleted() && !sawCopy) {
            return new Found(Optional.empty(), Optional.empty(), OptionalLong.empty(), true);
        }
        return best;
    }

    /**
     * Tells every other target that a client deleted {@code id} at {@code atMillis}: each keeps the record and drops
     * a copy written no later. Returns whether any dropped one. A target that does not answer is passed over (its
     * copy, if any, meets this node's record when a rebalance brings it here, or the record when one moves there).
     */
    public boolean deleteOnPeers(ObjectId id, long atMillis) {
        boolean any = false;
        for (NodeInfo peer : peers()) {
            try {
                any |= local.intra().deleteRecord(peer, id, atMillis);
            } catch (AisException e) {
                LOG.fine(() -> "delete record of " + id.cname() + " to " + peer.displayName() + ": " + e.getMessage());
            }
        }
        return any;
    }

    private static Found deleteRecord(Optional<NodeInfo> where, OptionalLong at) {
        return at.isPresent() ? new Found(where, Optional.empty(), at) : Found.NOTHING;
    }

    /** The later of two writes: a delete wins a tie, and so does {@code a} (this node's) between two copies. */
    static Found latest(Found a, Found b) {
        if (b == Found.NOTHING || b.copy().isEmpty() && !b.deleted()) {
            return a;
        }
        if (a == Found.NOTHING || a.copy().isEmpty() && !a.deleted()) {
            return b;
        }
        if (a.time() != b.time()) {
            return a.time() > b.time() ? a : b;
        }
        return b.deleted() && !a.deleted() ? b : a;
    }

    /** Other targets of the cluster map (including those in maintenance: they still hold data). */
    List<NodeInfo> peers() {
        String self = local.self().id();
        return local.clusterMap().targets().stream()
                .filter(t -> !t.id().equals(self))
                .toList();
    }
}
