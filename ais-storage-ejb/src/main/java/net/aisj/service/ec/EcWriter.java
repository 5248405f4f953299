package net.aisj.service.ec;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import net.aisj.cluster.EcIntra;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.ec.EcMeta;
import net.aisj.connector.api.ec.Spooled;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.EcLayout;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.service.LocalNode;
import net.aisj.service.StorageErrors;

/**
 * Makes an object's replicas or slices match its {@link EcLayout} under the current cluster map, on the main
 * target (elsewhere it does nothing): encodes from the committed file (work files, no whole-object buffering),
 * sends to the holders in parallel, then writes the main metafile with the holder map. In {@link Mode#PUT} it sends
 * everything (a new generation); in {@link Mode#CHECK} and {@link Mode#VERIFY} it first asks every target for its
 * metafile (VERIFY: holders re-read their slice), sends only what is missing or wrong, and removes replicas and
 * slices left on targets that are no longer holders. A holder that refuses a replica or slice because it keeps a
 * newer generation says so, and this main, the object's source of truth, replaces that generation
 * ({@link EcRefusals}). Encoding runs on the calling thread (a worker of the {@code ec-encode} or {@code ec-put}
 * lane), every call to another target on the {@code ec-fanout} lane ({@link EcLanes}). Thread-safe (stateless
 * besides its collaborators and refusal counters).
 */
final class EcWriter {

    private static final Logger LOG = Logger.getLogger(EcWriter.class.getName());

    /** How much to check before sending. */
    enum Mode {
        PUT,
        CHECK,
        VERIFY
    }

    private final LocalNode node;
    private final EcIntra intra;
    private final EcLanes lanes;
    private final EcRefusals refusals = new EcRefusals();

    EcWriter(LocalNode node, EcIntra intra, EcLanes lanes) {
        this.node = node;
        this.intra = intra;
        this.lanes = lanes;
    }

    /** What {@link #protect} did: replicas/slices sent, and the object's size (0 when not the main target). */
    record Sent(int count, long size) {
        static final Sent NOTHING = new Sent(0, 0);
    }

    /**
     * @return how many replicas/slices were sent; 0 when nothing was needed or this target is not the main one
     * @throws AisException UNAVAILABLE when a holder could not be written (what could be sent is sent)
     */
    int protect(ObjectId id, BucketProps.Ec ec, Mode mode) {
        return protectSized(id, ec, mode).count();
    }

