package net.aisj.web.nat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import net.aisj.cluster.MetaJson;
import net.aisj.core.NodeInfo;
import net.aisj.service.ClusterService;
import net.aisj.service.LocalNode;
import net.aisj.web.metrics.RequestMetrics;
import net.aisj.web.nat.json.NodeStatusJson;

/**
 * AIS's {@code node_status}: one node's identity, state, software version, uptime, mountpath capacity and request
 * counters ({@code GET /v1/daemon?what=node_status}); the cluster's ({@code GET /v1/cluster?what=node_status}) is
 * every node's, gathered by {@link ClusterService#nodeStatuses}, with nodes that do not answer reported as
 * {@code down}.
 */
@ApplicationScoped
public class NodeStatus {

    private static final String VERSION = readVersion();

    @Inject
    LocalNode node;

    @Inject
    RequestMetrics metrics;

    @Inject
    ClusterService cluster;

    public JsonObject local() {
        NodeInfo self = node.clusterMap().nodes().getOrDefault(node.self().id(), node.self());
        return NodeStatusJson.of(
                self,
                NodeStatusJson.state(self),
                VERSION,
                ProcessHandle.current().pid(),
                node.uptimeNanos(),
                node.clusterMap().version(),
                node.volume(),
                metrics.totals());
    }

    public JsonObject cluster() {
        JsonObjectBuilder out = Json.createObjectBuilder();
        cluster.nodeStatuses(local().toString())
                .forEach((id, a) ->
                        out.add(id, a.statusJson() != null ? MetaJson.parse(a.statusJson()) : down(a.node(), a.err())));
        return out.build();
    }

    private static JsonObject down(NodeInfo n, String why) {
        return Json.createObjectBuilder()
                .add("snode", MetaJson.snode(n))
                .add("status", "down")
                .add("err", why == null ? "" : why)
                .build();
    }

    private static String readVersion() {
        try (InputStream in =
                LocalNode.class.getResourceAsStream("/META-INF/maven/net.aisj/ais-storage-ejb/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
