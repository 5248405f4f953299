package net.aisj.web.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import net.aisj.service.StorageNode;
import net.aisj.web.common.PathNames;

/**
 * Request counters in AIS's names ({@code ais_target_get_count}, {@code ais_target_get_bytes},
 * {@code ais_target_get_ns}, {@code ais_target_err_get_count}, ... with labels {@code node_id}, {@code api},
 * {@code bucket}; Prometheus adds {@code _total} to counters) and a latency timer per API and operation. Calls
 * answered with a redirect count as {@code ais_proxy_redirect_count}. Thread-safe.
 */
@ApplicationScoped
public class RequestMetrics {

    static final String PREFIX = "ais_target_";

    @Inject
    MetricRegistry registry;

    @Inject
    StorageNode node;

    /** Records one finished call: its status, payload bytes (request body for PUT, response body for GET). */
    public void record(ApiOperation op, int status, long bytes, long nanos) {
        String nodeId = node.self() == null ? "" : node.self().id();
        Tag[] tags = {new Tag("node_id", nodeId), new Tag("api", op.api()), new Tag("bucket", bucketLabel(op))};
        if (status >= 300 && status < 400) {
            counter("ais_proxy_redirect_count", "calls redirected to the object's owner", MetricUnits.NONE,
                    new Tag("node_id", nodeId), new Tag("api", op.api()), new Tag("op", op.op())).inc();
            return;
        }
        if (status >= 400) {
            counter(PREFIX + "err_" + op.op() + "_count", "number of " + op.op() + " errors", MetricUnits.NONE,
                    tags).inc();
        } else {
            counter(PREFIX + op.op() + "_count", "number of executed " + op.op() + " requests", MetricUnits.NONE,
                    tags).inc();
            if (bytes > 0 && ("get".equals(op.op()) || "put".equals(op.op()))) {
                counter(PREFIX + op.op() + "_bytes", op.op() + ": total cumulative size (bytes)", MetricUnits.NONE,
                        tags).inc(bytes);
            }
            counter(PREFIX + op.op() + "_ns", op.op() + ": total cumulative time (nanoseconds)",
                    MetricUnits.NONE, tags).inc(nanos);
        }
        registry.timer(Metadata.builder().withName("ais_request_latency")
                        .withDescription("request latency per API and operation").build(),
                new Tag("node_id", nodeId), new Tag("api", op.api()), new Tag("op", op.op()))
                .update(Duration.ofNanos(nanos));
    }

    /** The bucket's name if it exists (so unknown names sent by clients cannot grow the series without bound). */
    private String bucketLabel(ApiOperation op) {
        if (op.bucket().isEmpty()) {
            return "";
        }
        String name;
        try {
            name = PathNames.decode(op.bucket());
        } catch (IllegalArgumentException e) {
            return "";
        }
        return node.bucketMetadata().current().buckets().keySet().stream().anyMatch(b -> b.name().equals(name))
                ? name : "";
    }

    private Counter counter(String name, String help, String unit, Tag... tags) {
        return registry.counter(Metadata.builder().withName(name).withDescription(help).withUnit(unit).build(),
                tags);
    }

    /**
     * This node's totals over all labels, keyed by AIS's internal names ({@code get.n}, {@code get.size},
     * {@code get.ns.total}, {@code err.get.n}, ...), as AIS reports them in a node's stats tracker.
     */
    public Map<String, Long> totals() {
        Map<String, Long> out = new TreeMap<>();
        registry.getCounters((id, m) -> id.getName().startsWith(PREFIX)).forEach((id, c) -> {
            String key = aisName(id.getName().substring(PREFIX.length()));
            out.merge(key, c.getCount(), Long::sum);
        });
        return out;
    }

    /** {@code get_count} -> {@code get.n}, {@code get_bytes} -> {@code get.size}, {@code get_ns} -> {@code get.ns.total}. */
    static String aisName(String publicName) {
        String n = publicName;
        if (n.endsWith("_count")) {
            n = n.substring(0, n.length() - 6) + ".n";
        } else if (n.endsWith("_bytes")) {
            n = n.substring(0, n.length() - 6) + ".size";
        } else if (n.endsWith("_ns")) {
            n = n.substring(0, n.length() - 3) + ".ns.total";
        }
        return n.replace('_', '.');
    }
}
