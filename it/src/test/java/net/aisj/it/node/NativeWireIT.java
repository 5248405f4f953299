package net.aisj.it.node;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.ItEnv;
import net.aisj.it.support.Jobs;
import net.aisj.it.support.Names;
import net.aisj.it.support.Poll;
import net.aisj.it.support.PseudoRandomInputStream;
import net.aisj.it.support.Resp;
import net.aisj.it.support.SharedNode;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native API as AIS's Python SDK 1.25 calls it (issue 18): HEAD v2, ... */
class NativeWireIT {

    static AisClient ais;
    static String b;

    @BeforeAll
    static void setUp() {
        ais = SharedNode.client();
        b = ItEnv.bucketName("natwire");
        ais.createBucket(b).expect(200);
    }

    @AfterAll
    static void tearDown() {
        if (ais != null) {
            ais.destroyQuietly(b);
        }
    }

    /** {@code Object.head_v2("chunked")}: what a parallel download asks first; the size comes from Content-Length. */
    @Test
    void headV2CarriesTheSizeAndOnlyTheRequestedValidators() {
        byte[] data = PseudoRandomInputStream.bytes(7, 12_345);
        ais.put(b, "hv2/obj", data).expect(200);

        Resp chunked = ais.head(b, "hv2/obj", "props=chunked");
        assertThat(chunked.status()).as("%s", chunked).isEqualTo(200);
        assertThat(chunked.header("Content-Length")).isEqualTo("12345");
        assertThat(chunked.header("Ais-Present")).isEqualTo("true");
        assertThat(chunked.header("ETag")).isNull();
        assertThat(chunked.header("Last-Modified")).isNull();
        assertThat(chunked.header("Ais-Chunks-Count")).isNull(); // a plain PUT is not chunked

        Resp named = ais.head(b, "hv2/obj", "props=name,size");
        assertThat(named.header("Content-Length")).isEqualTo("12345");
        assertThat(named.header("ETag")).isNull();

        Resp validators = ais.head(b, "hv2/obj", "props=last-modified,etag,checksum,version");
        assertThat(validators.header("Last-Modified")).isNotBlank();
        assertThat(validators.header("ETag")).startsWith("\"v1-" + validators.header("Ais-Checksum-Value") + "-");
        assertThat(validators.header("Ais-Version")).isEqualTo("1");

        Resp bad = ais.head(b, "hv2/obj", "props=size,bogus");
        assertThat(bad.status()).isEqualTo(400);
    }

    /**
     * A HEAD has no body, so AIS sends its JSON error in {@code Hdr-Error} (its Go client reads it there): a missing
     * bucket and a missing object, on the servlet path and the direct object path alike.
     */
    @Test
    void aHeadErrorTravelsInHdrError() {
        Resp bucket = ais.send("HEAD", "/v1/buckets/no-such-bucket-hdr");
        assertThat(bucket.status()).isEqualTo(404);
        assertThat(bucket.header("Hdr-Error"))
                .as("%s", bucket)
                .contains("\"message\":\"bucket \\\"ais://no-such-bucket-hdr\\\" does not exist\"")
                .contains("\"status\":404");
        Resp obj = ais.head(b, "hdr/missing-\u00e9");
        assertThat(obj.status()).isEqualTo(404);
        assertThat(obj.header("Hdr-Error"))
                .as("non-ASCII escaped as JSON")
                .contains("object ais://" + b + "/hdr/missing-\\u00e9 does not exist");
    }

    /** A name sent with its slashes encoded ({@code %2F}) is the same object, as in AIS. */
    @Test
    void anEncodedSlashIsASlash() {
        ais.put(b, "es/dir/obj", new byte[] {1, 2, 3}).expect(200);
        Resp viaEncoded = ais.send("GET", "/v1/objects/" + b + "/es%2Fdir%2Fobj");
        assertThat(viaEncoded.status()).as("%s", viaEncoded).isEqualTo(200);
        assertThat(viaEncoded.body()).containsExactly(1, 2, 3);
    }

