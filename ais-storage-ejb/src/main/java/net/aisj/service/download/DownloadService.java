package net.aisj.service.download;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.aisj.backend.BackendException;
import net.aisj.backend.Backends;
import net.aisj.backend.HttpCalls;
import net.aisj.backend.RemoteBucket;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemotePage;
import net.aisj.cluster.DownloadIntra;
import net.aisj.cluster.DownloadJson;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.NodeInfo;
import net.aisj.core.download.DownloadSpec;
import net.aisj.core.download.DownloadStatus;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.ObjectService;
import net.aisj.service.cache.CacheService;
import net.aisj.xact.XactionRegistry;

/**
 * Download jobs (AIS's {@code /v1/download}). The node that gets a request checks it, creates a missing {@code ais://}
 * destination, starts the job under one id ({@code dnl-...}) on every target and answers the id; each target fetches
 * the names it owns. Status, the job list, abort and remove ask every target and merge what they answer (NOT_FOUND
 * when none knows the job). A target keeps its jobs until they are removed. Thread-safe.
 */
@ApplicationScoped
public class DownloadService {

    private static final Logger LOG = Logger.getLogger(DownloadService.class.getName());

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectService objects;

    @Inject
    CacheService cache;

    @Inject
    Backends backends;

    @Inject
    XactionRegistry registry;

    @Resource
    ManagedExecutorService executor;

    private final Map<String, DownloadJob> jobs = new ConcurrentHashMap<>();
    /** Ended jobs of earlier runs of this node ({@link DownloadRecords}); null until first read. */
    private volatile Map<String, DownloadStatus> recorded;

    private long lastSaveMillis;
    private volatile DownloadIntra intra;

