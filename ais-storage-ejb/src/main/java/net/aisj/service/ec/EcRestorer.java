package net.aisj.service.ec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.logging.Logger;
import net.aisj.cluster.EcIntra;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.EcSlice;
import net.aisj.connector.api.ec.Spooled;
import net.aisj.core.AisException;
import net.aisj.core.NodeInfo;
import net.aisj.service.LocalNode;
import net.aisj.service.StorageErrors;

/**
 * Rebuilds an object on this target (its new or current main) from what the other targets hold (AIS
 * {@code ec/getjogger.go}): asks every target for its metafile, takes the newest generation, then copies a full
 * replica (checked against the object checksum) or fetches the slices in parallel into work files, keeps those
 * whose checksum matches their metafile, and decodes from any D of them. A corrupt replica or slice is removed on
 * its holder so that the main re-sends it. Concurrent restores of one object run once. The rebuild runs on the
 * {@code ec-restore} lane (the caller waits), each fetch on the {@code ec-fanout} lane ({@link EcLanes}).
 * Thread-safe.
 */
final class EcRestorer {

    private static final Logger LOG = Logger.getLogger(EcRestorer.class.getName());

    private final LocalNode node;
    private final EcIntra intra;
    private final EcWriter writer;
    private final EcLanes lanes;
    private final Map<ObjectId, Object> inFlight = new ConcurrentHashMap<>();

    EcRestorer(LocalNode node, EcIntra intra, EcWriter writer, EcLanes lanes) {
        this.node = node;
        this.intra = intra;
        this.writer = writer;
        this.lanes = lanes;
    }

    /**
     * Restores {@code id} here unless a good local copy exists ({@code corrupt}: the local copy is known bad and is
     * replaced). Returns the restored object's stat, or empty when no target holds enough to rebuild it.
     */
    Optional<ObjectStat> restore(ObjectId id, PutOptions opts, boolean corrupt) {
        return lanes.call(lanes.restore(), () -> restoreHere(id, opts, corrupt));
    }

    private Optional<ObjectStat> restoreHere(ObjectId id, PutOptions opts, boolean corrupt) {
        Object lock = inFlight.computeIfAbsent(id, k -> new Object());
        try {
            synchronized (lock) {
                try (StorageConnection c = node.connection()) {
                    Optional<ObjectStat> have = c.stat(id);
                    if (have.isPresent() && !corrupt) {
                        return have;
                    }
                    return rebuild(c, id, opts);
                } catch (StorageException e) {
                    throw StorageErrors.map(e);
                }
            }
        } finally {
            inFlight.remove(id, lock);
        }
    }

