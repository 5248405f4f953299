package net.aisj.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;

/**
 * Turns data-grid membership into the Smap. Every node registers itself (daemon id, URL, roles, flags, grid member
 * id) in a replicated registry; the primary, i.e. the oldest grid member, alone derives the Smap from "registered
 * and alive" and publishes it by compare-and-set. Failure detection is Hazelcast's; there is no home-made
 * membership protocol. Registry entries of members that left stay (as "down") until the node is decommissioned,
 * so requests for their data can name them.
 */
public final class GridMembership {

    private static final Logger LOG = Logger.getLogger(GridMembership.class.getName());

    private final HazelcastInstance hz;
    private final VersionedStore<ClusterMap> smap;
    private final IMap<String, String> registry;

    GridMembership(HazelcastInstance hz, VersionedStore<ClusterMap> smap) {
        this.hz = hz;
        this.smap = smap;
        this.registry = hz.getMap("ais.nodes");
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
        registry.put(self.id(), MetaJson.registryEntry(self, false).toString());
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                LOG.info(() -> "grid member joined: " + e.getMember().getAddress());
                reconcileIfPrimary();
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                LOG.info(() -> "grid member left: " + e.getMember().getAddress());
                reconcileIfPrimary();
            }
        });
        registry.addEntryListener(new RegistryEvents(), false);
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
            String next = MetaJson.registryEntry(n, ready != null ? ready : MetaJson.registryReady(o)).toString();
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
        return registry.values().stream().map(j -> MetaJson.readRegistryEntry(MetaJson.parse(j)))
                .filter(n -> !live.contains(n.memberId())).toList();
    }

    /** Recomputes the Smap if this node is the primary; a no-op elsewhere. Safe to call from any thread. */
    public void reconcileIfPrimary() {
        if (!isPrimary()) {
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
            primary = nodes.values().stream().filter(NodeInfo::proxy).map(NodeInfo::id).findFirst().orElse("");
        }
        if (nodes.equals(new HashMap<>(cur.nodes())) && primary.equals(cur.primaryId())) {
            return cur;
        }
        ClusterMap next = new ClusterMap(cur.uuid(), cur.version() + 1, nodes, primary,
                cur.created() == 0 ? System.currentTimeMillis() * 1_000_000L : cur.created());
        LOG.info(() -> "cluster map v" + next.version() + ": targets " + next.targets().stream().map(NodeInfo::id)
                .collect(Collectors.toList()) + ", primary " + next.primaryId());
        return next;
    }

    private Set<String> liveMembers() {
        return hz.getCluster().getMembers().stream().map(Member::getUuid).map(UUID::toString)
                .collect(Collectors.toSet());
    }

    private final class RegistryEvents implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String>, EntryRemovedListener<String, String> {

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