    /** Starts a job on every target; answers its id. BAD_REQUEST for an invalid request. */
    public String start(DownloadSpec request) {
        DownloadSpec spec = request.validated();
        BucketId b = spec.bucket();
        if (spec.type() == DownloadSpec.Type.BACKEND) {
            if (!Backends.isRemote(b, buckets.props(b))) {
                throw AisException.badRequest("download: backend download needs a remote bucket or one with a"
                        + " backend_bck; " + b.cname() + " has neither");
            }
        } else if (BucketId.AIS.equals(b.provider())
                && b.namespace().isEmpty()
                && !buckets.list(null).contains(b)) {
            buckets.create(b, null); // AIS creates a missing ais:// destination
        } else {
            buckets.props(b);
        }
        String id = "dnl-" + MirrorService.newId();
        String body = DownloadJson.writeSpec(spec);
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                startLocal(id, spec);
            } else {
                intra().start(t, id, body);
            }
        }
        LOG.info(() -> "download[" + id + "] started: " + spec.describe());
        return id;
    }

    /** This target's share of job {@code id}. */
    public void startLocal(String id, DownloadSpec spec) {
        DownloadJob job = new DownloadJob(id, node.self().id(), spec, new LocalTarget(spec));
        if (jobs.putIfAbsent(id, job) != null) {
            throw AisException.conflict("download job " + id + " already exists");
        }
        registry.register(job.xaction());
        job.start(executor);
    }

    /** The job's status merged over the targets. NOT_FOUND when no target knows it. */
    public DownloadStatus status(String id, boolean onlyActive) {
        DownloadStatus out = null;
        for (NodeInfo t : node.clusterMap().targets()) {
            Optional<DownloadStatus> s =
                    t.id().equals(node.self().id()) ? localStatus(id, onlyActive) : intra().status(t, id, onlyActive);
            if (s.isPresent()) {
                out = out == null ? s.get() : out.merge(s.get());
            }
        }
        if (out == null) {
            throw notFound(id);
        }
        return out;
    }

    /**
     * Every job the targets know, merged per id, running first; {@code regex} (may be empty) filters by description,
     * {@code onlyActive} leaves out ended jobs.
     */
    public List<DownloadStatus.Job> list(String regex, boolean onlyActive) {
        Pattern p;
        try {
            p = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw AisException.badRequest("download: invalid regex: " + e.getMessage());
        }
        Map<String, DownloadStatus.Job> merged = new LinkedHashMap<>();
        for (NodeInfo t : node.clusterMap().targets()) {
            List<DownloadStatus.Job> js = t.id().equals(node.self().id()) ? localList() : intra().list(t);
            for (DownloadStatus.Job j : js) {
                merged.merge(j.id(), j, DownloadStatus.Job::merge);
            }
        }
        List<DownloadStatus.Job> out = new ArrayList<>();
        for (DownloadStatus.Job j : merged.values()) {
            if ((p == null || p.matcher(j.description()).find()) && !(onlyActive && j.isFinished())) {
                out.add(j);
            }
        }
        out.sort((a, b) -> a.isFinished() != b.isFinished()
                ? (a.isFinished() ? 1 : -1)
                : Long.compare(a.startedMillis(), b.startedMillis()));
        return out;
    }

    /** Aborts the job on every target. NOT_FOUND when no target knows it. */
    public void abort(String id) {
        everyTarget(id, this::localAbort, (t, i) -> intra().abort(t, i));
    }

    /** Forgets an ended job on every target. NOT_FOUND when no target knows it, BAD_REQUEST while it runs. */
    public void remove(String id) {
        if (!status(id, true).job().isFinished()) {
            throw AisException.badRequest("download job " + id + " is still running (abort it first)");
        }
        everyTarget(id, this::localRemove, (t, i) -> intra().remove(t, i));
    }

    private void everyTarget(
            String id,
            java.util.function.Predicate<String> local,
            java.util.function.BiPredicate<NodeInfo, String> remote) {
        boolean known = false;
        for (NodeInfo t : node.clusterMap().targets()) {
            known |= t.id().equals(node.self().id()) ? local.test(id) : remote.test(t, id);
        }
        if (!known) {
            throw notFound(id);
        }
    }

    public Optional<DownloadStatus> localStatus(String id, boolean onlyActive) {
        DownloadJob j = jobs.get(id);
        if (j != null) {
            return Optional.of(j.status(onlyActive));
        }
        return Optional.ofNullable(recorded().get(id))
                .map(s -> onlyActive ? new DownloadStatus(s.job(), List.of(), List.of(), List.of()) : s);
    }

    public List<DownloadStatus.Job> localList() {
        List<DownloadStatus.Job> out = new ArrayList<>();
        jobs.values().forEach(j -> out.add(j.status(true).job()));
        recorded().values().forEach(s -> out.add(s.job()));
        return out;
    }

    /** The jobs this node saved before it last stopped, read once (none when storage cannot be read). */
    private Map<String, DownloadStatus> recorded() {
        Map<String, DownloadStatus> r = recorded;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (recorded == null) {
                Map<String, DownloadStatus> loaded = new ConcurrentHashMap<>();
                try (var c = node.connection()) {
                    String best = null;
                    for (byte[] doc : c.loadMeta(DownloadRecords.DOC)) {
                        String text = new String(doc, java.nio.charset.StandardCharsets.UTF_8);
                        if (best == null || DownloadRecords.savedMillis(text) > DownloadRecords.savedMillis(best)) {
                            best = text;
                        }
                    }
                    if (best != null) {
                        for (DownloadStatus s : DownloadRecords.read(
                                best, "interrupted: target " + node.self().id() + " restarted")) {
                            loaded.put(s.job().id(), s);
                        }
                    }
                } catch (RuntimeException | net.aisj.connector.api.StorageException e) {
                    LOG.warning("cannot read the saved download jobs: " + e);
                }
                recorded = loaded;
            }
            return recorded;
        }
    }

    /** Saves this node's jobs (at most every 2 s unless {@code now}); a failure is logged, the jobs keep running. */
    private void save(boolean now) {
        Map<String, DownloadStatus> old = recorded();
        synchronized (this) {
            long t = System.currentTimeMillis();
            if (!now && t - lastSaveMillis < 2_000) {
                return;
            }
            lastSaveMillis = t;
            List<DownloadStatus> all = new ArrayList<>(old.values());
            jobs.values().forEach(j -> all.add(j.status(false)));
            try (var c = node.connection()) {
                c.storeMeta(
                        DownloadRecords.DOC,
                        DownloadRecords.text(t, all).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (RuntimeException | net.aisj.connector.api.StorageException e) {
                LOG.warning("cannot save the download jobs: " + e);
            }
        }
    }

    public boolean localAbort(String id) {
        DownloadJob j = jobs.get(id);
        if (j != null) {
            j.abort();
        }
        return j != null || recorded().containsKey(id);
    }

    public boolean localRemove(String id) {
        DownloadJob j = jobs.get(id);
        if (j == null) {
            if (recorded().remove(id) == null) {
                return false;
            }
            save(true);
            return true;
        }
        if (j.isRunning()) {
            throw AisException.badRequest("download job " + id + " is still running (abort it first)");
        }
        jobs.remove(id);
        save(true);
        return true;
    }

    private static AisException notFound(String id) {
        return AisException.notFound("download job \"" + id + "\" does not exist");
    }

    private DownloadIntra intra() {
        DownloadIntra i = intra;
        if (i == null) {
            i = new DownloadIntra(node.intra());
            intra = i;
        }
        return i;
    }

    /** What a job does on this target: HRW ownership, stores through the object service, remote reads via the cache. */
    private final class LocalTarget implements DownloadJob.Target {

        private final BucketId bucket;
        private final DownloadSpec spec;

        LocalTarget(DownloadSpec spec) {
            this.bucket = spec.bucket();
            this.spec = spec;
        }

        @Override
        public boolean owns(String name) {
            return node.owns(new ObjectId(bucket, name));
        }

        @Override
        public boolean has(String name) {
            return objects.localStat(new ObjectId(bucket, name)).isPresent();
        }

        @Override
        public void fetch(String name, String url, DownloadJob.Fetch body) throws Exception {
            java.net.http.HttpRequest.Builder req = HttpCalls.request(url).GET();
            spec.headers().forEach((k, vals) -> vals.forEach(v -> req.header(k, v)));
            HttpResponse<InputStream> r =
                    backends.http().send(req.build(), HttpResponse.BodyHandlers.ofInputStream(), true);
            if (r.statusCode() != 200) {
                try (InputStream in = r.body()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                throw new IOException("GET " + url + ": HTTP " + r.statusCode());
            }
            long size = r.headers().firstValueAsLong("Content-Length").orElse(-1L);
            try (InputStream in = body.wrap(r.body(), size)) {
                objects.put(new ObjectId(bucket, name), in, size, null, Map.of());
            } catch (BackendException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public boolean fetchRemote(String name, boolean sync) {
            return cache.prefetch(new ObjectId(bucket, name), buckets.props(bucket), sync);
        }

        @Override
        public void changed(boolean ended) {
            save(ended);
        }

        @Override
        public Iterator<String> remoteNames(String prefix) {
            BucketProps p = buckets.props(bucket);
            RemoteBucket rb = backends.of(bucket, p);
            return new Iterator<>() {
                private Iterator<RemoteObject> page = List.<RemoteObject>of().iterator();
                private String token = "";
                private boolean last;

                @Override
                public boolean hasNext() {
                    while (!page.hasNext() && !last) {
                        RemotePage rp;
                        try {
                            rp = rb.backend().list(rb.name(), prefix, token, 1000);
                        } catch (BackendException e) {
                            throw rb.error(e, null);
                        }
                        page = rp.entries().iterator();
                        token = rp.nextToken();
                        last = token.isEmpty();
                    }
                    return page.hasNext();
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return page.next().name();
                }
            };
        }
    }
}
