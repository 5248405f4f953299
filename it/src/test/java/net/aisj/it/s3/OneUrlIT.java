package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.aisj.it.support.AisClient;
import net.aisj.it.support.JsonUtil;
import net.aisj.it.support.Lso;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One URL per node (the uber-jar's default): the data plane holds the node's port and hands every call it does not
 * serve itself to Payara on loopback, so the whole API, S3 and the console answer on that one port, and what Grizzly
 * would refuse before our code sees it works on every call: AIS object names with a backslash ({@code %5C}) and S3
 * user metadata sent as raw UTF-8 bytes.
 */
class OneUrlIT {

    private static final String CAFE = "café ☕ ß";

    static S3Client s3;
    static String bucket;

    @BeforeAll
    static void setUp() {
        s3 = S3Node.client();
        bucket = S3Node.bucketName("oneurl");
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void tearDown() {
        S3Node.ais().destroyQuietly(bucket);
    }

    @Test
    void theClusterMapPublishesTheOnePortThatServesEverything() throws Exception {
        AisClient ais = S3Node.ais();
        JsonObject smap = ais.daemon("smap").expect(200).json();
        JsonObject self = smap.getJsonObject("tmap").values().iterator().next().asJsonObject();
        assertThat(JsonUtil.str(self.getJsonObject("public_net"), "direct_url")).isEqualTo(S3Node.baseUrl());
        // control calls (handed off), the console and S3 listings answer on the same port
        assertThat(ais.send("GET", "/v1/buckets").expect(200).text()).contains(bucket);
        HttpResponse<String> console = SignedHttp.HTTP.send(
                HttpRequest.newBuilder(URI.create(S3Node.baseUrl() + "/console/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("<html");
        assertThat(s3.listBuckets().buckets())
                .anySatisfy(b -> assertThat(b.name()).isEqualTo(bucket));
    }

    @Test
    void nativeNamesWithABackslashRoundTripOnEveryCall() {
        AisClient ais = S3Node.ais();
        String name = "dir\\name\\.txt"; // sent as dir%5Cname%5C.txt
        assertThat(AisClient.objPath(bucket, name)).endsWith("/dir%5Cname%5C.txt");
        ais.put(bucket, name, "backslash".getBytes(StandardCharsets.UTF_8)).expect(200);
        assertThat(ais.get(bucket, name).expect(200).text()).isEqualTo("backslash");
        ais.head(bucket, name).expect(200);
        // listing and renaming (handed off) show the decoded name; DELETE (handed off) removes exactly it
        assertThat(ais.listEntries(bucket, new Lso.Msg(), false).stream().map(Lso.Entry::name))
                .contains(name);
        ais.rename(bucket, name, name + "\\2").expect(200);
        assertThat(ais.get(bucket, name + "\\2").expect(200).text()).isEqualTo("backslash");
        ais.delete(bucket, name + "\\2").expect(200);
        ais.get(bucket, name + "\\2").expect(404);
        ais.get(bucket, name).expect(404);
    }

    @Test
    void s3KeysWithABackslashWorkForSimpleAndMultipartCalls() {
        String key = "a\\b\\c.bin";
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("simple"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String())
                .isEqualTo("simple");
        assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).contentLength())
                .isEqualTo(6);
        String mpKey = "mp\\key";
        String upload =
                s3.createMultipartUpload(r -> r.bucket(bucket).key(mpKey)).uploadId();
        String etag = s3.uploadPart(
                        r -> r.bucket(bucket).key(mpKey).uploadId(upload).partNumber(1),
                        RequestBody.fromString("part one"))
                .eTag();
        s3.completeMultipartUpload(r -> r.bucket(bucket)
                .key(mpKey)
                .uploadId(upload)
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(mpKey)).asUtf8String())
                .isEqualTo("part one");
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("a\\")).contents().stream()
                        .map(S3Object::key)
                        .toList())
                .containsExactly(key);
        s3.copyObject(r ->
                r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key + ".copy"));
        s3.deleteObject(r -> r.bucket(bucket).key(key));
        s3.deleteObject(r -> r.bucket(bucket).key(key + ".copy"));
        s3.deleteObject(r -> r.bucket(bucket).key(mpKey));
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void rawUtf8MetadataIsAcceptedAndReturnedOnTheDataPathAndOnHandedOffCalls() throws IOException {
        // PutObject: served by the data plane itself
        String put = rawSigned("PUT", "/" + bucket + "/meta-put", Map.of("x-amz-meta-name", CAFE), "body");
        assertThat(put).startsWith("HTTP/1.1 200");
        assertThat(metaOf("meta-put")).isEqualTo(CAFE);
        // CreateMultipartUpload (?uploads): handed off to the servlet container
        String init = rawSigned("POST", "/" + bucket + "/meta-mpu?uploads", Map.of("x-amz-meta-name", CAFE), "");
        assertThat(init).startsWith("HTTP/1.1 200");
        String upload = init.replaceAll("(?s).*<UploadId>([^<]+)</UploadId>.*", "$1");
        String etag = s3.uploadPart(
                        r -> r.bucket(bucket).key("meta-mpu").uploadId(upload).partNumber(1),
                        RequestBody.fromString("mp"))
                .eTag();
        s3.completeMultipartUpload(r -> r.bucket(bucket)
                .key("meta-mpu")
                .uploadId(upload)
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertThat(metaOf("meta-mpu")).isEqualTo(CAFE);
    }

    /** The user metadata value {@code name} of {@code key}, as S3 sends non-ASCII values (RFC 2047, UTF-8, base64). */
    private static String metaOf(String key) {
        String v = s3.headObject(r -> r.bucket(bucket).key(key)).metadata().get("name");
        assertThat(v).startsWith("=?UTF-8?B?").endsWith("?=");
        return new String(
                Base64.getDecoder().decode(v.substring("=?UTF-8?B?".length(), v.length() - 2)), StandardCharsets.UTF_8);
    }

    /**
     * A request signed with the SDK's SigV4 signer and written on a plain socket with its header values as raw UTF-8
     * bytes (what some SDKs send; Java's HTTP client refuses to). Returns the whole answer.
     */
    private static String rawSigned(String method, String pathAndQuery, Map<String, String> headers, String body)
            throws IOException {
        URI uri = URI.create(S3Node.baseUrl() + pathAndQuery);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder rb =
                SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(rb::putHeader);
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(S3Node.ACCESS_KEY, S3Node.SECRET_KEY))
                        .request(rb.build())
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(signed.request().headers());
        StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
        all.forEach((k, vs) ->
                head.append(k).append(": ").append(String.join(",", vs)).append("\r\n"));
        if (!all.containsKey("Host")) {
            head.append("Host: ")
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append("\r\n");
        }
        head.append("Content-Length: ").append(payload.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(payload);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
