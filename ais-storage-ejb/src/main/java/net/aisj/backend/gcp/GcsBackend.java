package net.aisj.backend.gcp;

import com.google.api.gax.paging.Page;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.BaseServiceException;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.aisj.backend.Backend;
import net.aisj.backend.BackendException;
import net.aisj.backend.CheckedStream;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.backend.RemoteRead;

/**
 * Google Cloud Storage through the Google Cloud Java client on the JSON API (HTTP): a bucket is a GCS bucket, the
 * object's generation its version. A read first asks for the object's metadata, then streams the content of exactly
 * that generation (an object rewritten mid-read fails the read rather than mixing two contents); writes are resumable
 * uploads in 8 MiB chunks. Thread-safe; one client per node.
 */
public final class GcsBackend implements Backend, AutoCloseable {

    static final int UPLOAD_CHUNK = 8 << 20;
    static final int MAX_PAGE = 1000;

    private final GcsSettings settings;
    private final Storage gcs;

    public GcsBackend(GcsSettings settings) {
        this.settings = settings;
        StorageOptions.Builder b = StorageOptions.http()
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(5_000)
                        .setReadTimeout(60_000)
                        .build())
                // a few quick tries: a backend that is down answers with a 5xx within seconds, not minutes
                .setRetrySettings(RetrySettings.newBuilder()
                        .setMaxAttempts(3)
                        .setInitialRetryDelayDuration(Duration.ofMillis(200))
                        .setRetryDelayMultiplier(2.0)
                        .setMaxRetryDelayDuration(Duration.ofSeconds(2))
                        .setTotalTimeoutDuration(Duration.ofSeconds(30))
                        .setInitialRpcTimeoutDuration(Duration.ofSeconds(60))
                        .setMaxRpcTimeoutDuration(Duration.ofSeconds(60))
                        .setRpcTimeoutMultiplier(1.0)
                        .build());
        if (!settings.project().isEmpty()) {
            b.setProjectId(settings.project());
        }
        if (!settings.endpoint().isEmpty()) {
            b.setHost(settings.endpoint()).setCredentials(NoCredentials.getInstance());
            if (settings.project().isEmpty()) {
                b.setProjectId("aisj-emulator");
            }
        } else if (!settings.credentialsFile().isEmpty()) {
            try (InputStream in = Files.newInputStream(Path.of(settings.credentialsFile()))) {
                b.setCredentials(GoogleCredentials.fromStream(in));
            } catch (IOException e) {
                throw new BackendException(
                        BackendException.Kind.BAD_REQUEST,
                        "cannot read GOOGLE_APPLICATION_CREDENTIALS " + settings.credentialsFile() + ": " + e,
                        e);
            }
        }
        this.gcs = b.build().getService();
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public String describe() {
        return "gcp (" + (settings.endpoint().isEmpty() ? "https://storage.googleapis.com" : settings.endpoint()) + ")";
    }

    @Override
    public void headBucket(String bucket) {
        try {
            // a one-entry listing: it needs only object-list permission and works on the emulator (no bucket GET)
            gcs.list(bucket, Storage.BlobListOption.pageSize(1), Storage.BlobListOption.fields());
        } catch (RuntimeException e) {
            throw map(e, true);
        }
    }

    @Override
    public RemoteObject headObject(String bucket, String name) {
        return object(name, blob(bucket, name));
    }

    private Blob blob(String bucket, String name) {
        Blob b;
        try {
            b = gcs.get(BlobId.of(bucket, name));
        } catch (RuntimeException e) {
            throw map(e, false);
        }
        if (b == null) {
            throw new BackendException(
                    BackendException.Kind.OBJECT_NOT_FOUND, "gs://" + bucket + "/" + name + " not found", null);
        }
        return b;
    }