    /** {@code api.GetBatch} with an empty default bucket: {@code GET /v1/ml/moss}, every item names its bucket. */
    @Test
    void getBatchWithoutABucketInThePathAndWithReadRanges() throws Exception {
        String other = ItEnv.bucketName("natwire2");
        ais.createBucket(other).expect(200);
        try {
            ais.put(b, "gb/one", "0123456789".getBytes(StandardCharsets.UTF_8)).expect(200);
            ais.put(other, "gb/two", "abcdefghij".getBytes(StandardCharsets.UTF_8))
                    .expect(200);
            String req = Json.createObjectBuilder()
                    .add(
                            "in",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("objname", "gb/one")
                                            .add("bucket", b)
                                            .add("provider", "ais")
                                            .add("start", 2)
                                            .add("length", 3))
                                    .add(Json.createObjectBuilder()
                                            .add("objname", "gb/two")
                                            .add("bucket", other)
                                            .add("provider", "ais")
                                            .add("start", 7)
                                            .add("length", -1))
                                    .add(Json.createObjectBuilder()
                                            .add("objname", "gb/one")
                                            .add("bucket", b)
                                            .add("provider", "ais")))
                    .add("mime", ".tar")
                    .add("onob", false)
                    .add("strm", true)
                    .build()
                    .toString();
            Resp r = moss(req);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            List<String> names = new ArrayList<>();
            List<String> data = new ArrayList<>();
            try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(r.body()))) {
                ArchiveEntry e;
                while ((e = t.getNextEntry()) != null) {
                    names.add(e.getName());
                    data.add(new String(t.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertThat(names).containsExactly(b + "/gb/one", other + "/gb/two", b + "/gb/one");
            assertThat(data).containsExactly("234", "hij", "0123456789");
            // the batch shows as AIS's demand-driven get-batch job (kept while idle for a while, as AIS keeps it)
            Poll.until(
                    Duration.ofSeconds(30),
                    "a get-batch job counting the 3 items",
                    () -> Jobs.statTotal(ais, null, "get-batch", "loc-objs") >= 3);

            // an item without a bucket when the path names none; a range past the end
            String noBucket = "{\"in\":[{\"objname\":\"gb/one\"}],\"strm\":true}";
            assertThat(moss(noBucket).status()).isEqualTo(400);
            String past = "{\"in\":[{\"objname\":\"gb/one\",\"bucket\":\"" + b
                    + "\",\"start\":8,\"length\":5}],\"strm\":true}";
            assertThat(moss(past).status()).isEqualTo(416);
        } finally {
            ais.destroyQuietly(other);
        }
    }

    private static Resp moss(String json) {
        return ais.send(
                "GET",
                "/v1/ml/moss",
                Map.of("Content-Type", "application/json"),
                HttpRequest.BodyPublishers.ofString(json),
                AisClient.DEFAULT_TIMEOUT);
    }

    /** The SDK's {@code MultipartUpload}: create, add_part (any size), complete with empty ETags; and abort. */
    @Test
    void nativeMultipartUploadAsTheSdkSendsIt() {
        String path = AisClient.objPath(b, "mpt/obj");
        Resp created = ais.control("POST", path, "{\"action\":\"mpt-upload\",\"name\":\"\",\"value\":null}");
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        String id = created.text();
        assertThat(id).isNotBlank();
        byte[] p1 = PseudoRandomInputStream.bytes(1, 1000);
        byte[] p2 = PseudoRandomInputStream.bytes(2, 300);
        // parts out of order, as parallel writers send them
        putPart(path, id, 2, p2);
        putPart(path, id, 1, p1);
        Resp partial = ais.control(
                "POST",
                path + "?uploadId=" + Names.encodeQuery(id),
                "{\"action\":\"mpt-complete\",\"name\":\"\",\"value\":[{\"part-number\":1,\"etag\":\"\"}]}");
        assertThat(partial.status()).as("%s", partial).isEqualTo(400);
        Resp done = ais.control(
                "POST",
                path + "?uploadId=" + Names.encodeQuery(id),
                "{\"action\":\"mpt-complete\",\"name\":\"\",\"value\":"
                        + "[{\"part-number\":1,\"etag\":\"\"},{\"part-number\":2,\"etag\":\"\"}]}");
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        byte[] whole = new byte[1300];
        System.arraycopy(p1, 0, whole, 0, 1000);
        System.arraycopy(p2, 0, whole, 1000, 300);
        assertThat(ais.get(b, "mpt/obj").body()).isEqualTo(whole);
        // HEAD v2 shows the chunks, as the parallel download reads them
        Resp head = ais.head(b, "mpt/obj", "props=chunked");
        assertThat(head.header("Content-Length")).isEqualTo("1300");
        assertThat(head.header("Ais-Chunks-Count")).isEqualTo("2");
        assertThat(head.header("Ais-Chunks-Max-Chunk-Size")).isEqualTo("1000");

        Resp second = ais.control("POST", path, "{\"action\":\"mpt-upload\"}");
        String id2 = second.text();
        putPart(path, id2, 1, p1);
        Resp aborted =
                ais.control("DELETE", path + "?uploadId=" + Names.encodeQuery(id2), "{\"action\":\"mpt-abort\"}");
        assertThat(aborted.status()).as("%s", aborted).isEqualTo(200);
        Resp late = ais.send(
                "PUT",
                path + "?uploadId=" + Names.encodeQuery(id2) + "&partNumber=2",
                Map.of(),
                HttpRequest.BodyPublishers.ofByteArray(p2),
                AisClient.DEFAULT_TIMEOUT);
        assertThat(late.status()).as("%s", late).isEqualTo(404);
        assertThat(ais.get(b, "mpt/obj").body()).isEqualTo(whole);
    }

    private static void putPart(String path, String id, int n, byte[] data) {
        Resp r = ais.send(
                "PUT",
                path + "?uploadId=" + Names.encodeQuery(id) + "&partNumber=" + n,
                Map.of(),
                HttpRequest.BodyPublishers.ofByteArray(data),
                AisClient.DEFAULT_TIMEOUT);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    /** {@code Cluster.get_node_log} and the per-node status: {@code GET /v1/reverse/daemon} with {@code Ais-Node-Id}. */
    @Test
    void nodeLogAndStatusThroughTheReversePath() {
        String self = ais.daemonId();
        Resp log = ais.send(
                "GET",
                "/v1/reverse/daemon?what=log&severity=info",
                Map.of("Ais-Node-Id", self),
                null,
                AisClient.DEFAULT_TIMEOUT);
        assertThat(log.status()).as("%s", log).isEqualTo(200);
        assertThat(log.header("Content-Type")).startsWith("text/plain");
        // the bucket this class created was logged
        assertThat(log.text()).contains("created bucket ais://" + b);
        assertThat(log.text().lines()).allSatisfy(l -> assertThat(l).matches("[IWE] \\d\\d:\\d\\d:.*"));
        Resp errors = ais.send(
                "GET",
                "/v1/reverse/daemon?what=log&severity=error",
                Map.of("Ais-Node-Id", self),
                null,
                AisClient.DEFAULT_TIMEOUT);
        assertThat(errors.text().lines()).allSatisfy(l -> assertThat(l).startsWith("E "));
        Resp status = ais.send(
                "GET",
                "/v1/reverse/daemon?what=node_status",
                Map.of("Ais-Node-Id", self),
                null,
                AisClient.DEFAULT_TIMEOUT);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.text()).startsWith("{");
        Resp unknown = ais.send(
                "GET",
                "/v1/reverse/daemon?what=log",
                Map.of("Ais-Node-Id", "no-such-node"),
                null,
                AisClient.DEFAULT_TIMEOUT);
        assertThat(unknown.status()).isEqualTo(404);
    }

    /** {@code list_running_jobs()} right after a multi-object job started (and already finished) still lists it. */
    @Test
    void aFinishedMultiObjectJobStaysListedForAWhile() {
        for (int i = 0; i < 3; i++) {
            ais.put(b, "lr/o" + i, new byte[] {(byte) i}).expect(200);
        }
        String id = ais.control(
                        "DELETE",
                        AisClient.bckPath(b),
                        "{\"action\":\"delete-listrange\",\"value\":{\"objnames\":[\"lr/o0\",\"lr/o1\",\"lr/o2\"]}}")
                .expect(200)
                .text()
                .replace("\"", "");
        Poll.until(
                Duration.ofSeconds(60),
                "the three objects deleted",
                () -> ais.listNames(b, "lr/").isEmpty());
        String running = ais.control(
                        "GET", "/v1/cluster?what=running_all", "{\"kind\":\"delete-listrange\",\"active\":true}")
                .expect(200)
                .text();
        assertThat(running).contains("delete-listrange[" + id + "]");
    }

    /** {@code Bucket.summary()} and {@code Bucket.info()}: 202 with a job id first, then 200 when polled with it. */
    @Test
    void bucketSummaryAndInfoAreAsynchronousAsInAis() {
        ais.put(b, "sum/one", new byte[100]).expect(200);
        String first = "{\"action\":\"summary-bck\",\"value\":{\"uuid\":\"\",\"prefix\":\"sum/\",\"cached\":true,"
                + "\"present\":true}}";
        Resp started = ais.control("GET", AisClient.bckPath(b), first);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String job = started.text().replace("\"", "");
        assertThat(job).isNotBlank();
        Resp done =
                ais.control("GET", AisClient.bckPath(b), first.replace("\"uuid\":\"\"", "\"uuid\":\"" + job + "\""));
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(done.text()).contains("\"name\":\"" + b + "\"").contains("\"obj_count_present\":\"1\"");

        Resp info = ais.send("HEAD", AisClient.bckPath(b) + "?provider=ais&presence=2&bsumm_remote=true");
        assertThat(info.status()).as("%s", info).isEqualTo(202);
        assertThat(info.header("Ais-Bucket-Props")).contains("\"provider\":\"ais\"");
        String xid = info.header("Ais-Xaction-Id");
        assertThat(xid).isNotBlank();
        Resp polled = ais.send("HEAD", AisClient.bckPath(b) + "?provider=ais&presence=2&bsumm_remote=true&uuid=" + xid);
        assertThat(polled.status()).isEqualTo(200);
        assertThat(polled.header("Ais-Bucket-Summ")).contains("\"name\":\"" + b + "\"");
        // a plain HEAD is the props alone, at once
        assertThat(ais.headBucket(b).status()).isEqualTo(200);
    }
}
