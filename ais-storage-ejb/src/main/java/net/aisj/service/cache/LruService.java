package net.aisj.service.cache;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;
import net.aisj.backend.Backends;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.core.BucketProps;
import net.aisj.core.ClusterMap;
import net.aisj.core.GoDuration;
import net.aisj.core.NodeInfo;
import net.aisj.service.BucketService;
import net.aisj.service.LocalNode;
import net.aisj.service.MirrorService;
import net.aisj.service.ObjectListing;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;
import net.aisj.xact.XactionRegistry;
import net.aisj.xact.kinds.LruXaction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Capacity of the cache (AIS's LRU and {@code space} watermarks). A target starts an {@code lru} job of its own when
 * one of its mountpaths is used at or above {@code ais.space.highwm} percent: checked every
 * {@code ais.lru.capacity_upd_time} and, at most once a second, after the cache stored an object (a cold GET, a
 * prefetch, a blob download, a write-through PUT). The job brings every mountpath down to {@code ais.space.lowwm}
 * by evicting least recently accessed cached copies of remote objects ({@link LruXaction}); buckets opt out with
 * {@code lru.enabled=false}, and copies accessed within the bucket's {@code lru.dont_evict_time} stay. Users start
 * it cluster-wide with the {@code lru} job kind. Access times are the object files' own (set on every GET).
 * Thread-safe.
 */
@ApplicationScoped
public class LruService {

    private static final Logger LOG = Logger.getLogger(LruService.class.getName());
    private static final long CHECK_AT_MOST_EVERY_MILLIS = 1000;
    private static final long DEFAULT_DONT_EVICT_MILLIS = 2 * 3_600_000L;

    @Inject
    LocalNode node;

    @Inject
    BucketService buckets;

    @Inject
    ObjectListing listing;

    @Inject
    CacheService cache;

    @Inject
    XactionRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "ais.space.lowwm", defaultValue = "75")
    int lowwm;

    @Inject
    @ConfigProperty(name = "ais.space.highwm", defaultValue = "90")
    int highwm;

    @Inject
    @ConfigProperty(name = "ais.lru.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "ais.lru.capacity_upd_time", defaultValue = "10m")
    String capacityUpdTime;

    private final AtomicLong lastCheck = new AtomicLong();
    private volatile ScheduledFuture<?> periodic;

    /** Starts the periodic capacity check once the node has joined. */
    void onClusterMap(@ObservesAsync ClusterMap map) {
        if (periodic == null && node.isReady() && node.self().target()) {
            synchronized (this) {
                if (periodic == null) {
                    long every = Math.max(1000, GoDuration.millis(capacityUpdTime, "ais.lru.capacity_upd_time"));
                    periodic =
                            scheduler.scheduleWithFixedDelay(this::checkCapacity, every, every, TimeUnit.MILLISECONDS);
                    LOG.info(() -> "LRU: capacity checked every " + every + " ms; eviction from "
                            + watermarks()[1] + "% down to " + watermarks()[0] + "%"
                            + (enabled ? "" : " (off: ais.lru.enabled=false)"));
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> f = periodic;
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Starts an {@code lru} job on every target; answers its id. */
    public String start() {
        String id = MirrorService.newId();
        for (NodeInfo t : node.clusterMap().targets()) {
            if (t.id().equals(node.self().id())) {
                startLocal(id);
            } else {
                node.intra().startXaction(t, XactKind.LRU.wire(), id, "");
            }
        }
        LOG.info(() -> "lru[" + id + "] started on every target");
        return id;
    }

    /** Whether {@code kind} is this service's job (intra calls route it here). */
    public static boolean handles(String kind) {
        return XactKind.LRU.wire().equals(kind);
    }

    /** This target's part of an {@code lru} job. */
    public Xaction startLocal(String id) {
        return registry.start(new LruXaction(id, localNode(), watermarks()[0]));
    }

    /**
     * The cache just stored an object here: checks the mountpaths' space (at most once a second) and starts an
     * {@code lru} job when one passed the high watermark.
     */
    public void afterFill() {
        long now = System.currentTimeMillis();
        long last = lastCheck.get();
        if (now - last >= CHECK_AT_MOST_EVERY_MILLIS && lastCheck.compareAndSet(last, now)) {
            checkCapacity();
        }
    }

    /** Synchronized: the periodic check and a fill's check must not both start a job (each would evict). */
    private synchronized void checkCapacity() {
        try {
            if (!enabled
                    || registry.latest(XactKind.LRU).map(Xaction::isRunning).orElse(false)) {
                return;
            }
            int high = watermarks()[1];
            for (MountpathInfo mp : node.volume().mountpaths()) {
                if (mp.enabled() && mp.totalBytes() > 0 && mp.usedBytes() * 100 >= mp.totalBytes() * high) {
                    String id = MirrorService.newId();
                    LOG.info(() -> "mountpath " + mp.path() + " is " + (mp.usedBytes() * 100 / mp.totalBytes())
                            + "% full (space.highwm " + high + "%): lru[" + id + "] started");
                    startLocal(id);
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "capacity check skipped: " + e);
        }
    }

    /** {low, high}: the configured watermarks, or AIS's defaults (75, 90) when they make no sense. */
    private int[] watermarks() {
        if (lowwm < 1 || highwm > 100 || lowwm >= highwm) {
            return new int[] {75, 90};
        }
        return new int[] {lowwm, highwm};
    }

    private LruXaction.Node localNode() {
        return new LruXaction.Node() {
            @Override
            public String selfId() {
                return node.self().id();
            }

            @Override
            public List<LruXaction.Usage> usage() {
                return node.volume().mountpaths().stream()
                        .filter(MountpathInfo::enabled)
                        .map(m -> new LruXaction.Usage(m.path(), m.usedBytes(), m.totalBytes()))
                        .toList();
            }

            @Override
            public void eachEvictable(Consumer<LruXaction.Candidate> each, BooleanSupplier stop) {
                long now = System.currentTimeMillis();
                for (Map.Entry<BucketId, BucketProps> b :
                        buckets.metadata().buckets().entrySet()) {
                    BucketProps p = b.getValue();
                    if (!Backends.isRemote(b.getKey(), p) || !p.lru().enabled()) {
                        continue; // the only copy of an ais:// object, or a bucket that opted out
                    }
                    long cutoffNanos = (now - dontEvictMillis(b.getKey(), p)) * 1_000_000L;
                    eachCached(b.getKey(), stop, st -> {
                        if (st.atimeNanos() <= cutoffNanos) {
                            each.accept(new LruXaction.Candidate(
                                    b.getKey(),
                                    st.name(),
                                    st.atimeNanos(),
                                    st.size(),
                                    st.copies().isEmpty() ? List.of(st.mountpath()) : st.copies()));
                        }
                    });
                    if (stop.getAsBoolean()) {
                        return;
                    }
                }
            }

            @Override
            public long evict(LruXaction.Candidate c) {
                ObjectId id = new ObjectId(c.bucket(), c.name());
                var now = cache.cached(id);
                if (now.isEmpty() || now.get().atimeNanos() > c.atimeNanos()) {
                    return -1; // gone, or read since it was listed
                }
                return cache.evict(id, buckets.props(c.bucket())) ? now.get().size() : -1;
            }
        };
    }

    private void eachCached(BucketId bucket, BooleanSupplier stop, Consumer<ObjectStat> each) {
        String after = "";
        do {
            ObjectPage page;
            try {
                page = listing.localList(bucket, new ListRequest("", after, 1000, false, false));
            } catch (AisException e) {
                LOG.fine(() -> "lru: " + bucket.cname() + " not listed: " + e.getMessage());
                return;
            }
            for (ListEntry e : page.entries()) {
                if (stop.getAsBoolean()) {
                    return;
                }
                if (!e.dir() && e.stat() != null) {
                    each.accept(e.stat());
                }
            }
            after = page.nextToken();
        } while (!after.isEmpty());
    }

    private static long dontEvictMillis(BucketId b, BucketProps p) {
        try {
            return GoDuration.millis(p.lru().dontEvictTime(), "lru.dont_evict_time");
        } catch (AisException e) {
            LOG.warning(b.cname() + ": " + e.getMessage() + "; using 2h");
            return DEFAULT_DONT_EVICT_MILLIS;
        }
    }
}
