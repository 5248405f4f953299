package net.aisj.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.aisj.it.support.ItEnv;

/**
 * One fault test's bookkeeping: its buckets (plain, two-way mirrored, erasure-coded 1+1 with objects from 8 KiB
 * sliced), the workload through every node, and the verdict after the heal: every name read back, the history
 * checked, the counts printed (one line per fault, {@code [faults <name>] put=... violations=0}).
 */
final class FaultRun {

    /** The bound of one client request; a request to a stopped node ends by it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** How long the load runs before a fault is injected. */
    static final Duration LEAD = Duration.ofSeconds(5);
    /** How long a killed node stays down (under load) before it is restarted. */
    static final Duration DOWN = Duration.ofSeconds(5);
    /** How long the load goes on after the heal, before the reads after the heal. */
    static final Duration TAIL = Duration.ofSeconds(3);
    /** How long the reads after the heal may retry a name that is not readable yet. */
    static final Duration READ_BACK = Duration.ofSeconds(180);

    final String name;
    final FaultCluster cluster;
    final List<String> buckets = new ArrayList<>();
    final Workload load;
    private Workload.Running running;

    /**
     * Creates the buckets through node 1 and prepares (does not start) the workload: 4 clients, 1..32 KiB objects,
     * 10 operations per second each, through {@code nodes}.
     */
    FaultRun(String name, FaultCluster cluster, boolean protectedBuckets, Supplier<List<String>> nodes) {
        this(name, cluster, protectedBuckets, protectedBuckets, nodes);
    }

    /** The same, choosing the mirrored and the erasure-coded bucket apart (EC 1+1 needs 3 targets at creation). */
    FaultRun(String name, FaultCluster cluster, boolean mirrored, boolean erasureCoded, Supplier<List<String>> nodes) {
        this.name = name;
        this.cluster = cluster;
        String plain = ItEnv.bucketName(name + "-plain");
        cluster.client(1).createBucket(plain).expect(200);
        buckets.add(plain);
        if (mirrored) {
            String mirror = ItEnv.bucketName(name + "-mirror");
            cluster.client(1)
                    .createBucket(
                            mirror,
                            Json.createObjectBuilder()
                                    .add(
                                            "mirror",
                                            Json.createObjectBuilder()
                                                    .add("enabled", true)
                                                    .add("copies", 2))
                                    .build())
                    .expect(200);
            buckets.add(mirror);
        }
        if (erasureCoded) {
            String ec = ItEnv.bucketName(name + "-ec");
            cluster.client(1).createBucket(ec, ecProps()).expect(200);
            buckets.add(ec);
        }
        this.load = new Workload(buckets, 4, 25, 32 * 1024, nodes, REQUEST_TIMEOUT, 10);
    }

    private static JsonObject ecProps() {
        return Json.createObjectBuilder()
                .add(
                        "ec",
                        Json.createObjectBuilder()
                                .add("enabled", true)
                                .add("data_slices", 1)
                                .add("parity_slices", 1)
                                .add("objsize_limit", 8 * 1024))
                .build();
    }

    void startLoad() {
        running = load.start(name.hashCode());
        System.out.println("[faults " + name + "] load started on " + buckets);
    }

    /** Stops the load; the cluster must have healed. Reads everything back, checks, prints, asserts. */
    Checker.Result finish() {
        return finish(Duration.ZERO);
    }

    /** The same, with the checker's clock tolerance (the clock-skew test: the spread of the nodes' clocks). */
    Checker.Result finish(Duration clockTolerance) {
        History h = running.stop();
        int unread = load.readAllAfterHeal(READ_BACK);
        Checker.Result r = Checker.check(h.ops(), clockTolerance.toNanos());
        long notDeployed = h.ops().stream()
                .filter(o -> o.status() == Workload.CONTAINER_404)
                .count();
        System.out.println(r.report(name, 20)
                + String.format(
                        " (slowest request %.1f s, %d names unreadable, %d"
                                + " answers were Payara's 404 page of a node not deployed yet)",
                        load.maxLatency().toMillis() / 1000.0, unread, notDeployed));
        assertThat(r.count("put_ok")).as("acknowledged PUTs under load").isPositive();
        assertThat(r.violations()).as(r.report(name, 20)).isEmpty();
        return r;
    }
}
