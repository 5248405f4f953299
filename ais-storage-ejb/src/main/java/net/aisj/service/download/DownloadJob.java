package net.aisj.service.download;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.core.download.DownloadSpec;
import net.aisj.core.download.DownloadStatus;
import net.aisj.xact.kinds.DownloadXaction;

/**
 * One target's share of a download job: the names of the request that this target owns (HRW), fetched by
 * {@link DownloadSpec#workers()} tasks that take the next name from one shared source (no dispatcher thread to
 * starve), each object stored whole or not at all. Objects already stored are skipped. Abort closes the transfers
 * in flight (their stores fail and leave nothing) and stops taking names. Thread-safe.
 */
final class DownloadJob {

    private static final Logger LOG = Logger.getLogger(DownloadJob.class.getName());

    /** What the job needs of its target. */
    interface Target {

        /** Whether this target is the HRW owner of the object. */
        boolean owns(String name);

        /** Whether the object is already stored (a download skips it). */
        boolean has(String name);

        /**
         * Fetches {@code url} into the object, reading through {@code body} (which counts, throttles and can be cut
         * by abort).
         *
         * @throws Exception any failure; the object is then not stored
         */
        void fetch(String name, String url, Fetch body) throws Exception;

        /** Caches a remote object ({@code backend} download); false when it was cached already. */
        boolean fetchRemote(String name, boolean sync) throws Exception;

        /** The remote bucket's names under {@code prefix}, page by page. */
        Iterator<String> remoteNames(String prefix);

        /** The job's record changed: an object finished or failed, or ({@code ended}) the job ended here. */
        void changed(boolean ended);
    }

    /** The transfer of one object as the target reads it. */
    interface Fetch {
        /** Wraps the response body: counted, throttled, time-limited, closed by abort. */
        InputStream wrap(InputStream body, long size);
    }

    private final String id;
    private final DownloadSpec spec;
    private final Target target;
    private final Throttle throttle;
    private final long startedMillis = System.currentTimeMillis();
    private volatile long finishedMillis;
    private volatile boolean aborted;
    private volatile boolean allDispatched;
    private final AtomicInteger scheduled = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger running;
    private final int total;
    private final Map<String, Running> current = new ConcurrentHashMap<>();
    private final List<DownloadStatus.Task> finished = new ArrayList<>();
    private final List<DownloadStatus.TaskError> errors = new ArrayList<>();
    private final Iterator<Map.Entry<String, String>> source;
    private final DownloadXaction xaction;

    DownloadJob(String id, String nodeId, DownloadSpec spec, Target target) {
        this.id = id;
        this.xaction = new DownloadXaction(id, nodeId, spec.bucket().name(), this::abort);
        this.spec = spec;
        this.target = target;
        this.throttle = new Throttle(spec.bytesPerHour(), Throttle.SYSTEM);
        this.running = new AtomicInteger(spec.workers());
        int owned = 0;
        if (spec.type() != DownloadSpec.Type.BACKEND) {
            for (Map.Entry<String, String> e : spec.objects()) {
                if (target.owns(e.getKey())) {
                    owned++;
                }
            }
        }
        this.total = owned;
        this.source = spec.type() == DownloadSpec.Type.BACKEND
                ? remote()
                : owned(spec.objects().iterator());
    }

    String id() {
        return id;
    }

    /** Starts the workers on {@code executor}. */
    void start(Executor executor) {
        for (int i = 0; i < spec.workers(); i++) {
            executor.execute(this::work);
        }
    }

    boolean isRunning() {
        return finishedMillis == 0;
    }

    /** The job as the jobs API shows it (kind {@code download}). */
    DownloadXaction xaction() {
        return xaction;
    }

