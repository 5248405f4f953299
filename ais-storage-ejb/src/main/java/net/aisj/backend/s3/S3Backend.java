package net.aisj.backend.s3;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.backend.Backend;
import net.aisj.backend.BackendException;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.backend.RemoteRead;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 through the AWS SDK v2 (sync client on Apache HttpClient 5): AWS, or any S3-compatible endpoint with path-style
 * addressing when an endpoint is set. Credentials: the named profile, else the SDK's default chain
 * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, config files, instance roles).
 * Thread-safe; one client per settings (close it with {@link #close()}).
 */
public final class S3Backend implements Backend, AutoCloseable {

    private static final Region FALLBACK_REGION = Region.US_EAST_1;

    private final S3Settings settings;
    private final S3Client s3;

    public S3Backend(S3Settings settings) {
        this.settings = settings;
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(256)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .credentialsProvider(credentials(settings))
                .region(region(settings));
        if (!settings.endpoint().isEmpty()) {
            b.endpointOverride(URI.create(settings.endpoint())).forcePathStyle(true);
        }
        this.s3 = b.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings s) {
        return s.profile().isEmpty()
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(s.profile());
    }

    private static Region region(S3Settings s) {
        if (!s.region().isEmpty()) {
            return Region.of(s.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return FALLBACK_REGION;
        }
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public String describe() {
        return "aws (s3 " + (settings.endpoint().isEmpty() ? "AWS" : settings.endpoint()) + ")";
    }

    @Override
    public void headBucket(String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (SdkException e) {
            throw map(e, true);
        }
    }

    @Override
    public RemoteObject headObject(String bucket, String name) {
        try {
            HeadObjectResponse h = s3.headObject(r -> r.bucket(bucket).key(name));
            return new RemoteObject(
                    name,
                    h.contentLength(),
                    h.eTag(),
                    h.versionId(),
                    h.lastModified() == null ? 0 : h.lastModified().toEpochMilli(),
                    h.metadata());
        } catch (SdkException e) {
            throw map(e, false);
        }
    }

    @Override
    public RemotePage list(String bucket, String prefix, String token, int pageSize) {
        try {
            ListObjectsV2Response r = s3.listObjectsV2(b -> {
                b.bucket(bucket).maxKeys(Math.max(1, Math.min(pageSize, 1000)));
                if (prefix != null && !prefix.isEmpty()) {
                    b.prefix(prefix);
                }
                if (token != null && !token.isEmpty()) {
                    b.startAfter(token);
                }
            });
            List<RemoteObject> out = new ArrayList<>(r.contents().size());
            for (S3Object o : r.contents()) {
                out.add(new RemoteObject(
                        o.key(),
                        o.size() == null ? 0 : o.size(),
                        o.eTag(),
                        "",
                        o.lastModified() == null ? 0 : o.lastModified().toEpochMilli(),
                        Map.of()));
            }
            return new RemotePage(
                    out,
                    Boolean.TRUE.equals(r.isTruncated()) && !out.isEmpty()
                            ? out.get(out.size() - 1).name()
                            : "");
        } catch (SdkException e) {
            throw map(e, true);
        }
    }

    @Override
    public RemoteRead get(String bucket, String name, long offset, long length) {
        GetObjectRequest.Builder b = GetObjectRequest.builder().bucket(bucket).key(name);
        if (offset > 0 || length >= 0) {
            b.range("bytes=" + offset + "-" + (length >= 0 ? Long.toString(offset + length - 1) : ""));
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b.build());
            GetObjectResponse h = in.response();
            long size = h.contentLength();
            String cr = h.contentRange();
            if (cr != null && cr.contains("/")) {
                size = Long.parseLong(cr.substring(cr.lastIndexOf('/') + 1).trim());
            }
            return new RemoteRead(
                    new RemoteObject(
                            name,
                            size,
                            h.eTag(),
                            h.versionId(),
                            h.lastModified() == null ? 0 : h.lastModified().toEpochMilli(),
                            h.metadata()),
                    abortable(in));
        } catch (SdkException e) {
            throw map(e, false);
        }
    }

    /** Closing before the end aborts the connection instead of draining the rest of the object. */
    private static InputStream abortable(ResponseInputStream<GetObjectResponse> body) {
        return new java.io.FilterInputStream(body) {
            private boolean eof;
            private long left = body.response().contentLength() == null
                    ? Long.MAX_VALUE
                    : body.response().contentLength();

            @Override
            public int read() throws java.io.IOException {
                int b = super.read();
                eof |= b < 0 || --left == 0;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                left -= Math.max(n, 0);
                eof |= n < 0 || left == 0;
                return n;
            }

            @Override
            public void close() throws java.io.IOException {
                if (!eof) {
                    body.abort();
                }
                super.close();
            }
        };
    }

    @Override
    public RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> custom) {
        try {
            PutObjectResponse r = s3.putObject(
                    b -> b.bucket(bucket).key(name).contentLength(length).metadata(custom),
                    RequestBody.fromInputStream(in, length));
            return new RemoteObject(name, length, r.eTag(), r.versionId(), System.currentTimeMillis(), custom);
        } catch (SdkException e) {
            throw map(e, true);
        }
    }

    @Override
    public void delete(String bucket, String name) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(name));
        } catch (SdkException e) {
            throw map(e, false);
        }
    }

    @Override
    public List<String> listBuckets() {
        try {
            return s3.listBuckets().buckets().stream().map(b -> b.name()).toList();
        } catch (SdkException e) {
            throw map(e, true);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /** The SDK's failures as typed backend errors; {@code bucketCall} says what a bare 404 means. */
    static BackendException map(SdkException e, boolean bucketCall) {
        if (e instanceof NoSuchKeyException) {
            return new BackendException(BackendException.Kind.OBJECT_NOT_FOUND, msg(e), e);
        }
        if (e instanceof NoSuchBucketException) {
            return new BackendException(
                    bucketCall ? BackendException.Kind.BUCKET_NOT_FOUND : BackendException.Kind.OBJECT_NOT_FOUND,
                    msg(e),
                    e);
        }
        if (e instanceof S3Exception s) {
            int st = s.statusCode();
            BackendException.Kind k = st == 404
                    ? (bucketCall ? BackendException.Kind.BUCKET_NOT_FOUND : BackendException.Kind.OBJECT_NOT_FOUND)
                    : st == 403 || st == 401
                            ? BackendException.Kind.ACCESS_DENIED
                            : st >= 500 ? BackendException.Kind.UNAVAILABLE : BackendException.Kind.BAD_REQUEST;
            return new BackendException(k, "HTTP " + st + ": " + msg(e), e);
        }
        return new BackendException(BackendException.Kind.UNAVAILABLE, msg(e), e);
    }

    private static String msg(Throwable e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        return c != null && c.getMessage() != null && (m == null || !m.contains(c.getMessage()))
                ? m + " (" + c.getMessage() + ")"
                : String.valueOf(m);
    }
}