    private Optional<ObjectStat> rebuild(StorageConnection c, ObjectId id, PutOptions opts) throws StorageException {
        String self = node.self().id();
        Map<String, EcMeta> metas =
                new LinkedHashMap<>(writer.metas(node.clusterMap().targets(), id, false));
        metas.values().removeIf(m -> m.mainNode().isEmpty());
        metas.entrySet().removeIf(e -> e.getValue().mainNode().equals(e.getKey()));
        Optional<EcMeta> local = c.ecMeta(id);
        if (local.isPresent() && !local.get().mainNode().equals(self)) {
            metas.put(self, local.get());
        }
        Optional<EcMeta> newest = metas.values().stream().max(Comparator.comparingLong(EcMeta::generation));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        long gen = newest.get().generation();
        metas.values().removeIf(m -> m.generation() != gen);
        long t0 = System.nanoTime();
        Optional<ObjectStat> st =
                newest.get().isCopy() ? fromReplica(c, id, metas, opts) : fromSlices(c, id, metas, opts);
        if (st.isPresent()) {
            EcMeta m = newest.get();
            Map<String, Integer> nodes = new LinkedHashMap<>(m.nodes());
            nodes.remove(self);
            nodes.put(self, 0);
            c.putEcMeta(
                    id,
                    new EcMeta(
                            id.name(),
                            st.get().size(),
                            gen,
                            st.get().checksum(),
                            st.get().version(),
                            "",
                            self,
                            nodes,
                            m.dataSlices(),
                            m.paritySlices(),
                            0,
                            m.isCopy(),
                            st.get().mtimeMillis(),
                            st.get().custom()));
            LOG.info(() -> "restored " + id.cname() + " (" + st.get().size() + " bytes) from "
                    + (m.isCopy() ? "a replica" : "slices") + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        return st;
    }

    private Optional<ObjectStat> fromReplica(
            StorageConnection c, ObjectId id, Map<String, EcMeta> metas, PutOptions opts) {
        for (Map.Entry<String, EcMeta> e : metas.entrySet()) {
            EcMeta m = e.getValue();
            try (EcSlice s = open(c, e.getKey(), id)) {
                PutOptions o = opts.withCustom(m.custom())
                        .withExpected(m.objChecksum(), m.objSize())
                        .withVersion(m.objVersion().isEmpty() ? null : m.objVersion());
                return Optional.of(c.put(id, s.content(), o));
            } catch (StorageException ex) {
                LOG.warning("the replica of " + id.cname() + " on " + e.getKey() + " is unusable: " + ex.getMessage());
                if (ex.reason() == StorageException.Reason.BAD_CHECKSUM) {
                    dropBad(c, e.getKey(), id, m.generation());
                }
            } catch (AisException ex) {
                LOG.warning("cannot read the replica of " + id.cname() + " on " + e.getKey() + ": " + ex.getMessage());
            }
        }
        return Optional.empty();
    }

    private Optional<ObjectStat> fromSlices(
            StorageConnection c, ObjectId id, Map<String, EcMeta> metas, PutOptions opts) throws StorageException {
        EcMeta any = metas.values().iterator().next();
        int total = any.dataSlices() + any.paritySlices();
        Map<String, FutureTask<Spooled>> fetches = new LinkedHashMap<>();
        for (Map.Entry<String, EcMeta> e : metas.entrySet()) {
            int sid = e.getValue().sliceId();
            if (sid >= 1 && sid <= total) {
                fetches.put(e.getKey(), lanes.submit(lanes.fanout(), () -> fetch(e.getKey(), id, e.getValue())));
            }
        }
        String[] tokens = new String[total];
        List<String> all = new ArrayList<>();
        try {
            int good = 0;
            for (Map.Entry<String, FutureTask<Spooled>> f : fetches.entrySet()) {
                EcMeta m = metas.get(f.getKey());
                Spooled s;
                try {
                    s = EcLanes.await(lanes.fanout(), f.getValue());
                } catch (AisException ex) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw ex;
                    }
                    LOG.warning("cannot fetch slice " + m.sliceId() + " of " + id.cname() + " from " + f.getKey() + ": "
                            + ex.getMessage());
                    continue;
                }
                all.add(s.token());
                if (s.size() != m.storedSize() || !s.checksum().value().equals(m.sliceChecksum())) {
                    LOG.warning("slice " + m.sliceId() + " of " + id.cname() + " on " + f.getKey()
                            + " does not match its checksum: not used, removed there");
                    dropBad(c, f.getKey(), id, m.generation());
                    continue;
                }
                if (tokens[m.sliceId() - 1] == null) {
                    tokens[m.sliceId() - 1] = s.token();
                    good++;
                }
            }
            if (good < any.dataSlices()) {
                LOG.warning("cannot restore " + id.cname() + ": " + good + " good slices of " + any.dataSlices()
                        + " needed");
                return Optional.empty();
            }
            return Optional.of(c.ecDecode(id, any, tokens, opts.withCustom(any.custom())));
        } finally {
            all.forEach(c::releaseSpooled);
        }
    }

    /** Copies one slice (local or remote) into a work file. */
    private Spooled fetch(String holder, ObjectId id, EcMeta m) {
        try (StorageConnection c = node.connection();
                EcSlice s = open(c, holder, id)) {
            return c.spool(s.content(), -1);
        } catch (StorageException e) {
            throw new AisException(AisException.Kind.INTERNAL, e.getMessage(), e);
        }
    }

    private EcSlice open(StorageConnection c, String holder, ObjectId id) throws StorageException {
        if (holder.equals(node.self().id())) {
            return c.openSlice(id);
        }
        NodeInfo n = node.clusterMap().nodes().get(holder);
        if (n == null) {
            throw new AisException(AisException.Kind.UNAVAILABLE, "target " + holder + " left the cluster map");
        }
        return intra.openSlice(n, id);
    }

    private void dropBad(StorageConnection c, String holder, ObjectId id, long gen) {
        try {
            if (holder.equals(node.self().id())) {
                c.deleteEc(id, gen);
            } else {
                NodeInfo n = node.clusterMap().nodes().get(holder);
                if (n != null) {
                    intra.delete(n, id, gen);
                }
            }
        } catch (StorageException | AisException e) {
            LOG.warning("cannot remove the bad slice of " + id.cname() + " on " + holder + ": " + e.getMessage());
        }
    }
}
