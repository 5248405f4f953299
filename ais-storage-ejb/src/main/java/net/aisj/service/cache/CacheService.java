package net.aisj.service.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.RemoteBucket;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemoteRead;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.ec.Spooled;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.service.LocalNode;
import net.aisj.service.ObjectService;
import net.aisj.service.OnBadCopy;
import net.aisj.service.StorageErrors;
import net.aisj.service.ec.EcHooks;

/**
 * Objects of buckets that live in a backend (remote buckets and {@code ais://} buckets with {@code backend_bck}),
 * on the object's owning target. Design:
 * <ul>
 * <li><b>Cold GET</b> (absent here, or changed remotely when the bucket validates warm GETs or the caller asks for
 * the latest): one remote GET whose body is stored locally while the client's bytes are written from the same
 * buffer ({@link ColdReader}). The local copy keeps the remote ETag (custom {@code ETag}), version and time, and
 * gets the bucket's mirror/EC policy. A failed or short read, or an MD5 mismatch with a single-part ETag, commits
 * nothing. Concurrent cold GETs of one object fetch it once: the first caller fetches, the others wait for its
 * copy (and fetch themselves if it failed).</li>
 * <li><b>Warm GET</b>: the local copy; with {@code versioning.validate_warm_get} or {@code latest} the remote is
 * asked first (HEAD) and a changed object is fetched again; with {@code versioning.synchronize} an object deleted
 * remotely is deleted here too.</li>
 * <li><b>Write-through PUT and DELETE</b>: the remote first; a failed remote write fails the call and leaves
 * nothing here. A PUT is spooled to a work file (the client's stream can be read once), sent to the backend from
 * there, then stored locally from there.</li>
 * </ul>
 * Thread-safe.
 */
@ApplicationScoped
public class CacheService {

    /** Custom metadata keys of a cached copy (AIS's names). */
    public static final String SOURCE = "source";

    public static final String REMOTE_VERSION = "remote-version";
    public static final String LAST_MODIFIED = "LastModified";
    private static final Logger LOG = Logger.getLogger(CacheService.class.getName());
    private static final long WAIT_FOR_FETCH_SECONDS = 600;

    @Inject
    LocalNode local;

    @Inject
    Backends backends;

    @Inject
    EcHooks ec;

    @Inject
    LruService lru;

    /** In-flight cold GETs by uname: the leader's completion. */
    private final Map<String, CompletableFuture<Boolean>> inflight = new ConcurrentHashMap<>();

    /**
     * Opens the object for reading, fetching it from the backend when it is not cached here (or changed remotely
     * and {@code latest} or the bucket's {@code versioning.validate_warm_get} asks to check).
     *
     * @throws AisException NOT_FOUND ({@code object aws://b/o does not exist}), UNAVAILABLE naming the backend
     */
    public ObjectReader open(ObjectId id, BucketProps p, boolean validate, boolean latest) {
        RemoteBucket rb = backends.of(id.bucket(), p);
        boolean check =
                latest || p.versioning().validateWarmGet() || p.versioning().synchronize();
        for (int attempt = 0; ; attempt++) {
            Optional<ObjectStat> have = localStat(id);
            if (have.isPresent() && (!check || unchanged(id, rb, p, have.get()))) {
                Optional<ObjectReader> r = openCached(id, p, validate);
                if (r.isPresent()) {
                    return r.get();
                }
            }
            CompletableFuture<Boolean> mine = new CompletableFuture<>();
            CompletableFuture<Boolean> other = inflight.putIfAbsent(id.uname(), mine);
            if (other == null) {
                try {
                    return coldGet(id, p, rb, mine);
                } catch (RuntimeException e) {
                    inflight.remove(id.uname(), mine);
                    mine.complete(false);
                    throw e;
                }
            }
            boolean ok = await(id, other);
            if (ok) {
                Optional<ObjectReader> r = openCached(id, p, validate);
                if (r.isPresent()) {
                    return r.get();
                }
            }
            if (attempt >= 2) {
                throw new AisException(
                        AisException.Kind.UNAVAILABLE,
                        "cold GET of " + rb.cname(id.name()) + " from backend "
                                + rb.backend().describe() + " failed in a concurrent request");
            }
            check = false;
        }
    }