    /** Stops taking names and cuts the transfers in flight. */
    void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        xaction.abort("aborted");
        for (Running r : current.values()) {
            r.cut();
        }
    }

    /** This target's report; {@code onlyActive} leaves out the finished tasks and errors (AIS's only_active_tasks). */
    DownloadStatus status(boolean onlyActive) {
        List<DownloadStatus.Task> cur = new ArrayList<>();
        for (Running r : current.values()) {
            cur.add(new DownloadStatus.Task(r.name, r.read.get(), Math.max(r.size, 0), r.start, 0));
        }
        List<DownloadStatus.Task> fin;
        List<DownloadStatus.TaskError> errs;
        synchronized (this) {
            fin = onlyActive ? List.of() : List.copyOf(finished);
            errs = onlyActive ? List.of() : List.copyOf(errors);
            DownloadStatus.Job job = new DownloadStatus.Job(
                    id,
                    spec.describe(),
                    startedMillis,
                    finishedMillis,
                    finished.size(),
                    scheduled.get(),
                    skipped.get(),
                    errors.size(),
                    spec.type() == DownloadSpec.Type.BACKEND && allDispatched ? scheduled.get() : total,
                    allDispatched,
                    aborted);
            return new DownloadStatus(job, cur, fin, errs);
        }
    }

    private void work() {
        try {
            Map.Entry<String, String> next;
            while (!aborted && (next = take()) != null) {
                one(next.getKey(), next.getValue());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "download[" + id + "]: a worker failed", e);
            synchronized (this) {
                errors.add(new DownloadStatus.TaskError("", "listing failed: " + e.getMessage()));
            }
            xaction.failed("", "listing failed: " + e.getMessage());
        } finally {
            if (running.decrementAndGet() == 0) {
                allDispatched = allDispatched || !aborted;
                finishedMillis = System.currentTimeMillis();
                xaction.end();
                target.changed(true);
                LOG.info(() -> "download[" + id + "] " + (aborted ? "aborted" : "finished") + " here: "
                        + status(true).job());
            }
        }
    }

    private Map.Entry<String, String> take() {
        synchronized (source) {
            if (source.hasNext()) {
                scheduled.incrementAndGet();
                return source.next();
            }
            allDispatched = true;
            return null;
        }
    }

    private void one(String name, String url) {
        Running r = new Running(name);
        try {
            if (spec.type() == DownloadSpec.Type.BACKEND) {
                current.put(name, r);
                if (!target.fetchRemote(name, spec.sync())) {
                    skipped.incrementAndGet();
                    return;
                }
            } else {
                if (target.has(name)) {
                    skipped.incrementAndGet();
                    return;
                }
                current.put(name, r);
                target.fetch(name, url, r);
            }
            synchronized (this) {
                finished.add(new DownloadStatus.Task(
                        name, r.read.get(), Math.max(r.size, r.read.get()), r.start, System.currentTimeMillis()));
            }
            xaction.stored(Math.max(r.size, r.read.get()));
            target.changed(false);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!aborted) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                synchronized (this) {
                    errors.add(new DownloadStatus.TaskError(name, why));
                }
                xaction.failed(name, why);
                target.changed(false);
            }
        } finally {
            current.remove(name);
        }
    }

    private Iterator<Map.Entry<String, String>> owned(Iterator<Map.Entry<String, String>> all) {
        return new Iterator<>() {
            private Map.Entry<String, String> next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    Map.Entry<String, String> e = all.next();
                    if (target.owns(e.getKey()) && e.getKey().endsWith(spec.suffix())) {
                        next = e;
                    }
                }
                return next != null;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Map.Entry<String, String> e = next;
                next = null;
                return e;
            }
        };
    }

    /** The remote names this target owns that end in the suffix (listed on first use); the URL part is unused. */
    private Iterator<Map.Entry<String, String>> remote() {
        Iterator<Map.Entry<String, String>> names = new Iterator<>() {
            private Iterator<String> all;

            @Override
            public boolean hasNext() {
                if (all == null) {
                    all = target.remoteNames(spec.prefix());
                }
                return all.hasNext();
            }

            @Override
            public Map.Entry<String, String> next() {
                hasNext();
                return Map.entry(all.next(), "");
            }
        };
        return owned(names);
    }

    /** An object in flight: its progress, and the stream abort cuts. */
    private final class Running implements Fetch {
        final String name;
        final long start = System.currentTimeMillis();
        final AtomicLong read = new AtomicLong();
        volatile long size = -1;
        private volatile Closeable stream;

        Running(String name) {
            this.name = name;
        }

        void cut() {
            Closeable s = stream;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing is all abort wants
                }
            }
        }

        @Override
        public InputStream wrap(InputStream body, long size) {
            this.size = size;
            this.stream = body;
            if (aborted) {
                cut();
            }
            Duration limit = spec.timeout();
            long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (aborted) {
                        throw new IOException("download " + id + " aborted");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException("timed out after " + limit);
                    }
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        read.addAndGet(n);
                        try {
                            throttle.take(n);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("interrupted");
                        }
                    }
                    return n;
                }
            };
        }
    }
}
