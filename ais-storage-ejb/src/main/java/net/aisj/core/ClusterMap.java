package net.aisj.core;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AIS's Smap: the nodes of the cluster and the primary, one immutable snapshot per version.
 *
 * @param nodes     by daemon id, in id order
 * @param primaryId the primary proxy's id
 * @param created   unix nanoseconds of the cluster's creation
 */
public record ClusterMap(String uuid, long version, Map<String, NodeInfo> nodes, String primaryId, long created)
        implements Serializable {

    public ClusterMap {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    public List<NodeInfo> targets() {
        return nodes.values().stream().filter(NodeInfo::target).toList();
    }

    public List<NodeInfo> proxies() {
        return nodes.values().stream().filter(NodeInfo::proxy).toList();
    }

    public NodeInfo primary() {
        return nodes.get(primaryId);
    }
}
