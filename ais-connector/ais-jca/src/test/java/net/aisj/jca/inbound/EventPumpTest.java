package net.aisj.jca.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import net.aisj.client.ObjectEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump's delivery rules against a one-target journal served over HTTP in the test (the wire of
 * {@code GET /v1/events}; the real node is exercised by it/'s JcaSampleIT): a failed delivery is repeated, positions
 * survive a restart of the pump, a new journal epoch is read from its start.
 */
class EventPumpTest {

    @TempDir
    Path positions;

    HttpServer node;
    volatile String epoch = "e1";
    /** A target entry listed before t1 in the cluster map (empty: none). */
    volatile String deadTarget = "";

    final List<String> journal = Collections.synchronizedList(new ArrayList<>()); // names; position = index + 1

    @BeforeEach
    void serve() throws Exception {
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String self = "http://127.0.0.1:" + node.getAddress().getPort();
        node.createContext(
                "/v1/daemon",
                x -> reply(
                        x,
                        "{\"version\":1,\"tmap\":{" + deadTarget + "\"t1\":{\"daemon_id\":\"t1\","
                                + "\"public_net\":{\"direct_url\":\"" + self + "\"}}},\"pmap\":{}}"));
        node.createContext("/v1/events", x -> {
            long after = Long.parseLong(query(x.getRequestURI(), "after"));
            StringBuilder b =
                    new StringBuilder("{\"node\":\"t1\",\"epoch\":\"" + epoch + "\",\"first\":1,\"events\":[");
            long next = after;
            synchronized (journal) {
                for (int i = (int) after; i < journal.size(); i++) {
                    b.append(i > after ? "," : "")
                            .append("{\"seq\":")
                            .append(i + 1)
                            .append(",\"kind\":\"created\",\"provider\":\"ais\",\"bucket\":\"b\",\"name\":\"")
                            .append(journal.get(i))
                            .append("\",\"size\":1}");
                    next = i + 1;
                }
            }
            reply(x, b.append("],\"next\":").append(next).append('}').toString());
        });
        node.start();
    }

    @AfterEach
    void stop() {
        node.stop(0);
    }

    static String query(URI u, String key) {
        for (String kv : u.getRawQuery().split("&")) {
            if (kv.startsWith(key + "=")) {
                return kv.substring(key.length() + 1);
            }
        }
        return "";
    }

    static void reply(com.sun.net.httpserver.HttpExchange x, String body) throws java.io.IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, b.length);
        try (var out = x.getResponseBody()) {
            out.write(b);
        }
    }

    EventPump pump(List<String> delivered, AtomicBoolean failOnce) {
        ObjectEventActivationSpec s = new ObjectEventActivationSpec();
        s.setBucket("b");
        s.setPollMillis(10);
        s.setPositionDirectory(positions.toString());
        EventPump p = new EventPump(
                s,
                "http://127.0.0.1:" + node.getAddress().getPort(),
                (ObjectEvent e) -> {
                    if (e.name().equals("o2") && failOnce.getAndSet(false)) {
                        delivered.add("failed " + e.name());
                        throw new IllegalStateException("the bean threw");
                    }
                    delivered.add(e.name());
                },
                "consumer",
                null);
        Thread t = new Thread(p, "pump");
        t.start();
        return p;
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10); // poll interval of this wait, bounded by its deadline
        }
    }

    @Test
    void aFailedDeliveryIsRepeatedAndPositionsSurviveARestart() throws Exception {
        journal.addAll(List.of("o1", "o2", "o3"));
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        EventPump p = pump(got, new AtomicBoolean(true));
        await("o3 delivered", () -> got.contains("o3"));
        p.stop(Duration.ofSeconds(5));
        assertThat(got).containsExactly("o1", "failed o2", "o2", "o3");
        assertThat(Positions.load(positions, "consumer").get("t1")).isEqualTo(new Positions.Position("e1", 3));

        journal.add("o4");
        List<String> again = Collections.synchronizedList(new ArrayList<>());
        EventPump q = pump(again, new AtomicBoolean(false));
        await("o4 delivered", () -> again.contains("o4"));
        q.stop(Duration.ofSeconds(5));
        assertThat(again).as("nothing delivered before is delivered again").containsExactly("o4");

        // the node's journal was recreated (new disks): read from its start
        epoch = "e2";
        journal.clear();
        journal.add("n1");
        List<String> fresh = Collections.synchronizedList(new ArrayList<>());
        EventPump r = pump(fresh, new AtomicBoolean(false));
        await("n1 delivered", () -> fresh.contains("n1"));
        r.stop(Duration.ofSeconds(5));
        assertThat(fresh).containsExactly("n1");
        assertThat(Positions.load(positions, "consumer").get("t1")).isEqualTo(new Positions.Position("e2", 1));
    }

    @Test
    void aTargetThatCannotBeReadDelaysOnlyItsOwnEvents() throws Exception {
        int closed;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            closed = ss.getLocalPort();
        }
        deadTarget =
                "\"t0\":{\"daemon_id\":\"t0\",\"public_net\":{\"direct_url\":\"http://127.0.0.1:" + closed + "\"}},";
        journal.addAll(List.of("o1", "o3"));
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        EventPump p = pump(got, new AtomicBoolean(false));
        await("t1's events delivered while t0 is down", () -> got.contains("o3"));
        p.stop(Duration.ofSeconds(5));
        assertThat(got).containsExactly("o1", "o3");
        assertThat(Positions.load(positions, "consumer").get("t0"))
                .as("the unreadable target keeps its position")
                .isEqualTo(new Positions.Position("", 0));
    }
}
