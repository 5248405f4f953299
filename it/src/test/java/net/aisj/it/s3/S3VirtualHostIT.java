package net.aisj.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Virtual-hosted-style addressing ({@code Host: {bucket}.s3.test}, the node runs with {@code ais.s3.domains}):
 * SigV4-signed requests for the virtual host reach the same buckets and objects as path style. Sent over a raw
 * socket to loopback, since the name does not resolve and the JDK's client does not let a caller set Host.
 */
class S3VirtualHostIT {

    @Test
    void virtualHostedRequestsReachTheSameObjects() throws Exception {
        String bucket = "vh-" + Long.toHexString(System.nanoTime());
        var s3 = S3Node.client();
        s3.createBucket(b -> b.bucket(bucket));
        int port = URI.create(S3Node.baseUrl()).getPort();
        String host = bucket + "." + S3Node.VIRTUAL_HOST_DOMAIN + ":" + port;
        byte[] body = "virtual hosted ü".getBytes(StandardCharsets.UTF_8);

        Raw put = send("PUT", host, "/dir/a%20b.txt", body);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/a b.txt")).asByteArray())
                .isEqualTo(body);

        s3.putObject(b -> b.bucket(bucket).key("path/style.txt"), RequestBody.fromString("from path style"));
        Raw get = send("GET", host, "/path/style.txt", new byte[0]);
        assertThat(get.status()).as(get.text()).isEqualTo(200);
        assertThat(get.text()).isEqualTo("from path style");

        Raw list = send("GET", host, "/", new byte[0]);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.text())
                .contains("<Name>" + bucket + "</Name>")
                .contains("<Key>dir/a b.txt</Key>")
                .contains("<Key>path/style.txt</Key>");

        Raw missing = send("GET", host, "/nope", new byte[0]);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("<Code>NoSuchKey</Code>");

        Raw forged =
                send("GET", "other." + S3Node.VIRTUAL_HOST_DOMAIN + ":" + port, "/path/style.txt", new byte[0], host);
        assertThat(forged.status()).as("signed for another host").isEqualTo(403);

        s3.deleteObject(b -> b.bucket(bucket).key("dir/a b.txt"));
        s3.deleteObject(b -> b.bucket(bucket).key("path/style.txt"));
        s3.deleteBucket(b -> b.bucket(bucket));
    }

    record Raw(int status, String text) {}

    private static Raw send(String method, String host, String rawPath, byte[] body) throws IOException {
        return send(method, host, rawPath, body, host);
    }

    /** Signs for {@code signedHost}, sends with {@code Host: host} to the node's loopback port. */
    private static Raw send(String method, String host, String rawPath, byte[] body, String signedHost)
            throws IOException {
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(S3Node.ACCESS_KEY, S3Node.SECRET_KEY))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.fromValue(method))
                                .uri(URI.create("http://" + signedHost + rawPath))
                                .build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        StringBuilder req =
                new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n");
        req.append("Host: ").append(host).append("\r\n");
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host")) {
                req.append(h.getKey())
                        .append(": ")
                        .append(String.join(",", h.getValue()))
                        .append("\r\n");
            }
        }
        req.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        int port = URI.create(S3Node.baseUrl()).getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(s.getInputStream());
        }
    }

    private static Raw parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String resp = all.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(resp.substring(9, 12));
        int split = resp.indexOf("\r\n\r\n");
        String head = resp.substring(0, split);
        String rest = resp.substring(split + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            StringBuilder b = new StringBuilder();
            int pos = 0;
            while (true) {
                int eol = rest.indexOf("\r\n", pos);
                int n = Integer.parseInt(rest.substring(pos, eol).trim(), 16);
                if (n == 0) {
                    break;
                }
                b.append(rest, eol + 2, eol + 2 + n);
                pos = eol + 2 + n + 2;
            }
            rest = b.toString();
        }
        return new Raw(status, rest);
    }
}
