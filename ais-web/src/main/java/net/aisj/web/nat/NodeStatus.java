package net.aisj.web.nat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import net.aisj.cluster.MetaJson;
import net.aisj.core.NodeInfo;
import net.aisj.service.LocalNode;
import net.aisj.web.metrics.RequestMetrics;
import net.aisj.web.nat.json.NodeStatusJson;

/**
 * AIS's {@code node_status}: one node's identity, state, software version, uptime, mountpath capacity and request
 * counters ({@code GET /v1/daemon?what=node_status}); the cluster's is every node's, fetched in parallel from their
 * public API ({@code GET /v1/cluster?what=node_status}), with nodes that do not answer reported as {@code down}.
 */
@ApplicationScoped
public class NodeStatus {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String VERSION = readVersion();

    @Inject
    LocalNode node;

    @Inject
    RequestMetrics metrics;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public JsonObject local() {
        NodeInfo self = node.clusterMap().nodes().getOrDefault(node.self().id(), node.self());
        return NodeStatusJson.of(self, NodeStatusJson.state(self), VERSION, ProcessHandle.current().pid(),
                node.uptimeNanos(), node.clusterMap().version(), node.volume(), metrics.totals());
    }

    public JsonObject cluster() {
        Map<String, CompletableFuture<JsonObject>> calls = new LinkedHashMap<>();
        for (NodeInfo n : node.clusterMap().nodes().values()) {
            calls.put(n.id(), n.id().equals(node.self().id()) ? CompletableFuture.completedFuture(local())
                    : fetch(n));
        }
        JsonObjectBuilder out = Json.createObjectBuilder();
        calls.forEach((id, f) -> out.add(id, f.join()));
        for (NodeInfo gone : node.membership().departed()) {
            if (!calls.containsKey(gone.id())) {
                out.add(gone.id(), down(gone, "the node left the data grid"));
            }
        }
        return out.build();
    }

    private CompletableFuture<JsonObject> fetch(NodeInfo n) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(n.publicUrl() + "/v1/daemon?what=node_status"))
                .timeout(TIMEOUT).GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> {
            try (InputStream in = r.body(); var reader = Json.createReader(in)) {
                return r.statusCode() == 200 ? reader.readObject() : down(n, "node_status answered " + r.statusCode());
            } catch (IOException | RuntimeException e) {
                return down(n, e.getMessage());
            }
        }).exceptionally(e -> down(n, String.valueOf(e.getCause() == null ? e : e.getCause())));
    }

    private static JsonObject down(NodeInfo n, String why) {
        return Json.createObjectBuilder().add("snode", MetaJson.snode(n)).add("status", "down")
                .add("err", why == null ? "" : why).build();
    }

    private static String readVersion() {
        try (InputStream in = LocalNode.class.getResourceAsStream(
                "/META-INF/maven/net.aisj/ais-storage-ejb/pom.properties")) {
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
