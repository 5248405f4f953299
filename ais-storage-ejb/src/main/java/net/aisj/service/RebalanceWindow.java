package net.aisj.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import net.aisj.cluster.DataGrid;
import net.aisj.core.ClusterMap;
import net.aisj.core.NodeInfo;
import net.aisj.core.placement.TargetPlacement;

/**
 * Whether a rebalance may still be moving objects to this node, so that what it holds may be older than what another
 * target holds: from this node's start (a target returning with its disks has the copies it had when it went away)
 * and from the start of each rebalance, until every target of the cluster map has finished its part of that
 * rebalance; and from this node's separation from the cluster (it lost the quorum, or a split-brain merge brought it
 * back after a partition or a long stop) until its next rebalance starts: it kept its copies while the other side
 * wrote newer ones. While it is open, the object service does not trust a local copy alone: a GET or HEAD asks the other
 * targets for theirs and their delete records and serves the latest write (AIS's get-from-neighbor, extended to a
 * local copy that may be stale), and a DELETE is applied to every target's copy.
 *
 * <p>Each target announces the rebalance it finished (its cluster map version) in a table of the data grid. A target
 * that goes away changes the cluster map, and so starts another rebalance; a window still open after
 * {@link #MAX_OPEN_MILLIS} closes anyway (a target that missed a map version announces a later one, never this one).
 */
@ApplicationScoped
public class RebalanceWindow {

    static final String DONE_TABLE = "ais.reb.done";
    /** Per target: the latest cluster map version it is a target of. */
    static final String LAST_IN_TABLE = "ais.reb.last-in";
    /** The longest a window stays open (far longer than a rebalance of these clusters takes). */
    static final long MAX_OPEN_MILLIS = 10 * 60_000L;
    /** How many past cluster maps {@link #recentOwners} looks at. */
    static final int RECENT_MAPS = 16;

    private static final Logger LOG = Logger.getLogger(RebalanceWindow.class.getName());

    @Inject
    LocalNode node;

    @Inject
    DataGrid grid;

    /** The rebalance (cluster map version) this node waits for; -1 until its first one starts. */
    private final AtomicLong awaited = new AtomicLong(-1);
    /** The rebalance the window was found closed for (every target finished it). */
    private final AtomicLong closedFor = new AtomicLong(-2);

    private volatile long openedAt = System.currentTimeMillis();

    /** The cluster maps seen lately, newest last (a killed target may still hold what it owned under them). */
    private final java.util.ArrayDeque<ClusterMap> recentMaps = new java.util.ArrayDeque<>();

    void onClusterMap(@ObservesAsync ClusterMap map) {
        for (NodeInfo t : map.targets()) {
            if (grid.number(LAST_IN_TABLE, t.id()).orElse(-1) < map.version()) {
                grid.putNumber(LAST_IN_TABLE, t.id(), map.version());
            }
        }
        synchronized (recentMaps) {
            if (recentMaps.isEmpty() || recentMaps.peekLast().version() < map.version()) {
                recentMaps.addLast(map);
                if (recentMaps.size() > RECENT_MAPS) {
                    recentMaps.removeFirst();
                }
            }
        }
    }

    /**
     * The owners of {@code uname} under the last {@value #RECENT_MAPS} cluster maps this node saw: a target killed
     * before its rebalance moved an object to the new owner still holds it.
     */
    public List<NodeInfo> recentOwners(String uname) {
        List<ClusterMap> maps;
        synchronized (recentMaps) {
            maps = List.copyOf(recentMaps);
        }
        List<NodeInfo> out = new ArrayList<>();
        for (ClusterMap m : maps) {
            if (m.targets().stream().anyMatch(NodeInfo::inService)) {
                out.add(TargetPlacement.owner(m, uname));
            }
        }
        return out;
    }

    /**
     * The first of {@code departed} (targets that are down) that went down before finishing the rebalance of the last
     * cluster map it was in: it may hold objects it does not own, so an object found nowhere else may be there.
     */
    public Optional<NodeInfo> unsettled(List<NodeInfo> departed) {
        for (NodeInfo t : departed) {
            OptionalLong lastIn = grid.number(LAST_IN_TABLE, t.id());
            if (lastIn.isPresent() && grid.number(DONE_TABLE, t.id()).orElse(-1) < lastIn.getAsLong()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** This node started its part of rebalance {@code version}: the window opens until every target finished it. */
    void started(long version, long separations) {
        openedAt = System.currentTimeMillis();
        separationsAtStart = separations;
        awaited.set(version);
    }

    /** {@link LocalNode#separations()} when the awaited rebalance started. */
    private volatile long separationsAtStart;

    /** This node finished its part of rebalance {@code version} (sent all it had to send, or failed to). */
    void finished(long version) {
        grid.putNumber(DONE_TABLE, node.self().id(), version);
    }

    /** True while a rebalance may still bring this node objects newer than its own copies (see the class doc). */
    public boolean isOpen() {
        if (node.separations() != separationsAtStart) {
            // separated from the cluster since its last rebalance started: what it holds may be stale
            return System.currentTimeMillis() - node.separatedAtMillis() < MAX_OPEN_MILLIS;
        }
        long v = awaited.get();
        if (closedFor.get() == v) {
            return false;
        }
        if (System.currentTimeMillis() - openedAt > MAX_OPEN_MILLIS) {
            LOG.warning(() -> "rebalance g" + v + " is not finished on every target after " + MAX_OPEN_MILLIS / 1000
                    + " s; local copies are trusted again");
            closedFor.set(v);
            return false;
        }
        if (v < 0) {
            return true;
        }
        for (NodeInfo t : node.clusterMap().targets()) {
            if (grid.number(DONE_TABLE, t.id()).orElse(-1) < v) {
                return true;
            }
        }
        closedFor.compareAndSet(closedFor.get(), v);
        return false;
    }
}