    @Override
    public RemotePage list(String bucket, String prefix, String token, int pageSize) {
        String after = token == null ? "" : token;
        int want = Math.max(1, Math.min(pageSize, MAX_PAGE));
        List<Storage.BlobListOption> opts = new ArrayList<>();
        opts.add(Storage.BlobListOption.pageSize(Math.min(want + 1, MAX_PAGE)));
        if (prefix != null && !prefix.isEmpty()) {
            opts.add(Storage.BlobListOption.prefix(prefix));
        }
        if (!after.isEmpty()) {
            // inclusive: the name itself is skipped below (as is all before it, should the server ignore it)
            opts.add(Storage.BlobListOption.startOffset(after));
        }
        List<RemoteObject> out = new ArrayList<>(want);
        boolean more = false;
        try {
            Page<Blob> page = gcs.list(bucket, opts.toArray(new Storage.BlobListOption[0]));
            pages:
            while (page != null) {
                for (Blob bl : page.getValues()) {
                    if (!after.isEmpty() && bl.getName().compareTo(after) <= 0) {
                        continue;
                    }
                    if (out.size() == want) {
                        more = true;
                        break pages;
                    }
                    out.add(object(bl.getName(), bl));
                }
                if (!page.hasNextPage()) {
                    break;
                }
                if (out.size() == want) {
                    more = true;
                    break;
                }
                page = page.getNextPage();
            }
        } catch (RuntimeException e) {
            throw map(e, true);
        }
        return new RemotePage(
                out, more && !out.isEmpty() ? out.get(out.size() - 1).name() : "");
    }

    @Override
    public RemoteRead get(String bucket, String name, long offset, long length) {
        Blob b = blob(bucket, name);
        RemoteObject meta = object(name, b);
        try {
            ReadChannel rc = gcs.reader(BlobId.of(bucket, name, b.getGeneration()));
            if (offset > 0) {
                rc.seek(offset);
            }
            if (length >= 0) {
                rc = rc.limit(offset + length);
            }
            return new RemoteRead(
                    meta, new CheckedStream(Channels.newInputStream(rc), "gcs read of " + bucket + "/" + name));
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, String.valueOf(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw map(e, false);
        }
    }

    @Override
    public RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> custom) {
        BlobInfo.Builder info = BlobInfo.newBuilder(BlobId.of(bucket, name));
        if (custom != null && !custom.isEmpty()) {
            info.setMetadata(custom);
        }
        try {
            Blob b = gcs.createFrom(info.build(), in, UPLOAD_CHUNK);
            return object(name, b);
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, String.valueOf(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw map(e, true);
        }
    }

    @Override
    public void delete(String bucket, String name) {
        boolean deleted;
        try {
            deleted = gcs.delete(BlobId.of(bucket, name));
        } catch (RuntimeException e) {
            throw map(e, false);
        }
        if (!deleted) {
            throw new BackendException(
                    BackendException.Kind.OBJECT_NOT_FOUND, "gs://" + bucket + "/" + name + " not found", null);
        }
    }

    @Override
    public List<String> listBuckets() {
        try {
            List<String> out = new ArrayList<>();
            gcs.list().iterateAll().forEach(b -> out.add(b.getName()));
            return out;
        } catch (RuntimeException e) {
            throw map(e, true);
        }
    }

    @Override
    public void close() {
        try {
            gcs.close();
        } catch (Exception e) {
            // nothing held open that matters at shutdown
        }
    }

    private static RemoteObject object(String name, Blob b) {
        return new RemoteObject(
                name,
                b.getSize() == null ? 0 : b.getSize(),
                b.getEtag(),
                b.getGeneration() == null ? "" : Long.toString(b.getGeneration()),
                b.getUpdateTimeOffsetDateTime() == null
                        ? 0
                        : b.getUpdateTimeOffsetDateTime().toInstant().toEpochMilli(),
                b.getMetadata());
    }

    /** The client's failures as typed backend errors; {@code bucketCall} says what a bare 404 means. */
    static BackendException map(RuntimeException e, boolean bucketCall) {
        if (e instanceof BackendException be) {
            return be;
        }
        if (e instanceof BaseServiceException s && s.getCode() > 0) {
            int st = s.getCode();
            BackendException.Kind k = st == 404
                    ? (bucketCall ? BackendException.Kind.BUCKET_NOT_FOUND : BackendException.Kind.OBJECT_NOT_FOUND)
                    : st == 403 || st == 401
                            ? BackendException.Kind.ACCESS_DENIED
                            : st >= 500 ? BackendException.Kind.UNAVAILABLE : BackendException.Kind.BAD_REQUEST;
            return new BackendException(k, "HTTP " + st + ": " + s.getMessage(), e);
        }
        return new BackendException(BackendException.Kind.UNAVAILABLE, BackendException.causes(e), e);
    }
}
