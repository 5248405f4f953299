package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Multi-object jobs on the shared cluster over 5000 objects: copy-listrange by template, copy-bck with a prefix and
 * a prepended name, delete-listrange by list and by template, move-bck, and an aborted copy that leaves only whole
 * objects behind. Every job is followed to its end through AIS's status API.
 */
@Tag("cluster")
class MultiObjIT {

    static final int COUNT = 5000;
    static LocalCluster c;
    static int via;
    static String src;
    static final List<String> cleanup = new ArrayList<>();

    static String name(int i) {
        return String.format("img-%05d.jpg", i);
    }

    static byte[] content(int i) {
        return ("object " + i + " ").repeat(1 + i % 7).getBytes();
    }

    @BeforeAll
    static void fill() throws Exception {
        c = SharedCluster.get();
        via = c.runningSlots().get(0);
        src = ItEnv.bucketName("mos");
        c.client(via).createBucket(src).expect(200);
        cleanup.add(src);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> f = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                int n = i;
                f.add(pool.submit(() -> c.put(via, src, name(n), content(n)).status()));
            }
            for (Future<Integer> x : f) {
                assertThat(x.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
    }

    @AfterAll
    static void tearDown() {
        if (c != null) {
            cleanup.forEach(b -> c.client(via).destroyQuietly(b));
        }
    }

    static String job(AisClient a, String method, String path, String action, JsonObject value) {
        String id = a.control(method, path, JsonUtil.actMsg(action, null, value))
                .expect(200)
                .text();
        assertThat(id).as(action + " answers its job id").matches("[A-Za-z][A-Za-z0-9]{8}");
        return id;
    }

    @Test
    void copyDeleteAndMoveByListTemplateAndPrefix() {
        AisClient a = c.client(via);
        String dst = ItEnv.bucketName("mos-dst");
        cleanup.add(dst);
        String copy = job(
                a,
                "POST",
                AisClient.bckPath(src),
                "copy-listrange",
                Json.createObjectBuilder()
                        .add("tobck", Json.createObjectBuilder().add("name", dst))
                        .add("template", "img-{00000..02499}.jpg")
                        .add("prepend", "c/")
                        .build());
        JsonObject st = c.jobs().awaitEnd(copy, "copy-listrange", Duration.ofMinutes(3));
        assertThat(st.getString("kind")).isEqualTo("copy-listrange");
        List<String> copied = a.listNames(dst, "c/");
        assertThat(copied)
                .hasSize(2500)
                .contains("c/" + name(0), "c/" + name(2499))
                .doesNotContain("c/" + name(2500));
        for (int i : new int[] {0, 1234, 2499}) {
            assertThat(c.get(via, dst, "c/" + name(i)).resp().expect(200).body())
                    .isEqualTo(content(i));
        }

        String dst2 = ItEnv.bucketName("mos-bck");
        cleanup.add(dst2);
        String cb = a.control(
                        "POST",
                        AisClient.bckPath(src) + "?bck_to=ais/@%23/" + dst2 + "/",
                        JsonUtil.actMsg(
                                "copy-bck",
                                null,
                                Json.createObjectBuilder()
                                        .add("prefix", "img-03")
                                        .add("prepend", "p/")
                                        .build()))
                .expect(200)
                .text();
        c.jobs().awaitEnd(cb, "copy-bck", Duration.ofMinutes(3));
        assertThat(a.listNames(dst2, "")).hasSize(1000).allMatch(n -> n.startsWith("p/img-03"));

        String del = job(
                a,
                "DELETE",
                AisClient.bckPath(src),
                "delete-listrange",
                Json.createObjectBuilder()
                        .add("template", "img-{04000..04999}.jpg")
                        .build());
        c.jobs().awaitEnd(del, "delete-listrange", Duration.ofMinutes(3));
        var list = Json.createArrayBuilder();
        for (int i = 0; i < 10; i++) {
            list.add(name(i));
        }
        String del2 = job(
                a,
                "DELETE",
                AisClient.bckPath(src),
                "delete-listrange",
                Json.createObjectBuilder().add("objnames", list).build());
        c.jobs().awaitEnd(del2, "delete-listrange", Duration.ofMinutes(2));
        List<String> left = a.listNames(src, "");
        assertThat(left)
                .hasSize(COUNT - 1000 - 10)
                .doesNotContain(name(0), name(9), name(4000), name(4999))
                .contains(name(10), name(3999));

        String dst3 = ItEnv.bucketName("mos-mv");
        cleanup.add(dst3);
        String mv = a.control(
                        "POST",
                        AisClient.bckPath(dst2) + "?bck_to=ais/@%23/" + dst3 + "/",
                        JsonUtil.actMsg("move-bck", null, null))
                .expect(200)
                .text();
        c.jobs().awaitEnd(mv, "move-bck", Duration.ofMinutes(3));
        Poll.until(
                Duration.ofMinutes(1),
                dst2 + " is gone after the move",
                () -> a.headBucket(dst2).status() == 404);
        assertThat(a.listNames(dst3, "")).hasSize(1000);
        assertThat(c.get(via, dst3, "p/" + name(3333)).resp().expect(200).body())
                .isEqualTo(content(3333));

        var bad = a.control(
                "DELETE",
                AisClient.bckPath(src),
                JsonUtil.actMsg(
                        "delete-listrange",
                        null,
                        Json.createObjectBuilder().add("template", "img-{9..1}").build()));
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void anAbortedCopyLeavesOnlyWholeObjects() {
        AisClient a = c.client(via);
        String dst = ItEnv.bucketName("mos-abort");
        cleanup.add(dst);
        String id = a.control(
                        "POST",
                        AisClient.bckPath(src) + "?bck_to=ais/@%23/" + dst + "/",
                        JsonUtil.actMsg(
                                "copy-bck", null, Json.createObjectBuilder().build()))
                .expect(200)
                .text();
        a.control(
                "PUT",
                "/v1/cluster",
                JsonUtil.actMsg(
                        "stop", null, Json.createObjectBuilder().add("ID", id).build()));
        Poll.until(Duration.ofMinutes(2), "copy-bck " + id + " ended", () -> {
            var r = a.control(
                    "GET",
                    "/v1/cluster?what=status",
                    Json.createObjectBuilder().add("ID", id).build().toString());
            return r.status() == 200 && JsonUtil.lng(r.json(), "end_time") != 0;
        });
        List<String> got = a.listNames(dst, "");
        System.out.printf("[it multiobj] copy-bck %s stopped after %d of the source's objects%n", id, got.size());
        for (String n : got) {
            int i = Integer.parseInt(n.substring(4, 9));
            assertThat(c.get(via, dst, n).resp().expect(200).body()).as(n).isEqualTo(content(i));
        }
    }
}
