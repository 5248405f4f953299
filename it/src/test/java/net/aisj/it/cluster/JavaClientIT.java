package net.aisj.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.client.AisClient;
import net.aisj.client.AisClientException;
import net.aisj.client.Bucket;
import net.aisj.client.ClusterView;
import net.aisj.client.JobStatus;
import net.aisj.client.ListPage;
import net.aisj.client.ObjectEntry;
import net.aisj.client.ObjectProps;
import net.aisj.connector.api.BucketId;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.PseudoRandomInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client library ({@code ais-client}) against the shared 3-node cluster, as an application uses it: the
 * cluster map it reads is the nodes' own, every object call lands on the object's owner (no node redirects one),
 * objects of every size round-trip byte-identical through streams, files and bytes, listings page, a job is started
 * and waited for, archives are made and read (a member, Get-Batch), and errors carry AIS's status and message.
 */
@Tag("cluster")
class JavaClientIT {

    static LocalCluster c;
    static AisClient ais;
    static Bucket b;

    @BeforeAll
    static void start() {
        c = SharedCluster.get();
        c.awaitSettled();
        ais = AisClient.builder().endpoint(c.url(c.runningSlots().get(0))).build();
        b = ais.bucket(ItEnv.bucketName("jclient"));
        b.create();
    }

    @AfterAll
    static void cleanUp() {
        if (c != null && b != null) {
            c.client(c.runningSlots().get(0)).destroyQuietly(b.id().name());
            c.client(c.runningSlots().get(0)).destroyQuietly(b.id().name() + "-copy");
        }
    }

    @Test
    void clusterMapIsTheNodes() {
        ClusterView v = ais.refreshClusterMap();
        Smap m = c.awaitSettled();
        assertThat(v.version()).isEqualTo(m.version());
        assertThat(v.targets().stream().map(ClusterView.Target::id).toList())
                .containsExactlyInAnyOrderElementsOf(m.tmap().keySet());
        for (ClusterView.Target t : v.targets()) {
            assertThat(t.url().toString()).isEqualTo(m.tmap().get(t.id()).url());
        }
    }