    /** The object's metadata: the local copy's, else the backend's (not cached by a HEAD). */
    public ObjectStat head(ObjectId id, BucketProps p, boolean latest) {
        RemoteBucket rb = backends.of(id.bucket(), p);
        Optional<ObjectStat> have = localStat(id);
        if (have.isPresent() && (!(latest || p.versioning().validateWarmGet()) || unchanged(id, rb, p, have.get()))) {
            return have.get();
        }
        RemoteObject m = remoteHead(rb, id.name());
        return ColdReader.statOf(id.name(), m, customOf(rb, m), versionOf(m));
    }

    /** Whether the object is cached here (no remote call). */
    public Optional<ObjectStat> cached(ObjectId id) {
        return localStat(id);
    }

    /**
     * Write-through PUT: the content is spooled here, written to the backend, then stored locally with the
     * backend's ETag and version. A failed remote write fails the call and stores nothing.
     */
    public ObjectStat put(
            ObjectId id,
            BucketProps p,
            InputStream in,
            long contentLength,
            Checksum expected,
            Map<String, String> custom,
            boolean md5Etag) {
        RemoteBucket rb = backends.of(id.bucket(), p);
        try (StorageConnection c = local.connection()) {
            Spooled sp = c.spool(in, contentLength);
            try {
                RemoteObject m;
                try (InputStream s = c.openSpooled(sp.token())) {
                    m = rb.backend().put(rb.name(), id.name(), s, sp.size(), remoteMetadata(custom));
                } catch (BackendException e) {
                    throw rb.error(e, id.name());
                }
                Map<String, String> md = new HashMap<>(custom);
                md.putAll(customOf(rb, m));
                PutOptions opts = ObjectService.options(p)
                        .withCustom(md)
                        .withExpected(expected, sp.size())
                        .withVersion(versionOf(m));
                if (md5Etag) {
                    opts = opts.withMd5Etag();
                }
                ObjectStat st;
                try (InputStream s = c.openSpooled(sp.token())) {
                    st = c.put(id, s, opts);
                }
                ec.afterPut(id, p);
                lru.afterFill();
                return st;
            } finally {
                c.releaseSpooled(sp.token());
            }
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        } catch (IOException e) {
            throw new AisException(AisException.Kind.INTERNAL, "PUT " + id.cname() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends an object just committed here by another path (an S3 multipart upload completed on this target) to the
     * backend, and keeps the backend's ETag and version with it. A failed remote write removes the local object
     * and fails the call: the object exists in both places or in neither.
     */
    public ObjectStat writeBack(ObjectId id, BucketProps p) {
        RemoteBucket rb = backends.of(id.bucket(), p);
        try (StorageConnection c = local.connection();
                ObjectReader r = c.open(id, false);
                InputStream in = r.stream()) {
            RemoteObject m;
            try {
                m = rb.backend()
                        .put(
                                rb.name(),
                                id.name(),
                                in,
                                r.stat().size(),
                                remoteMetadata(r.stat().custom()));
            } catch (BackendException e) {
                evict(id, p);
                throw rb.error(e, id.name());
            }
            return c.setCustom(id, customOf(rb, m), false);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        } catch (IOException e) {
            evict(id, p);
            throw new AisException(
                    AisException.Kind.INTERNAL,
                    "sending " + id.cname() + " to backend " + rb.backend().describe() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Write-through DELETE: the remote first (NOT_FOUND when the backend has no such object), then the copy here. */
    public void delete(ObjectId id, BucketProps p) {
        RemoteBucket rb = backends.of(id.bucket(), p);
        boolean remoteMissing = false;
        try {
            rb.backend().headObject(rb.name(), id.name());
            rb.backend().delete(rb.name(), id.name());
        } catch (BackendException e) {
            if (e.kind() != BackendException.Kind.OBJECT_NOT_FOUND) {
                throw rb.error(e, id.name());
            }
            remoteMissing = true;
        }
        boolean here = evict(id, p);
        if (remoteMissing && !here) {
            throw rb.error(new BackendException(BackendException.Kind.OBJECT_NOT_FOUND, "absent", null), id.name());
        }
    }

    /** Removes the local copy only (evict); false when there was none. */
    public boolean evict(ObjectId id, BucketProps p) {
        boolean deleted;
        try (StorageConnection c = local.connection()) {
            deleted = c.delete(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        return ec.deleted(id, p) || deleted;
    }

    /**
     * Makes sure the object is cached here (prefetch): fetched when absent, or when changed remotely and
     * {@code latest}. Returns true when it was fetched.
     */
    public boolean prefetch(ObjectId id, BucketProps p, boolean latest) {
        Optional<ObjectStat> have = localStat(id);
        if (have.isPresent() && !latest) {
            return false;
        }
        if (have.isPresent() && unchanged(id, backends.of(id.bucket(), p), p, have.get())) {
            return false;
        }
        try (ObjectReader r = open(id, p, false, latest)) {
            if (r instanceof ColdReader cold) {
                cold.transferTo(java.io.OutputStream.nullOutputStream(), 0, 0);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "prefetch of " + id.cname() + ": " + e.getMessage(), e);
        }
    }

    // ---- cold GET ----

    private ObjectReader coldGet(ObjectId id, BucketProps p, RemoteBucket rb, CompletableFuture<Boolean> mine) {
        RemoteRead rr;
        try {
            rr = rb.backend().get(rb.name(), id.name(), 0, -1);
        } catch (BackendException e) {
            throw rb.error(e, id.name());
        }
        RemoteObject m = rr.meta();
        Map<String, String> md = customOf(rb, m);
        String version = versionOf(m);
        ObjectStat stat = ColdReader.statOf(id.name(), m, md, version);
        PutOptions opts = ObjectService.options(p)
                .withCustom(md)
                .withExpected(null, m.size())
                .withVersion(version);
        String what = rb.cname(id.name()) + " from backend " + rb.backend().describe();
        return new ColdReader(
                rr,
                stat,
                new ColdReader.Fill() {
                    @Override
                    public void store(InputStream in) throws IOException {
                        try (StorageConnection c = local.connection()) {
                            c.put(id, in, opts);
                        } catch (StorageException e) {
                            LOG.warning("cold GET of " + what + " failed, nothing cached: " + e.getMessage());
                            throw new IOException("cold GET of " + what + " failed: " + e.getMessage(), e);
                        }
                        ec.afterPut(id, p);
                        lru.afterFill();
                    }

                    @Override
                    public ObjectReader openLocal() {
                        return CacheService.this
                                .openLocal(id, false)
                                .orElseThrow(() -> AisException.noSuchObject(id.cname()));
                    }

                    @Override
                    public void done(boolean ok) {
                        inflight.remove(id.uname(), mine);
                        mine.complete(ok);
                    }
                },
                what);
    }

    private static boolean await(ObjectId id, CompletableFuture<Boolean> f) {
        try {
            return f.get(WAIT_FOR_FETCH_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AisException(AisException.Kind.UNAVAILABLE, "interrupted waiting for " + id.cname());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Whether the local copy is still the remote's current object. With {@code versioning.synchronize}, one
     * deleted remotely is deleted here (and NOT_FOUND thrown); without, it is kept and served.
     */
    private boolean unchanged(ObjectId id, RemoteBucket rb, BucketProps p, ObjectStat have) {
        RemoteObject m;
        try {
            m = rb.backend().headObject(rb.name(), id.name());
        } catch (BackendException e) {
            if (e.kind() == BackendException.Kind.OBJECT_NOT_FOUND
                    && p.versioning().synchronize()) {
                evict(id, p);
                LOG.fine(() -> id.cname() + " was deleted remotely: removed here too (versioning.synchronize)");
                throw rb.error(e, id.name());
            }
            if (e.kind() == BackendException.Kind.OBJECT_NOT_FOUND) {
                return true;
            }
            throw rb.error(e, id.name());
        }
        return identity(have).equals(m.identity());
    }

    private static RemoteObject remoteHead(RemoteBucket rb, String name) {
        try {
            return rb.backend().headObject(rb.name(), name);
        } catch (BackendException e) {
            throw rb.error(e, name);
        }
    }

    /** The remote identity a cached copy was fetched as (see {@link RemoteObject#identity()}). */
    static String identity(ObjectStat s) {
        String v = s.custom().getOrDefault(REMOTE_VERSION, "");
        if (!v.isEmpty()) {
            return "v:" + v;
        }
        String etag = s.custom().getOrDefault(PutOptions.ETAG, "");
        return "e:" + (etag.length() >= 2 && etag.startsWith("\"") ? etag.substring(1, etag.length() - 1) : etag);
    }

    /** What a cached copy keeps of the remote object: ETag (quoted, as S3 has it), version, source, time. */
    static Map<String, String> customOf(RemoteBucket rb, RemoteObject m) {
        Map<String, String> md = new HashMap<>(m.custom());
        if (!m.etag().isEmpty()) {
            md.put(PutOptions.ETAG, "\"" + m.etag() + "\"");
        }
        if (!m.version().isEmpty()) {
            md.put(REMOTE_VERSION, m.version());
        }
        md.put(SOURCE, rb.bucket().provider());
        if (m.mtimeMillis() > 0) {
            md.put(LAST_MODIFIED, Long.toString(m.mtimeMillis()));
        }
        return md;
    }

    /**
     * The user metadata a write-through PUT sends: the S3 API's user keys ({@code s3:x-amz-meta-k}) as {@code k},
     * other S3 headers it keeps ({@code s3:content-type}, ...) left out, and native custom keys that are valid
     * header names as they are.
     */
    static Map<String, String> remoteMetadata(Map<String, String> custom) {
        Map<String, String> out = new HashMap<>();
        custom.forEach((k, v) -> {
            if (k.startsWith("s3:x-amz-meta-")) {
                out.put(k.substring("s3:x-amz-meta-".length()), v);
            } else if (!k.startsWith("s3:") && k.matches("[A-Za-z0-9_-]+")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The version a cached copy gets: the backend's version id when it keeps versions, else counted here. */
    static String versionOf(RemoteObject m) {
        return m.version().isEmpty() ? null : m.version();
    }

    private Optional<ObjectStat> localStat(ObjectId id) {
        try (StorageConnection c = local.connection()) {
            return c.stat(id);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
    }

    /**
     * The cached copy, if there is a usable one. A copy that fails its checksum or has lost its metadata (every copy
     * of it, CORRUPTED) is removed and empty returned, so that the caller fetches the object again (a cache never
     * answers 500 for what the backend still has); one found bad while it streams is removed then, so the next GET
     * fetches it again.
     */
    private Optional<ObjectReader> openCached(ObjectId id, BucketProps p, boolean validate) {
        try (StorageConnection c = local.connection()) {
            return Optional.of(new OnBadCopy(c.open(id, validate), () -> dropBad(id, p, "while it streamed")));
        } catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            if (e.reason() == StorageException.Reason.CORRUPTED) {
                LOG.warning("the cached copy of " + id.cname() + " is bad (" + e.getMessage()
                        + "): fetching it again from the backend");
                dropBad(id, p, "when opened");
                return Optional.empty();
            }
            throw StorageErrors.map(e);
        }
    }

    private void dropBad(ObjectId id, BucketProps p, String when) {
        try {
            evict(id, p);
            LOG.info(() -> "removed the bad cached copy of " + id.cname() + " (found " + when + ")");
        } catch (AisException e) {
            LOG.warning("cannot remove the bad cached copy of " + id.cname() + ": " + e.getMessage());
        }
    }

    private Optional<ObjectReader> openLocal(ObjectId id, boolean validate) {
        try (StorageConnection c = local.connection()) {
            return Optional.of(c.open(id, validate));
        } catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw StorageErrors.map(e);
        }
    }
}
