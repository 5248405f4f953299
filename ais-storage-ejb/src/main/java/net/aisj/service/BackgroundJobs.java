package net.aisj.service;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageException;
import net.aisj.core.ClusterMap;
import net.aisj.service.ec.EcService;
import net.aisj.xact.XactKind;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.DemandXaction;

/**
 * Shows this target's background queues as demand-driven jobs (AIS {@code put-copies}, {@code ec-put}, and the
 * Get-Batch requests it serves as {@code get-batch}): every
 * {@value #SAMPLE_MILLIS} ms it reads the queues' counters; a queue that has work, or did some since the last look,
 * gets a job (new id) if it has none; the job's counters follow the queue; after {@value #IDLE_MILLIS} ms with
 * nothing queued and nothing done the job ends. Started with the first cluster map once the node is ready.
 * Thread-safe (the sampler runs on one scheduled task).
 */
@ApplicationScoped
public class BackgroundJobs {

    static final long SAMPLE_MILLIS = 1000;
    static final long IDLE_MILLIS = 10_000;
    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());

    @Inject
    LocalNode node;

    @Inject
    EcService ec;

    @Inject
    net.aisj.service.archive.BatchService batches;

    @Inject
    XactionRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Tracker copies = new Tracker(XactKind.PUT_COPIES);
    private final Tracker ecPut = new Tracker(XactKind.EC_PUT);
    private final Tracker getBatch = new Tracker(XactKind.GET_BATCH);
    private volatile ScheduledFuture<?> sampler;

    void onClusterMap(@ObservesAsync ClusterMap map) {
        if (sampler == null && node.isReady()) {
            synchronized (this) {
                if (sampler == null) {
                    sampler = scheduler.scheduleWithFixedDelay(
                            this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> f = sampler;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void sample() {
        try {
            copies.sample(() -> {
                try (StorageConnection c = node.connection()) {
                    return c.copyCounters();
                } catch (StorageException e) {
                    return null;
                }
            });
            ecPut.sample(ec::queueCounters);
            getBatch.sample(batches::counters);
        } catch (RuntimeException e) {
            LOG.fine(() -> "background job sample skipped: " + e);
        }
    }

    /** One queue's job: counters are {waiting, done, failed, dropped, bytes}. */
    private final class Tracker {
        private final XactKind kind;
        private DemandXaction job;
        private long[] last;
        private long lastBusy;

        Tracker(XactKind kind) {
            this.kind = kind;
        }

        void sample(Supplier<long[]> counters) {
            long[] now = counters.get();
            if (now == null || now.length < 5) {
                return;
            }
            long t = System.currentTimeMillis();
            boolean moved = last != null && (now[1] != last[1] || now[2] != last[2]);
            boolean busy = now[0] > 0 || moved;
            if (busy) {
                lastBusy = t;
                if (job == null) {
                    long[] base = last == null ? new long[5] : last;
                    job = new DemandXaction(
                            MirrorService.newId(), kind, node.self().id(), base[1], base[4], base[2]);
                    registry.register(job);
                }
            }
            if (job != null) {
                job.update(now[1], now[4], now[2]);
                job.idle(!busy);
                if (!busy && t - lastBusy >= IDLE_MILLIS) {
                    job.end();
                    job = null;
                }
            }
            last = now;
        }
    }
}