    @Test
    void objectCallsGoStraightToTheOwner() {
        double before = redirects();
        Map<String, byte[]> written = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            byte[] data = ("object " + i + " ").repeat(i + 1).getBytes();
            b.put("direct/o" + i, data);
            written.put("direct/o" + i, data);
        }
        for (var e : written.entrySet()) {
            try (InputStream in = b.get(e.getKey())) {
                assertThat(in.readAllBytes()).as(e.getKey()).isEqualTo(e.getValue());
            } catch (java.io.IOException ex) {
                throw new AssertionError(ex);
            }
            assertThat(b.head(e.getKey()).size()).isEqualTo(e.getValue().length);
        }
        assertThat(redirects())
                .as("redirects counted by the nodes after 180 smart calls")
                .isEqualTo(before);
        assertThat(ais.retries()).isZero();
        // the same PUT sent to a node that does not own the object is redirected: the counter does move
        String name = "direct/o0";
        String owner = ais.clusterMap().owner(b.id(), name).id();
        int other = c.runningSlots().stream()
                .filter(s -> !c.id(s).equals(owner))
                .findFirst()
                .orElseThrow();
        c.get(other, b.id().name(), name).resp().expect(200);
        assertThat(redirects()).as("after one GET through a non-owner").isGreaterThan(before);
    }

    @Test
    void largeObjectsStreamFromFilesAndStreams(@TempDir Path dir) throws Exception {
        long size = 64L << 20;
        Path file = dir.resolve("big.bin");
        try (InputStream in = new PseudoRandomInputStream(11, size)) {
            Files.copy(in, file);
        }
        b.put("big/file", file);
        try (InputStream in = new PseudoRandomInputStream(12, size)) {
            b.put("big/stream", in, size);
        }
        assertThat(sha256(b.get("big/file"))).isEqualTo(sha256(Files.newInputStream(file)));
        assertThat(sha256(b.get("big/stream"))).isEqualTo(sha256(new PseudoRandomInputStream(12, size)));
        ObjectProps p = b.head("big/stream");
        assertThat(p.size()).isEqualTo(size);
        assertThat(p.checksumType()).isNotEmpty();
        byte[] expected = new PseudoRandomInputStream(12, size).readNBytes((1 << 20) + 10);
        try (InputStream in = b.get("big/stream", 1 << 20, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(expected, 1 << 20, (1 << 20) + 10));
        }
    }

    @Test
    void listingPagesInNameOrder() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String n = String.format("list/%03d", i);
            b.put(n, new ByteArrayInputStream(new byte[i]), i);
            names.add(n);
        }
        ListPage first = b.list("list/", "", 10);
        assertThat(first.entries()).hasSize(10);
        assertThat(first.last()).isFalse();
        List<String> all = new ArrayList<>();
        for (ObjectEntry e : b.listAll("list/")) {
            all.add(e.name());
            assertThat(e.size()).isEqualTo(Integer.parseInt(e.name().substring(5)));
        }
        assertThat(all).isEqualTo(names);
        assertThat(ais.listBuckets()).contains(b.id());
    }

    @Test
    void copyJobStartsAndIsWaitedFor() {
        for (int i = 0; i < 20; i++) {
            b.put("copy/" + i, ("c" + i).getBytes());
        }
        Bucket dst = ais.bucket(b.id().name() + "-copy");
        String job = b.copyTo(dst);
        JobStatus s = ais.waitForJob(job, "copy-bck", Duration.ofMinutes(3));
        assertThat(s.succeeded()).as("%s", s).isTrue();
        assertThat(dst.exists()).isTrue();
        assertThat(new String(readAll(dst.get("copy/7")))).isEqualTo("c7");
    }

    @Test
    void archivesAndGetBatch() throws Exception {
        Map<String, byte[]> objects = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            byte[] data = PseudoRandomInputStream.bytes(i, 1000 + i * 4096);
            b.put("arch/m" + i, data);
            objects.put("arch/m" + i, data);
        }
        String job = b.archive(List.copyOf(objects.keySet()), b, "packed/all.tar");
        assertThat(ais.waitForJob(job, "archive", Duration.ofMinutes(5)).aborted())
                .isFalse();
        try (InputStream in = b.getFromArchive("packed/all.tar", "arch/m3")) {
            assertThat(in.readAllBytes()).isEqualTo(objects.get("arch/m3"));
        }

        List<String> asked = new ArrayList<>(objects.keySet());
        asked.add(2, "arch/missing");
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(b.getBatch(asked, true))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
                contents.add(tar.readAllBytes());
            }
        }
        String bn = b.id().name();
        assertThat(names).hasSize(6).element(2).isEqualTo("__404__/" + bn + "/arch/missing");
        for (int i = 0; i < asked.size(); i++) {
            if (i != 2) {
                assertThat(names.get(i)).isEqualTo(bn + "/" + asked.get(i));
                assertThat(contents.get(i)).as(asked.get(i)).isEqualTo(objects.get(asked.get(i)));
            }
        }
        assertThatThrownBy(() -> b.getBatch(List.of("arch/missing"), false))
                .isInstanceOfSatisfying(
                        AisClientException.class,
                        e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void errorsCarryAisStatusAndMessage() {
        b.put("gone", new byte[] {1});
        b.delete("gone");
        assertThatThrownBy(() -> b.head("gone"))
                .isInstanceOfSatisfying(
                        AisClientException.class,
                        e -> assertThat(e.isNotFound()).isTrue());
        assertThatThrownBy(() -> b.get("gone"))
                .isInstanceOfSatisfying(
                        AisClientException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("gone");
        Bucket missing = ais.bucket(BucketId.ais(ItEnv.bucketName("missing")));
        assertThat(missing.exists()).isFalse();
        assertThatThrownBy(() -> missing.put("x", new byte[1]))
                .isInstanceOfSatisfying(
                        AisClientException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> b.create())
                .isInstanceOfSatisfying(
                        AisClientException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (in) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Object calls the nodes redirected to an owner, summed over the running nodes. */
    private static double redirects() {
        double sum = 0;
        for (int s : c.runningSlots()) {
            String text = c.client(s).send("GET", "/metrics").expect(200).text();
            for (String line : text.split("\n")) {
                if (line.startsWith("ais_proxy_redirect_count_total{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }
}
