package net.aisj.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.hrw.Hrw;

/**
 * The cluster map as the client uses it: its version, the targets with their public URLs, and the proxies' URLs
 * (where control calls may go when the configured endpoint does not answer). {@link #owner} is the
 * HRW owner of an object, computed exactly as the nodes compute it (AIS's placement). Immutable.
 */
public record ClusterView(long version, List<Target> targets, List<URI> proxies) {

    /** AIS node flags that take a target out of placement: maintenance and decommission. */
    private static final long OUT_OF_SERVICE = (1L << 2) | (1L << 3);

    public ClusterView {
        targets = List.copyOf(targets);
        proxies = List.copyOf(proxies);
    }

    /** One storage target: its daemon id, where it serves, and whether it takes part in placement. */
    public record Target(String id, URI url, boolean inService) {
        long digest() {
            return Hrw.digest(id);
        }
    }

    /**
     * The target that owns {@code object} of {@code bucket}.
     *
     * @throws AisClientException (503) when no target is in service
     */
    public Target owner(BucketId bucket, String object) {
        List<Target> candidates = targets.stream().filter(Target::inService).toList();
        Target t = Hrw.best(candidates, Hrw.digest(bucket.uname(object)), Target::digest);
        if (t == null) {
            throw new AisClientException(503, "no target in service in cluster map v" + version);
        }
        return t;
    }

    /** Reads AIS's Smap ({@code GET /v1/daemon?what=smap}). */
    static ClusterView parse(JsonNode smap) {
        List<Target> ts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : smap.path("tmap").properties()) {
            JsonNode n = e.getValue();
            long flags = n.path("flags").asLong(0);
            ts.add(new Target(n.path("daemon_id").asText(e.getKey()), url(n), (flags & OUT_OF_SERVICE) == 0));
        }
        List<URI> ps = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : smap.path("pmap").properties()) {
            ps.add(url(e.getValue()));
        }
        return new ClusterView(smap.path("version").asLong(0), ts, ps);
    }

    private static URI url(JsonNode node) {
        JsonNode net = node.path("public_net");
        String url = net.path("direct_url").asText("");
        return URI.create(
                url.isEmpty()
                        ? "http://" + net.path("node_ip_addr").asText() + ":"
                                + net.path("daemon_port").asText()
                        : url);
    }
}
