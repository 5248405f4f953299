package net.aisj.backend.azure;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.aisj.backend.Backend;
import net.aisj.backend.BackendException;
import net.aisj.backend.CheckedStream;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.backend.RemoteRead;

/**
 * Azure Blob Storage through the Azure SDK for Java (sync clients on the JDK HTTP client): a bucket is a container,
 * an object a block blob; the blob's ETag is its version. Reads stream in 4 MiB ranged requests pinned to the ETag
 * the first one saw (a blob that changes mid-read fails the read); writes go up in 8 MiB blocks once an object is
 * over 32 MiB (at most two blocks in memory). Thread-safe; one client per settings.
 */
public final class AzureBackend implements Backend {

    static final int READ_BLOCK = 4 << 20;
    static final long UPLOAD_BLOCK = 8L << 20;
    static final long SINGLE_UPLOAD_MAX = 32L << 20;
    /** Azure's largest list page. */
    static final int MAX_PAGE = 5000;

    private final AzureSettings settings;
    private final BlobServiceClient svc;

    public AzureBackend(AzureSettings settings) {
        if (!settings.configured()) {
            throw new BackendException(
                    BackendException.Kind.BAD_REQUEST,
                    "Azure is not configured on this node: set AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY (and"
                            + " AIS_AZURE_URL for an endpoint other than Azure's), or AZURE_STORAGE_CONNECTION_STRING",
                    null);
        }
        this.settings = settings;
        BlobServiceClientBuilder b = new BlobServiceClientBuilder()
                .httpClient(new JdkHttpClientBuilder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .build())
                // a few quick tries: a backend that is down answers with a 5xx within seconds, not minutes
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, 60, 200L, 2000L, null));
        if (!settings.connectionString().isEmpty()) {
            b.connectionString(settings.connectionString());
        } else {
            b.endpoint(settings.blobEndpoint())
                    .credential(new StorageSharedKeyCredential(settings.account(), settings.key()));
        }
        this.svc = b.buildClient();
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public String describe() {
        return "azure (" + (settings.blobEndpoint().isEmpty() ? svc.getAccountUrl() : settings.blobEndpoint()) + ")";
    }

    @Override
    public void headBucket(String bucket) {
        try {
            svc.getBlobContainerClient(bucket).getProperties();
        } catch (RuntimeException e) {
            throw map(e, true);
        }
    }

    @Override
    public RemoteObject headObject(String bucket, String name) {
        try {
            return object(name, blob(bucket, name).getProperties());
        } catch (RuntimeException e) {
            throw map(e, false);
        }
    }

    @Override
    public RemotePage list(String bucket, String prefix, String token, int pageSize) {
        String after = token == null ? "" : token;
        int want = Math.max(1, Math.min(pageSize, MAX_PAGE));
        ListBlobsOptions o = new ListBlobsOptions().setMaxResultsPerPage(Math.min(want + 1, MAX_PAGE));
        if (prefix != null && !prefix.isEmpty()) {
            o.setPrefix(prefix);
        }
        if (!after.isEmpty()) {
            // inclusive: the name itself is skipped below (as is all before it, should the service ignore it)
            o.setStartFrom(after);
        }
        List<RemoteObject> out = new ArrayList<>(want);
        boolean more = false;
        try {
            BlobContainerClient c = svc.getBlobContainerClient(bucket);
            pages:
            for (PagedResponse<BlobItem> page : c.listBlobs(o, null).iterableByPage()) {
                Iterator<BlobItem> it = page.getValue().iterator();
                while (it.hasNext()) {
                    BlobItem bi = it.next();
                    if (!after.isEmpty() && bi.getName().compareTo(after) <= 0) {
                        continue;
                    }
                    if (out.size() == want) {
                        more = true;
                        break pages;
                    }
                    out.add(object(bi));
                }
                if (page.getContinuationToken() == null) {
                    break;
                }
                if (out.size() == want) {
                    more = true;
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw map(e, true);
        }
        return new RemotePage(
                out, more && !out.isEmpty() ? out.get(out.size() - 1).name() : "");
    }

    @Override
    public RemoteRead get(String bucket, String name, long offset, long length) {
        BlobInputStreamOptions o = new BlobInputStreamOptions().setBlockSize(READ_BLOCK);
        if (offset > 0 || length >= 0) {
            o.setRange(new BlobRange(offset, length >= 0 ? length : null));
        }
        try {
            BlobInputStream in = blob(bucket, name).openInputStream(o, Context.NONE);
            return new RemoteRead(
                    object(name, in.getProperties()), new CheckedStream(in, "azure read of " + bucket + "/" + name));
        } catch (RuntimeException e) {
            throw map(e, false);
        }
    }

    @Override
    public RemoteObject put(String bucket, String name, InputStream in, long length, Map<String, String> custom) {
        BlobParallelUploadOptions o = new BlobParallelUploadOptions(BinaryData.fromStream(in, length))
                .setParallelTransferOptions(new ParallelTransferOptions()
                        .setBlockSizeLong(UPLOAD_BLOCK)
                        .setMaxSingleUploadSizeLong(SINGLE_UPLOAD_MAX)
                        .setMaxConcurrency(2));
        if (custom != null && !custom.isEmpty()) {
            o.setMetadata(custom);
        }
        try {
            Response<BlockBlobItem> r = blob(bucket, name).uploadWithResponse(o, null, Context.NONE);
            BlockBlobItem item = r.getValue();
            OffsetDateTime t = item.getLastModified();
            return new RemoteObject(
                    name,
                    length,
                    item.getETag(),
                    item.getETag(),
                    t == null ? System.currentTimeMillis() : t.toInstant().toEpochMilli(),
                    custom);
        } catch (RuntimeException e) {
            throw map(e, true);
        }
    }

    @Override
    public void delete(String bucket, String name) {
        try {
            blob(bucket, name).delete();
        } catch (RuntimeException e) {
            throw map(e, false);
        }
    }

    @Override
    public List<String> listBuckets() {
        try {
            List<String> out = new ArrayList<>();
            svc.listBlobContainers().forEach(c -> out.add(c.getName()));
            return out;
        } catch (RuntimeException e) {
            throw map(e, true);
        }
    }

    private BlobClient blob(String bucket, String name) {
        return svc.getBlobContainerClient(bucket).getBlobClient(name);
    }

    private static RemoteObject object(String name, BlobProperties p) {
        return new RemoteObject(
                name,
                p.getBlobSize(),
                p.getETag(),
                p.getETag(),
                p.getLastModified() == null
                        ? 0
                        : p.getLastModified().toInstant().toEpochMilli(),
                p.getMetadata());
    }

    private static RemoteObject object(BlobItem bi) {
        BlobItemProperties p = bi.getProperties();
        return new RemoteObject(
                bi.getName(),
                p.getContentLength() == null ? 0 : p.getContentLength(),
                p.getETag(),
                p.getETag(),
                p.getLastModified() == null
                        ? 0
                        : p.getLastModified().toInstant().toEpochMilli(),
                bi.getMetadata());
    }

    /**
     * The SDK's failures as typed backend errors; {@code bucketCall} says what a bare 404 means (a missing container
     * is "no such object" for an object call, as AIS reports it).
     */
    static BackendException map(RuntimeException e, boolean bucketCall) {
        if (e instanceof BackendException be) {
            return be;
        }
        if (e instanceof BlobStorageException s) {
            int st = s.getStatusCode();
            BlobErrorCode code = s.getErrorCode();
            String msg = "HTTP " + st + (code == null ? "" : " " + code) + ": " + firstLine(s.getServiceMessage());
            BackendException.Kind k;
            if (st == 404) {
                k = bucketCall && !BlobErrorCode.BLOB_NOT_FOUND.equals(code)
                        ? BackendException.Kind.BUCKET_NOT_FOUND
                        : BackendException.Kind.OBJECT_NOT_FOUND;
            } else if (st == 403 || st == 401) {
                k = BackendException.Kind.ACCESS_DENIED;
            } else if (st >= 500) {
                k = BackendException.Kind.UNAVAILABLE;
            } else {
                k = BackendException.Kind.BAD_REQUEST;
            }
            return new BackendException(k, msg, e);
        }
        return new BackendException(BackendException.Kind.UNAVAILABLE, BackendException.causes(e), e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).trim();
    }
}
