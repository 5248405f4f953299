package net.aisj.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * Turns data-grid membership into the Smap. Every node registers itself (daemon id, URL, roles, flags, grid member
 * id) in a replicated registry; the primary, i.e. the oldest grid member, alone derives the Smap from "registered
 * and alive" and publishes it by compare-and-set. Failure detection is Hazelcast's; there is no home-made
 * membership protocol. Registry entries of members that left stay (as "down") until the node is decommissioned,
 * so requests for their data can name them.
 *
 * <p><b>Quorum.</b> A node serves object calls and a primary publishes a new Smap only while this side of the grid
 * holds a majority of the nodes of the latest Smap it knows (more than half of them; exactly half when the Smap's
 * primary is on this side). A node cut off from the others by a network partition so finds itself without quorum:
 * it keeps its last Smap (no version of its own that could collide with the majority's), and its object calls
 * answer 503 until the grid merges it back. Successive failures shrink the Smap one by one, so a cluster that loses
 * its nodes one at a time keeps serving; losing half or more at once stops it until enough of them return.
 *
 * <p><b>After a split-brain merge</b> (Hazelcast's merge of the smaller side into the larger, see
 * {@code hazelcast.merge.first.run.delay.seconds}) the merged node registers again with its current grid member
 * id, so the primary puts it back into the Smap; the merged maps keep the larger side's entries.
 */
public final class GridMembership {

    private static final Logger LOG = Logger.getLogger(GridMembership.class.getName());

    private final HazelcastInstance hz;
    private final VersionedStore<ClusterMap> smap;
    private final IMap<String, String> registry;
    private volatile boolean quorum = true;
    private volatile NodeInfo self;
    private volatile java.util.function.Consumer<NodeInfo> onRejoin = n -> {};

    GridMembership(HazelcastInstance hz, VersionedStore<ClusterMap> smap) {
        this.hz = hz;
        this.smap = smap;
        this.registry = hz.getMap("ais.nodes");
        smap.addListener(m -> recomputeQuorum());
    }

    /**
     * Whether this node's side of the grid holds a majority of the nodes of its latest Smap (see the class
     * comment). Object calls are refused while false. A field read.
     */
    public boolean hasQuorum() {
        return quorum;
    }

    /** Live grid members and latest Smap size, for the message of a refused call. */
    public String quorumState() {
        ClusterMap cur = smap.current();
        return hz.getCluster().getMembers().size() + " of the " + cur.nodes().size() + " nodes of Smap v"
                + cur.version() + " reachable";
    }

    /** Called with this node's new registration after a split-brain merge gave it a new grid member id. */
    public void onRejoin(java.util.function.Consumer<NodeInfo> listener) {
        this.onRejoin = listener;
    }

    private volatile Runnable onQuorumLost = () -> {};

    /** Called when this side of the grid loses the quorum (a partition cut this node off, see {@link #hasQuorum}). */
    public void onQuorumLost(Runnable listener) {
        this.onQuorumLost = listener;
    }

    /**
     * The quorum rule: this side of the grid ({@code liveMembers} members) may serve and change a cluster map of
     * {@code smapNodes} nodes when it holds more than half of them, or exactly half including the map's primary
     * ({@code primaryLive}). An empty map (a cluster forming) always may.
     */
    static boolean holdsQuorum(int smapNodes, int liveMembers, boolean primaryLive) {
        if (smapNodes == 0) {
            return true;
        }
        return 2 * liveMembers > smapNodes || 2 * liveMembers == smapNodes && primaryLive;
    }

    private void recomputeQuorum() {
        boolean before = quorum;
        ClusterMap cur = smap.current();
        Set<String> live = liveMembers();
        NodeInfo p = cur.nodes().get(cur.primaryId());
        boolean q = holdsQuorum(cur.nodes().size(), live.size(), p != null && live.contains(p.memberId()));
        quorum = q;
        if (q != before) {
            if (q) {
                LOG.info(() -> "quorum regained: " + quorumState());
            } else {
                LOG.warning(() -> "quorum lost (" + quorumState() + "): refusing object calls and Smap changes"
                        + " until the cluster is whole again");
                onQuorumLost.run();
            }
        }
    }

    /** The local grid member id (changes at every start). */
    public String localMemberId() {
        return hz.getCluster().getLocalMember().getUuid().toString();
    }

    /**
     * Registers this node (not ready yet: the primary leaves it out of the Smap until {@link #markReady}) and
     * starts following membership.
     */
    public void join(NodeInfo self) {
        this.self = self;
        registry.put(self.id(), MetaJson.registryEntry(self, false).toString());
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                LOG.info(() -> "grid member joined: " + e.getMember().getAddress());
                recomputeQuorum();
                reconcileIfPrimary();
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                LOG.info(() -> "grid member left: " + e.getMember().getAddress());
                recomputeQuorum();
                reconcileIfPrimary();
            }
        });
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.MERGED) {
                rejoinAfterMerge();
            }
        });
        registry.addEntryListener(new RegistryEvents(), false);
        recomputeQuorum();
        reconcileIfPrimary();
    }

    /** The node was merged into the other side of a split grid: register again under its current member id. */
    private void rejoinAfterMerge() {
        NodeInfo old = self;
        if (old == null) {
            return;
        }
        String mid = localMemberId();
        try {
            String json = registry.get(old.id());
            NodeInfo base = json == null ? old : MetaJson.readRegistryEntry(MetaJson.parse(json));
            NodeInfo again = new NodeInfo(
                    base.id(),
                    base.proxy(),
                    base.target(),
                    base.host(),
                    base.port(),
                    base.publicUrl(),
                    base.flags(),
                    mid);
            self = again;
            // before the registration: the cluster map that takes this node back follows it, and whatever reacts to
            // that map must already know the node was away
            onRejoin.accept(again);
            registry.put(again.id(), MetaJson.registryEntry(again, true).toString());
            LOG.info(() -> "merged back into the cluster after a split: node " + again.id() + " registered again as"
                    + " grid member " + mid + " (was " + old.memberId() + ")");
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "cannot register again after a split-brain merge: " + ex.getMessage(), ex);
        }
        recomputeQuorum();
        reconcileIfPrimary();
    }

    /** True when this node is the oldest grid member. */
    public boolean isPrimary() {
        Set<Member> members = hz.getCluster().getMembers();
        return !members.isEmpty() && members.iterator().next().localMember();
    }

    /** The node serves requests now: the primary adds it to the Smap. */
    public void markReady(String nodeId) {
        update(nodeId, n -> n, true);
    }

    /** Sets a node's flags (maintenance, decommission) and republishes the Smap. */
    public void setFlags(String nodeId, long flags) {
        update(nodeId, n -> n.withFlags(flags), null);
    }

    private void update(String nodeId, java.util.function.UnaryOperator<NodeInfo> change, Boolean ready) {
        while (true) {
            String json = registry.get(nodeId);
            if (json == null) {
                throw new IllegalArgumentException("node " + nodeId + " is not registered");
            }
            var o = MetaJson.parse(json);
            NodeInfo n = change.apply(MetaJson.readRegistryEntry(o));
            String next = MetaJson.registryEntry(n, ready != null ? ready : MetaJson.registryReady(o))
                    .toString();
            if (registry.replace(nodeId, json, next)) {
                break;
            }
        }
        reconcileIfPrimary();
    }

    /** Forgets a node for good (decommission): it leaves the Smap even while alive. */
    public void forget(String nodeId) {
        registry.remove(nodeId);
        reconcileIfPrimary();
    }

    /** Registered nodes whose grid member is gone (killed or stopped, not decommissioned). */
    public List<NodeInfo> departed() {
        Set<String> live = liveMembers();
        return registry.values().stream()
                .map(j -> MetaJson.readRegistryEntry(MetaJson.parse(j)))
                .filter(n -> !live.contains(n.memberId()))
                .toList();
    }

    /**
     * Registered targets that are not in the current Smap: down (killed or stopped, not decommissioned), or back but
     * not in the map yet (a restarted node is a live grid member before it is ready). Either may hold objects that no
     * target of the map has.
     */
    public List<NodeInfo> targetsNotInMap() {
        Map<String, NodeInfo> inMap = smap.current().nodes();
        return registry.values().stream()
                .map(j -> MetaJson.readRegistryEntry(MetaJson.parse(j)))
                .filter(n -> n.target() && !inMap.containsKey(n.id()))
                .toList();
    }

    /** Recomputes the Smap if this node is the primary; a no-op elsewhere. Safe to call from any thread. */
    public void reconcileIfPrimary() {
        if (!isPrimary()) {
            return;
        }
        recomputeQuorum();
        if (!quorum) {
            LOG.fine(() -> "no quorum (" + quorumState() + "): the cluster map stays as it is");
            return;
        }
        try {
            smap.update(this::reconcile);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot update the cluster map: " + e.getMessage(), e);
        }
    }

    private ClusterMap reconcile(ClusterMap cur) {
        Set<String> live = liveMembers();
        String oldest = hz.getCluster().getMembers().iterator().next().getUuid().toString();
        Map<String, NodeInfo> nodes = new TreeMap<>();
        String primary = "";
        for (String json : registry.values()) {
            var o = MetaJson.parse(json);
            NodeInfo n = MetaJson.readRegistryEntry(o);
            if (live.contains(n.memberId()) && MetaJson.registryReady(o)) {
                nodes.put(n.id(), n);
                if (n.memberId().equals(oldest) && n.proxy()) {
                    primary = n.id();
                }
            }
        }
        if (primary.isEmpty()) {
            primary = nodes.values().stream()
                    .filter(NodeInfo::proxy)
                    .map(NodeInfo::id)
                    .findFirst()
                    .orElse("");
        }
        if (nodes.equals(new HashMap<>(cur.nodes())) && primary.equals(cur.primaryId())) {
            return cur;
        }
        ClusterMap next = new ClusterMap(
                cur.uuid(),
                cur.version() + 1,
                nodes,
                primary,
                cur.created() == 0 ? System.currentTimeMillis() * 1_000_000L : cur.created());
        LOG.info(() -> "cluster map v" + next.version() + ": targets "
                + next.targets().stream().map(NodeInfo::id).collect(Collectors.toList()) + ", primary "
                + next.primaryId());
        return next;
    }

    private Set<String> liveMembers() {
        return hz.getCluster().getMembers().stream()
                .map(Member::getUuid)
                .map(UUID::toString)
                .collect(Collectors.toSet());
    }

    private final class RegistryEvents
            implements EntryAddedListener<String, String>,
                    EntryUpdatedListener<String, String>,
                    EntryRemovedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> e) {
            reconcileIfPrimary();
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> e) {
            reconcileIfPrimary();
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> e) {
            reconcileIfPrimary();
        }
    }
}
