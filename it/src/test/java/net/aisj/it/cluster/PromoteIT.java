package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.NodeProcess;
import net.aisj.it.support.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code promote} (AIS {@code api.Promote}) on the shared cluster, whose nodes all read one promote root (a file
 * share): a tree split between the targets by owner (each file stored once), the top level only, overwrite and
 * delete-source, one target by {@code tid}, and the requests refused (outside the root, {@code ..}, a link leading
 * out, a missing source, an unknown target or bucket, a malformed flag).
 */
@Tag("cluster")
class PromoteIT {

    static LocalCluster c;
    static AisClient a;
    static int via;
    static String bucket;
    static final List<String> cleanup = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        c = SharedCluster.get();
        via = c.runningSlots().get(0);
        a = c.client(via);
        bucket = ItEnv.bucketName("prm");
        a.createBucket(bucket).expect(200);
        cleanup.add(bucket);
    }

    @AfterAll
    static void tearDown() {
        if (c != null) {
            cleanup.forEach(b -> a.destroyQuietly(b));
        }
    }

    static Path newSource(String tag) throws Exception {
        return Files.createDirectories(NodeProcess.promoteRoot().resolve(tag + "-" + ItEnv.randomHex(4)));
    }

    static byte[] content(String name) {
        return ("file " + name + " ").repeat(1 + name.length() % 5).getBytes(StandardCharsets.UTF_8);
    }

    static String promote(JsonObject args) {
        String id = a.control(
                        "POST",
                        AisClient.bckPath(bucket).replace("/v1/buckets/", "/v1/objects/"),
                        JsonUtil.actMsg("promote", args.getString("src"), args))
                .expect(200)
                .text();
        assertThat(id).as("promote answers its job id").isNotBlank();
        Jobs.awaitEnd(a, id, "promote", Duration.ofMinutes(3));
        return id;
    }

    static Resp promoteRaw(String body) {
        return a.control("POST", AisClient.bckPath(bucket).replace("/v1/buckets/", "/v1/objects/"), body);
    }

    @Test
    void aTreeIsSplitBetweenTheTargetsAndEveryFileStoredOnce() throws Exception {
        Path src = newSource("tree");
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 60; i++) {
            String rel = (i % 3 == 0 ? "" : "d" + (i % 3) + "/") + "f" + i + ".bin";
            Path f = src.resolve(rel);
            Files.createDirectories(f.getParent());
            Files.write(f, content(rel));
            expected.add("tree/" + rel);
        }
        // a link inside the source leads out of the promote root: it is not followed
        Path outside = Files.createTempFile(ItEnv.workDir(), "secret", ".txt");
        Files.writeString(outside, "not for promotion");
        Files.createSymbolicLink(src.resolve("link.txt"), outside);

        String id = promote(Json.createObjectBuilder()
                .add("src", src.toString())
                .add("obj", "tree/")
                .add("rcr", true)
                .build());

        assertThat(Jobs.statTotal(a, id, "promote", "loc-objs"))
                .as("a file share is split by owner: every file stored by exactly one target")
                .isEqualTo(expected.size());
        assertThat(new TreeSet<>(a.listNames(bucket, "tree/"))).isEqualTo(expected);
        for (String name : expected) {
            assertThat(c.get(via, bucket, name).resp().expect(200).body())
                    .as(name)
                    .isEqualTo(content(name.substring("tree/".length())));
        }
        assertThat(Files.exists(src.resolve("f0.bin")))
                .as("sources stay without dls")
                .isTrue();
    }

    @Test
    void topLevelOnlyKeepsExistingObjectsUnlessOverwriteAndDeletesSources() throws Exception {
        Path src = newSource("flat");
        for (int i = 0; i < 6; i++) {
            Files.write(src.resolve("top" + i), content("top" + i));
        }
        Files.createDirectories(src.resolve("sub"));
        Files.write(src.resolve("sub/deep"), content("deep"));
        c.put(via, bucket, "flat/top0", "kept".getBytes()).resp().expect(200);

        promote(Json.createObjectBuilder()
                .add("src", src.toString())
                .add("obj", "flat/")
                .build());
        assertThat(a.listNames(bucket, "flat/"))
                .containsExactlyInAnyOrder(
                        "flat/top0", "flat/top1", "flat/top2", "flat/top3", "flat/top4", "flat/top5");
        assertThat(c.get(via, bucket, "flat/top0").resp().expect(200).text())
                .as("an existing object is kept")
                .isEqualTo("kept");

        promote(Json.createObjectBuilder()
                .add("src", src.toString())
                .add("obj", "flat/")
                .add("ovw", true)
                .add("dls", true)
                .build());
        assertThat(c.get(via, bucket, "flat/top0").resp().expect(200).body()).isEqualTo(content("top0"));
        for (int i = 0; i < 6; i++) {
            assertThat(Files.exists(src.resolve("top" + i)))
                    .as("dls removes top" + i + " once stored")
                    .isFalse();
        }
        assertThat(Files.exists(src.resolve("sub/deep")))
                .as("not recursive: left alone")
                .isTrue();
    }

    @Test
    void oneFileByOneTargetUnderItsOwnName() throws Exception {
        Path src = newSource("one");
        Path f = Files.write(src.resolve("sample.tar"), content("sample.tar"));
        String tid = c.id(c.runningSlots().get(c.runningSlots().size() - 1));
        String id = promote(Json.createObjectBuilder()
                .add("src", f.toString())
                .add("obj", "single/renamed.tar")
                .add("tid", tid)
                .build());
        assertThat(c.get(via, bucket, "single/renamed.tar").resp().expect(200).body())
                .isEqualTo(content("sample.tar"));
        assertThat(Jobs.statTotal(a, id, "promote", "loc-objs")).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedAndStoreNothing() throws Exception {
        Path root = NodeProcess.promoteRoot();
        Path src = newSource("bad");
        Files.writeString(src.resolve("x"), "x");
        Path outside = Files.createDirectories(ItEnv.workDir().resolve("outside-" + ItEnv.randomHex(3)));
        Files.writeString(outside.resolve("y"), "y");
        Path link = Files.createSymbolicLink(root.resolve("escape-" + ItEnv.randomHex(3)), outside);

        assertError(args("/etc"), 400, "must be under");
        assertError(args("relative/path"), 400, "absolute");
        assertError(args(src + "/../" + src.getFileName()), 400, "'..'");
        assertError(args(link.toString()), 400, "resolves outside");
        assertError(args(src.resolve("missing").toString()), 404, "does not exist");
        assertError(
                Json.createObjectBuilder(args(src.toString()))
                        .add("tid", "nosuchnode")
                        .build(),
                404,
                "nosuchnode");
        assertError(
                Json.createObjectBuilder(args(src.toString())).add("rcr", "yes").build(), 400, "rcr");
        promoteRaw(JsonUtil.actMsg("promote", "/other", args(src.toString()))).expect(400);
        assertThat(a.control(
                                "POST",
                                "/v1/objects/" + ItEnv.bucketName("nobucket"),
                                JsonUtil.actMsg("promote", null, args(src.toString())))
                        .status())
                .isEqualTo(404);
        assertThat(a.listNames(bucket, "bad")).as("nothing stored").isEmpty();
    }

    static JsonObject args(String src) {
        return Json.createObjectBuilder().add("src", src).add("obj", "bad/").build();
    }

    static void assertError(JsonObject args, int status, String text) {
        Resp r = promoteRaw(JsonUtil.actMsg("promote", null, args));
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().getString("message", ""))
                .as("AIS error JSON naming the problem")
                .contains(text);
    }
}
