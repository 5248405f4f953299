package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Resp;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every node of the shared cluster stopped (SIGTERM) and started again at the same moment: the same members, the
 * buckets with their props (a non-default checksum included) and every object come back intact.
 */
@Tag("cluster")
class FullRestartIT {

    static LocalCluster c;
    static String md5Bucket;
    static String plainBucket;

    @AfterAll
    static void cleanUp() {
        if (c != null && !c.runningSlots().isEmpty()) {
            c.client(c.runningSlots().get(0)).destroyQuietly(md5Bucket);
            c.client(c.runningSlots().get(0)).destroyQuietly(plainBucket);
        }
    }

    @Test
    void afterAFullRestartBucketsPropsAndObjectsAreIntact() throws Exception {
        c = SharedCluster.get();
        Smap m0 = c.awaitSettled();
        int first = c.runningSlots().get(0);
        md5Bucket = ItEnv.bucketName("md5");
        plainBucket = ItEnv.bucketName("plain");
        c.client(first).createBucket(md5Bucket).expect(200);
        c.client(first).createBucket(plainBucket).expect(200);
        c.client(first)
                .setBprops(
                        md5Bucket,
                        Json.createObjectBuilder()
                                .add("checksum", Json.createObjectBuilder().add("type", "md5"))
                                .build())
                .expect(200);
        DataSet md5Data = DataSet.generate("obj-", 200, 32, 0, 19);
        DataSet plainData = DataSet.generate("obj-", 50, 16, 0, 23);
        md5Data.putAll(c, md5Bucket, c.runningSlots(), 8);
        plainData.putAll(c, plainBucket, c.runningSlots(), 8);
        JsonObject md5Props = props(first, md5Bucket);
        JsonObject plainProps = props(first, plainBucket);
        assertThat(md5Props.getJsonObject("checksum").getString("type"))
                .as("%s", md5Props)
                .isEqualTo("md5");

        int[] all = c.runningSlots().stream().mapToInt(Integer::intValue).toArray();
        long t0 = System.nanoTime();
        c.stop(all);
        assertThat(c.runningSlots()).as("nodes still running after SIGTERM").isEmpty();
        System.out.printf(
                "[it-cluster restart] %d nodes stopped in %.1f s%n", all.length, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        c.start(all);
        Smap m1 = c.awaitTargets(m0.tmap().keySet(), LocalCluster.SMAP_TIMEOUT);
        System.out.printf(
                "[it-cluster restart] %d nodes started together, one Smap after %.1f s: %s%n",
                all.length, (System.nanoTime() - t0) / 1e9, m1.brief());

        SoftAssertions soft = new SoftAssertions();
        for (int s : c.runningSlots()) {
            soft.assertThat(props(s, md5Bucket))
                    .as("props of %s on node%d after the restart", md5Bucket, s)
                    .isEqualTo(md5Props);
            soft.assertThat(props(s, plainBucket))
                    .as("props of %s on node%d after the restart", plainBucket, s)
                    .isEqualTo(plainProps);
        }
        soft.assertAll();
        assertThat(c.placement().errors(m1, md5Bucket, md5Data.names(), Set.of()))
                .as("placement of " + md5Bucket)
                .isEmpty();
        assertThat(c.placement().errors(m1, plainBucket, plainData.names(), Set.of()))
                .as("placement of " + plainBucket)
                .isEmpty();
        List<String> failures = md5Data.verifyAll(c, md5Bucket, c.runningSlots(), 8);
        failures.addAll(plainData.verifyAll(c, plainBucket, c.runningSlots(), 8));
        assertThat(failures)
                .as("every object through every node after the restart: %s", DataSet.describe(failures))
                .isEmpty();
        for (DataSet.Obj o : md5Data.objects().subList(0, 20)) {
            Followed f = c.get(first, md5Bucket, o.name());
            String md5 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(f.resp().body()));
            soft.assertThat(f.resp().header("Ais-Checksum-Type"))
                    .as("checksum type of %s", f)
                    .isEqualTo("md5");
            soft.assertThat(f.resp().header("Ais-Checksum-Value"))
                    .as("checksum of %s", f)
                    .isEqualTo(md5);
        }
        soft.assertThat(c.client(first).listNames(md5Bucket, ""))
                .as("listing of %s", md5Bucket)
                .isEqualTo(md5Data.names());
        soft.assertThat(c.client(first).listNames(plainBucket, ""))
                .as("listing of %s", plainBucket)
                .isEqualTo(plainData.names());
        soft.assertAll();
    }

    /** The bucket's props ({@code Ais-Bucket-Props} of HEAD) as seen by node {@code slot}. */
    JsonObject props(int slot, String bucket) {
        Resp h = c.client(slot).headBucket(bucket);
        if (h.status() != 200) {
            throw new AssertionError("HEAD " + bucket + " on node" + slot + ": " + h);
        }
        return JsonUtil.parseObject(h.header("Ais-Bucket-Props"));
    }
}
