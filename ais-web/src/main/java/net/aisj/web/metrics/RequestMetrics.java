package net.aisj.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.aisj.connector.api.BucketId;
import net.aisj.core.BucketMetadata;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.web.common.PathNames;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

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
    LocalNode node;

    @Inject
    BucketService buckets;

    private final Map<Key, Handles> handles = new ConcurrentHashMap<>();
    private volatile String selfId;
    private volatile Names names;

    /** Records one finished call: its status, payload bytes (request body for PUT, response body for GET). */
    public void record(ApiOperation op, int status, long bytes, long nanos) {
        String nodeId = nodeId();
        if (status >= 300 && status < 400) {
            counter(
                            "ais_proxy_redirect_count",
                            "calls redirected to the object's owner",
                            MetricUnits.NONE,
                            new Tag("node_id", nodeId),
                            new Tag("api", op.api()),
                            new Tag("op", op.op()))
                    .inc();
            return;
        }
        Handles h = handles.computeIfAbsent(new Key(nodeId, op.api(), op.op(), bucketLabel(op)), this::handles);
        if (status >= 400) {
            counter(PREFIX + "err_" + op.op() + "_count", "number of " + op.op() + " errors", MetricUnits.NONE, h.tags)
                    .inc();
        } else {
            h.count.inc();
            if (bytes > 0 && ("get".equals(op.op()) || "put".equals(op.op()))) {
                h.bytes().inc(bytes);
            }
            h.ns.inc(nanos);
        }
        h.latency.update(Duration.ofNanos(nanos));
    }

    /** This node's id, asked of the node (an EJB call) only until it is known: ids never change at run time. */
    private String nodeId() {
        String id = selfId;
        if (id == null) {
            id = node.self() == null ? null : node.self().id();
            selfId = id;
        }
        return id == null ? "" : id;
    }

    /**
     * The series of one label set, looked up once (a registry lookup per call cost ~8% of a small GET). Synchronized:
     * Payara's registry creates a timer with an unsynchronized map (concurrent first requests of two label sets
     * threw ConcurrentModificationException, answered as a 500); this runs once per label set.
     */
    private synchronized Handles handles(Key k) {
        Tag[] tags = {new Tag("node_id", k.nodeId), new Tag("api", k.api), new Tag("bucket", k.bucket)};
        return new Handles(
                tags,
                counter(PREFIX + k.op + "_count", "number of executed " + k.op + " requests", MetricUnits.NONE, tags),
                counter(PREFIX + k.op + "_ns", k.op + ": total cumulative time (nanoseconds)", MetricUnits.NONE, tags),
                registry.timer(
                        Metadata.builder()
                                .withName("ais_request_latency")
                                .withDescription("request latency per API and operation")
                                .build(),
                        new Tag("node_id", k.nodeId),
                        new Tag("api", k.api),
                        new Tag("op", k.op)),
                () -> counter(
                        PREFIX + k.op + "_bytes", k.op + ": total cumulative size (bytes)", MetricUnits.NONE, tags));
    }

    private record Key(String nodeId, String api, String op, String bucket) {}

    /** A label set's series; the bytes counter is registered on first use, as before the cache. */
    private static final class Handles {
        final Tag[] tags;
        final Counter count;
        final Counter ns;
        final Timer latency;
        private final java.util.function.Supplier<Counter> bytesSeries;
        private volatile Counter bytes;

        Handles(Tag[] tags, Counter count, Counter ns, Timer latency, java.util.function.Supplier<Counter> bytes) {
            this.tags = tags;
            this.count = count;
            this.ns = ns;
            this.latency = latency;
            this.bytesSeries = bytes;
        }

        Counter bytes() {
            Counter c = bytes;
            if (c == null) {
                c = bytesSeries.get(); // the registry returns the one series for concurrent first calls
                bytes = c;
            }
            return c;
        }
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
        return bucketNames().contains(name) ? name : "";
    }

    /** The names of the current BMD's buckets, recomputed only when the BMD changes (not per request). */
    private Set<String> bucketNames() {
        BucketMetadata bmd = buckets.metadata();
        Names n = names;
        if (n == null || n.bmd != bmd) {
            n = new Names(
                    bmd, bmd.buckets().keySet().stream().map(BucketId::name).collect(Collectors.toSet()));
            names = n;
        }
        return n.names;
    }

    private record Names(BucketMetadata bmd, Set<String> names) {}

    private Counter counter(String name, String help, String unit, Tag... tags) {
        return registry.counter(
                Metadata.builder()
                        .withName(name)
                        .withDescription(help)
                        .withUnit(unit)
                        .build(),
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
