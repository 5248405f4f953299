package net.aisj.it.protect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Mountpath changes on a node with three mountpaths: detach-mp drains the mountpath through a resilver before it
 * goes (nothing lost), attach-mp brings it back, and a mountpath that vanishes under the node is disabled by the
 * filesystem health check while its objects are served from their copies and re-mirrored on the others; changes
 * made by request (attach, disable) survive a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MountpathIT {

    static final int COUNT = 150;
    static NodeProcess node;
    static AisClient ais;
    static final Map<String, byte[]> objects = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        node = NodeProcess.start("mpaths", 3, "-Xmx256m");
        ais = new AisClient(node.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static JsonObject mountpaths() {
        return ais.daemon("mountpaths").expect(200).json();
    }

    static boolean listed(String key, Path mp) {
        return mountpaths().getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(s ->
                        s.getString().equals(mp.toAbsolutePath().normalize().toString()));
    }

    static void putAll(String b, int seed) {
        objects.clear();
        for (int i = 0; i < COUNT; i++) {
            byte[] d = PseudoRandomInputStream.bytes(seed * 1000L + i, 500 + 97 * i);
            ais.put(b, "o" + i, d).expect(200);
            objects.put("o" + i, d);
        }
    }

    static void readAll(String b) {
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            assertThat(ais.get(b, e.getKey()).expect(200).body()).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(ais.listNames(b, "")).hasSize(objects.size());
    }

    static long filesUnder(Path mp, String b) throws Exception {
        Path ob = mp.resolve("@ais").resolve(b).resolve("%ob");
        if (!Files.isDirectory(ob)) {
            return 0;
        }
        try (var s = Files.list(ob)) {
            return s.count();
        }
    }

    static String msg(String action, Path mp) {
        return JsonUtil.actMsg(
                action, null, Json.createValue(mp.toAbsolutePath().normalize().toString()));
    }

    @Test
    void detachDrainsTheMountpathAndAttachBringsItBack() throws Exception {
        String b = ItEnv.bucketName("detach");
        ais.createBucket(b).expect(200);
        putAll(b, 1);
        Path mp0 = node.mountpaths().get(0);
        long before = filesUnder(mp0, b);
        assertThat(before).as("objects on %s before the detach", mp0).isPositive();

        assertThat(ais.control("DELETE", "/v1/daemon/mountpaths", msg("attach-mp", mp0))
                        .status())
                .isEqualTo(400);
        ais.control("DELETE", "/v1/daemon/mountpaths", msg("detach-mp", mp0)).expect(200);
        Poll.until(
                Duration.ofMinutes(1),
                mp0 + " is detached after its resilver",
                () -> !listed("available", mp0) && !listed("disabled", mp0));
        assertThat(filesUnder(mp0, b))
                .as("objects left on the detached mountpath")
                .isZero();
        readAll(b);

        // through AIS's reverse path, the way its CLI sends mountpath actions (the target in Ais-Node-Id)
        assertThat(ais.send(
                                "PUT",
                                "/v1/reverse/daemon/mountpaths",
                                java.util.Map.of("Ais-Node-Id", "nosuchnode", "Content-Type", "application/json"),
                                java.net.http.HttpRequest.BodyPublishers.ofString(msg("attach-mp", mp0)),
                                java.time.Duration.ofSeconds(30))
                        .status())
                .isEqualTo(404);
        ais.send(
                        "PUT",
                        "/v1/reverse/daemon/mountpaths",
                        java.util.Map.of("Ais-Node-Id", ais.daemonId(), "Content-Type", "application/json"),
                        java.net.http.HttpRequest.BodyPublishers.ofString(msg("attach-mp", mp0)),
                        java.time.Duration.ofSeconds(30))
                .expect(200);
        assertThat(listed("available", mp0)).isTrue();
        Poll.until(
                Duration.ofMinutes(1),
                "the resilver after attach moves objects back to " + mp0,
                () -> filesUnder(mp0, b) == before);
        readAll(b);
        ais.destroyBucket(b).expect(200);
    }

    @Test
    void aVanishedMountpathIsDisabledAndItsCopiesRestoredElsewhere() throws Exception {
        String b = ItEnv.bucketName("fshc");
        ais.createBucket(
                        b,
                        Json.createObjectBuilder()
                                .add(
                                        "mirror",
                                        Json.createObjectBuilder()
                                                .add("enabled", true)
                                                .add("copies", 2)
                                                .add("sync_put", true))
                                .build())
                .expect(200);
        putAll(b, 2);
        Path victim = node.mountpaths().get(1);
        Path aside = victim.resolveSibling(victim.getFileName() + "-gone");
        Files.move(victim, aside);
        Files.writeString(victim, "not a directory any more");
        try {
            long t0 = System.nanoTime();
            Poll.until(Duration.ofSeconds(60), "the health check disables " + victim, () -> listed("disabled", victim));
            System.out.printf(
                    "[it mountpath] %s disabled %.1f s after it vanished%n", victim, (System.nanoTime() - t0) / 1e9);
            readAll(b);
            Path a = node.mountpaths().get(0);
            Path c = node.mountpaths().get(2);
            Poll.until(Duration.ofMinutes(2), "every object has two copies on the two remaining mountpaths", () -> {
                for (String o : objects.keySet()) {
                    if (!Files.isRegularFile(
                                    a.resolve("@ais").resolve(b).resolve("%ob").resolve(o))
                            || !Files.isRegularFile(
                                    c.resolve("@ais").resolve(b).resolve("%ob").resolve(o))) {
                        return false;
                    }
                }
                return true;
            });
            System.out.printf(
                    "[it mountpath] %d objects re-mirrored %.1f s after the mountpath vanished%n",
                    objects.size(), (System.nanoTime() - t0) / 1e9);
            readAll(b);
        } finally {
            Files.delete(victim);
            Files.move(aside, victim);
            ais.control("POST", "/v1/daemon/mountpaths", msg("enable-mp", victim))
                    .expect(200);
        }
        assertThat(listed("available", victim)).isTrue();
        ais.destroyBucket(b).expect(200);
    }

    @Test
    @Order(Integer.MAX_VALUE) // restarts the node, so it runs last
    void mountpathChangesSurviveARestart() throws Exception {
        String b = ItEnv.bucketName("mprestart");
        ais.createBucket(b).expect(200);
        Path extra = node.dir().resolve("mp-extra");
        Path off = node.mountpaths().get(2);
        ais.control("PUT", "/v1/daemon/mountpaths", msg("attach-mp", extra)).expect(200);
        ais.control("POST", "/v1/daemon/mountpaths", msg("disable-mp", off)).expect(200);
        putAll(b, 3);
        assertThat(filesUnder(extra, b))
                .as("objects placed on the attached mountpath")
                .isPositive();

        node.stop();
        node.restart();
        assertThat(listed("available", extra))
                .as("the attached mountpath is opened again")
                .isTrue();
        assertThat(listed("disabled", off))
                .as("the mountpath disabled by request stays disabled")
                .isTrue();
        readAll(b);
        ais.control("POST", "/v1/daemon/mountpaths", msg("enable-mp", off)).expect(200);
        assertThat(listed("available", off)).isTrue();
        ais.destroyBucket(b).expect(200);
    }
}
