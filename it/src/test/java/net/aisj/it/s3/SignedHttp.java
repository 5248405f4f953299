package net.aisj.it.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Raw HTTP requests signed with the SDK's own SigV4 signer (for calls the SDK client refuses to make, and for
 * checking wire details such as error bodies), sent with {@link HttpClient}.
 */
final class SignedHttp {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SignedHttp() {}

    /** Signs {@code method url} (payload hash included) with the given key, adds {@code headers}, sends it. */
    static HttpResponse<String> send(
            String method, String url, Map<String, String> headers, byte[] body, String accessKey, String secretKey) {
        SdkHttpRequest.Builder rb =
                SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(URI.create(url));
        headers.forEach(rb::putHeader);
        byte[] payload = body == null ? new byte[0] : body;
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                        .request(rb.build())
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        return unsigned(
                method,
                signed.request().getUri().toString(),
                signed.request().headers().entrySet().stream()
                        .filter(e -> !e.getKey().equalsIgnoreCase("Host"))
                        .collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, e -> String.join(",", e.getValue()))),
                payload);
    }

    /** Signed (payload hash included) for {@code signedBody} but sent with {@code sentBody}. */
    static HttpResponse<String> sendTampered(String method, String url, byte[] signedBody, byte[] sentBody) {
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(S3Node.ACCESS_KEY, S3Node.SECRET_KEY))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.fromValue(method))
                                .uri(URI.create(url))
                                .build())
                        .payload(ContentStreamProvider.fromByteArray(signedBody))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        return unsigned(
                method,
                url,
                signed.request().headers().entrySet().stream()
                        .filter(e -> !e.getKey().equalsIgnoreCase("Host"))
                        .collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, e -> String.join(",", e.getValue()))),
                sentBody);
    }

    static HttpResponse<String> send(String method, String url, Map<String, String> headers, byte[] body) {
        return send(method, url, headers, body, S3Node.ACCESS_KEY, S3Node.SECRET_KEY);
    }

    static HttpResponse<String> unsigned(String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null || body.length == 0 && !method.equals("PUT")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The {@code <Code>} of an S3 error body. */
    static String code(HttpResponse<String> r) {
        String b = r.body();
        int i = b.indexOf("<Code>");
        int j = b.indexOf("</Code>");
        return i < 0 || j < i ? "" : b.substring(i + 6, j);
    }
}
