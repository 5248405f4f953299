package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data grid's compare-and-set document store on a real, embedded Hazelcast member (the version Payara ships,
 * pinned in the parent pom), alone on loopback: no join, no discovery, no phone-home. Two stores over one map play
 * two nodes.
 */
class HazelcastVersionedStoreTest {

    /** A versioned document: {@code count} is how many updates built it. */
    record Doc(long version, int count, String note) {
        static Doc parse(String text) {
            String[] f = text.split(":", 3);
            return new Doc(Long.parseLong(f[0]), Integer.parseInt(f[1]), f[2]);
        }

        String text() {
            return version + ":" + count + ":" + note;
        }

        Doc next(String n) {
            return new Doc(version + 1, count + 1, n);
        }
    }

    static final Doc EMPTY = new Doc(0, 0, "");

    static HazelcastInstance grid;

    @BeforeAll
    static void startGrid() throws IOException {
        Config c = new Config();
        c.setClusterName("versioned-store-test-" + UUID.randomUUID());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        c.setProperty("hazelcast.logging.type", "jdk");
        NetworkConfig n = c.getNetworkConfig();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            n.setPort(s.getLocalPort());
        }
        n.setPortAutoIncrement(true);
        n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        grid = Hazelcast.newHazelcastInstance(c);
    }

    @AfterAll
    static void stopGrid() {
        if (grid != null) {
            grid.shutdown();
        }
    }

    static IMap<String, String> freshMap() {
        return grid.getMap("meta-" + UUID.randomUUID());
    }

    static HazelcastVersionedStore<Doc> store(IMap<String, String> map) {
        return new HazelcastVersionedStore<>(map, "doc", Doc::parse, Doc::text, Doc::version, () -> EMPTY);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void startsEmptyThenPublishesEachUpdateToTheGrid() {
        IMap<String, String> map = freshMap();
        HazelcastVersionedStore<Doc> s = store(map);
        assertThat(s.current()).isSameAs(EMPTY);
        assertThat(map.containsKey("doc")).isFalse();

        Doc v1 = s.update(d -> d.next("first"));
        assertThat(v1).isEqualTo(new Doc(1, 1, "first"));
        assertThat(s.current()).isEqualTo(v1);
        assertThat(map.get("doc")).isEqualTo("1:1:first");
        assertThat(s.update(d -> d.next("second"))).isEqualTo(new Doc(2, 2, "second"));
        assertThat(map.get("doc")).isEqualTo("2:2:second");

        // a store opened later (a node joining) starts from what the grid has
        assertThat(store(map).current()).isEqualTo(new Doc(2, 2, "second"));
    }

    @Test
    void noChangeWritesNothingAndAVersionThatDoesNotGrowIsRefused() {
        IMap<String, String> map = freshMap();
        HazelcastVersionedStore<Doc> s = store(map);
        s.update(d -> d.next("a"));
        assertThat(s.update(d -> d)).isEqualTo(new Doc(1, 1, "a"));
        assertThat(map.get("doc")).isEqualTo("1:1:a");

        assertThatThrownBy(() -> s.update(d -> new Doc(d.version(), d.count() + 1, "same version")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version must grow (1 -> 1)");
        assertThatThrownBy(() -> s.update(d -> new Doc(0, 9, "older"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.update(d -> {
                    throw new IllegalArgumentException("no such bucket");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such bucket");
        assertThat(map.get("doc")).isEqualTo("1:1:a");
        assertThat(s.current()).isEqualTo(new Doc(1, 1, "a"));
    }

    @Test
    void concurrentUpdatesFromTwoNodesAreNeverLost() throws Exception {
        IMap<String, String> map = freshMap();
        List<HazelcastVersionedStore<Doc>> nodes = List.of(store(map), store(map));
        int threads = 4;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                HazelcastVersionedStore<Doc> s = nodes.get(t % 2);
                String who = "w" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        s.update(d -> d.next(who));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Doc last = Doc.parse(map.get("doc"));
        assertThat(last.count()).isEqualTo(threads * each);
        assertThat(last.version()).isEqualTo(threads * each);
        // both nodes end up with the last version, the writer's own and the other through entry events
        await(
                "both nodes to see v" + last.version(),
                () -> nodes.stream().allMatch(n -> n.current().version() == last.version()));
    }

    @Test
    void listenersSeeEveryNewerVersionOnceInOrderAlsoOtherNodesWrites() {
        IMap<String, String> map = freshMap();
        HazelcastVersionedStore<Doc> a = store(map);
        HazelcastVersionedStore<Doc> b = store(map);
        List<Long> seenByA = new CopyOnWriteArrayList<>();
        List<Long> seenByB = new CopyOnWriteArrayList<>();
        AtomicInteger failing = new AtomicInteger();
        a.addListener(d -> {
            failing.incrementAndGet();
            throw new IllegalStateException("a broken listener does not stop the others");
        });
        a.addListener(d -> seenByA.add(d.version()));
        b.addListener(d -> seenByB.add(d.version()));

        a.update(d -> d.next("x"));
        a.update(d -> d.next("y"));
        a.update(d -> d); // no change: no call
        await("b to learn v2", () -> b.current().version() == 2);
        b.update(d -> d.next("z"));
        // the cache moves before the listeners are called: wait for the listener, not for current()
        await("a's listener to see v3", () -> seenByA.contains(3L));
        assertThat(a.current().version()).isEqualTo(3);

        assertThat(seenByA).containsExactly(1L, 2L, 3L);
        await("b's listener to see v3", () -> seenByB.contains(3L));
        assertThat(seenByB).isSorted().doesNotHaveDuplicates().endsWith(3L).contains(2L);
        assertThat(failing).hasValue(3);
        assertThat(b.current()).isEqualTo(new Doc(3, 3, "z"));
    }

    @Test
    void offerPublishesOnlyANewerVersion() {
        IMap<String, String> map = freshMap();
        HazelcastVersionedStore<Doc> s = store(map);
        s.offer(new Doc(5, 1, "from disk"));
        assertThat(s.current()).isEqualTo(new Doc(5, 1, "from disk"));
        assertThat(map.get("doc")).isEqualTo("5:1:from disk");
        s.offer(new Doc(4, 7, "stale copy"));
        s.offer(new Doc(5, 7, "same version"));
        assertThat(map.get("doc")).isEqualTo("5:1:from disk");
        assertThat(s.current()).isEqualTo(new Doc(5, 1, "from disk"));
    }
}