    /** {@link #protect}, also reporting the object's size (job counters). */
    Sent protectSized(ObjectId id, BucketProps.Ec ec, Mode mode) {
        ClusterMap map = node.clusterMap();
        String self = node.self().id();
        List<NodeInfo> ranked = TargetPlacement.all(map, id.uname());
        if (!ranked.get(0).id().equals(self)) {
            return Sent.NOTHING;
        }
        try (StorageConnection c = node.connection()) {
            Optional<ObjectStat> st = c.stat(id);
            if (st.isEmpty()) {
                return Sent.NOTHING;
            }
            EcLayout layout = EcLayout.of(
                    ranked,
                    ec.dataSlices(),
                    ec.paritySlices(),
                    ec.objsizeLimit(),
                    st.get().size());
            Optional<EcMeta> prev = c.ecMeta(id);
            long gen = generation(prev, st.get(), layout);
            Map<String, EcMeta> remote = mode == Mode.PUT ? Map.of() : metas(ranked, id, mode == Mode.VERIFY);
            Map<String, Integer> have = new LinkedHashMap<>();
            remote.forEach((nid, m) -> {
                if (m.generation() == gen
                        && !m.mainNode().equals(nid)
                        && m.isCopy() == layout.replicated()
                        && m.objSize() == st.get().size()
                        && m.objChecksum().equals(st.get().checksum())) {
                    have.put(nid, m.sliceId());
                }
            });
            Map<String, Integer> assign = layout.assign(have);
            Map<NodeInfo, Integer> toSend = new LinkedHashMap<>();
            for (NodeInfo h : layout.holders()) {
                Integer want = assign.get(h.id());
                if (!want.equals(have.get(h.id()))) {
                    toSend.put(h, want);
                }
            }
            Map<String, Integer> nodes = new LinkedHashMap<>();
            nodes.put(self, 0);
            nodes.putAll(assign);
            EcMeta base = new EcMeta(
                    id.name(),
                    st.get().size(),
                    gen,
                    st.get().checksum(),
                    st.get().version(),
                    "",
                    self,
                    nodes,
                    ec.dataSlices(),
                    ec.paritySlices(),
                    0,
                    layout.replicated(),
                    st.get().mtimeMillis(),
                    st.get().custom());
            List<String> failed = toSend.isEmpty()
                    ? List.of()
                    : layout.replicated() ? sendReplicas(c, id, base, toSend) : sendSlices(c, id, base, toSend);
            c.putEcMeta(id, base);
            if (mode != Mode.PUT) {
                removeStale(id, remote, assign, self);
            }
            if (!failed.isEmpty()) {
                throw new AisException(
                        AisException.Kind.UNAVAILABLE,
                        "erasure coding " + id.cname() + ": " + String.join("; ", failed));
            }
            return new Sent(toSend.size(), st.get().size());
        } catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NOT_FOUND) {
                return Sent.NOTHING;
            }
            throw StorageErrors.map(e);
        }
    }

    /**
     * The previous generation when the object and its layout did not change, else a new, larger one. The file's
     * mtime does not count: a target that restores the object from its slices writes a new file with the same
     * content, and a new generation there would make it refuse, once it is a holder again, the slice the returned
     * main sends it with the unchanged generation (the main then has to drop that generation and send again, see
     * {@link EcRefusals}).
     */
    static long generation(Optional<EcMeta> prev, ObjectStat st, EcLayout layout) {
        if (prev.isEmpty()) {
            return System.currentTimeMillis();
        }
        EcMeta p = prev.get();
        if (p.objSize() == st.size()
                && p.objChecksum().equals(st.checksum())
                && p.objVersion().equals(st.version())
                && p.custom().equals(st.custom())
                && p.isCopy() == layout.replicated()) {
            return p.generation();
        }
        return Math.max(System.currentTimeMillis(), p.generation() + 1);
    }

    /** Every other target's metafile of {@code id} (targets that do not answer are left out). */
    Map<String, EcMeta> metas(List<NodeInfo> targets, ObjectId id, boolean verify) {
        String self = node.self().id();
        Map<String, Callable<Optional<EcMeta>>> calls = new LinkedHashMap<>();
        for (NodeInfo t : targets) {
            if (!t.id().equals(self)) {
                calls.put(t.id(), () -> intra.meta(t, id, verify));
            }
        }
        Map<String, EcMeta> out = new LinkedHashMap<>();
        List<String> silent = lanes.fanOut(calls, (nid, m) -> m.ifPresent(x -> out.put(nid, x)));
        if (!silent.isEmpty()) {
            LOG.fine(() -> "no metafile of " + id.cname() + " from " + silent);
        }
        return out;
    }

    private List<String> sendReplicas(StorageConnection c, ObjectId id, EcMeta base, Map<NodeInfo, Integer> to) {
        Map<String, Callable<Void>> sends = new LinkedHashMap<>();
        EcMeta m = base.forSlice(0, "");
        for (NodeInfo h : to.keySet()) {
            sends.put(h.displayName(), () -> {
                place(h, id, m, () -> {
                    try (StorageConnection c2 = node.connection();
                            ObjectReader r = c2.open(id, false)) {
                        if (r.stat().size() != m.objSize()
                                || !r.stat().checksum().equals(m.objChecksum())) {
                            throw new AisException(AisException.Kind.CONFLICT, "changed while replicating");
                        }
                        return intra.putSlice(h, id, m, r.stream(), m.objSize());
                    } catch (StorageException | java.io.IOException e) {
                        throw new AisException(AisException.Kind.INTERNAL, e.getMessage(), e);
                    }
                });
                return null;
            });
        }
        return lanes.fanOut(sends, (h, v) -> {});
    }

    private List<String> sendSlices(StorageConnection c, ObjectId id, EcMeta base, Map<NodeInfo, Integer> to)
            throws StorageException {
        ObjectStat[] encoded = new ObjectStat[1];
        List<Spooled> slices = c.ecEncode(id, base.dataSlices(), base.paritySlices(), encoded);
        try {
            if (encoded[0].size() != base.objSize() || !encoded[0].checksum().equals(base.objChecksum())) {
                return List.of("the object changed while it was encoded");
            }
            Map<String, Callable<Void>> sends = new LinkedHashMap<>();
            for (Map.Entry<NodeInfo, Integer> e : to.entrySet()) {
                Spooled s = slices.get(e.getValue() - 1);
                EcMeta m = base.forSlice(e.getValue(), s.checksum().value());
                sends.put(e.getKey().displayName(), () -> {
                    place(e.getKey(), id, m, () -> {
                        try (StorageConnection c2 = node.connection();
                                InputStream in = c2.openSpooled(s.token())) {
                            return intra.putSlice(e.getKey(), id, m, in, s.size());
                        } catch (StorageException | java.io.IOException ex) {
                            throw new AisException(AisException.Kind.INTERNAL, ex.getMessage(), ex);
                        }
                    });
                    return null;
                });
            }
            return lanes.fanOut(sends, (h, v) -> {});
        } finally {
            slices.forEach(s -> c.releaseSpooled(s.token()));
        }
    }

    /**
     * Stores {@code m} on holder {@code h}; a holder that refuses it for a newer generation of its own is dealt
     * with by {@link EcRefusals} (this main wins while it is the main of the object it encoded).
     */
    private void place(NodeInfo h, ObjectId id, EcMeta m, EcRefusals.Send send) {
        refusals.place(h.displayName(), id, m, send, gen -> intra.delete(h, id, gen), () -> mainState(id, m));
    }

    /** Whether this target is still the main of {@code id} and its object is still the one {@code ours} describes. */
    private EcRefusals.MainState mainState(ObjectId id, EcMeta ours) {
        String self = node.self().id();
        if (!TargetPlacement.owner(node.clusterMap(), id.uname()).id().equals(self)) {
            return EcRefusals.MainState.NOT_MAIN;
        }
        try (StorageConnection c = node.connection()) {
            Optional<ObjectStat> st = c.stat(id);
            if (st.isEmpty()
                    || st.get().size() != ours.objSize()
                    || !st.get().checksum().equals(ours.objChecksum())
                    || !Objects.requireNonNullElse(st.get().version(), "").equals(ours.objVersion())
                    || !st.get().custom().equals(ours.custom())) {
                return EcRefusals.MainState.CHANGED;
            }
            Optional<EcMeta> mine = c.ecMeta(id);
            if (mine.isPresent() && mine.get().generation() > ours.generation()) {
                return EcRefusals.MainState.CHANGED;
            }
            return EcRefusals.MainState.CURRENT;
        } catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NOT_FOUND) {
                return EcRefusals.MainState.CHANGED;
            }
            throw StorageErrors.map(e);
        }
    }

    /** {refused, replaced, unresolved}: see {@link EcRefusals#counters}. */
    long[] refusalCounters() {
        return refusals.counters();
    }

    /** Removes the replicas/slices of targets that are not holders any more (they answered a metafile). */
    private void removeStale(ObjectId id, Map<String, EcMeta> remote, Map<String, Integer> assign, String self) {
        ClusterMap map = node.clusterMap();
        for (Map.Entry<String, EcMeta> e : remote.entrySet()) {
            NodeInfo n = map.nodes().get(e.getKey());
            if (n == null || assign.containsKey(e.getKey()) || e.getKey().equals(self)) {
                continue;
            }
            if (e.getValue().mainNode().equals(e.getKey())) {
                continue; // a main metafile there (e.g. the target that held the object before a rebalance)
            }
            try {
                intra.delete(n, id, e.getValue().generation());
            } catch (AisException ex) {
                LOG.fine(() -> "cannot remove the stale slice of " + id.cname() + " on " + n.displayName() + ": "
                        + ex.getMessage());
            }
        }
    }
}
