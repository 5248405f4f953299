package net.aisj.service.dsort;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.ScratchFile;
import net.aisj.core.AisException;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.core.dsort.ShardCutter;
import net.aisj.core.placement.TargetPlacement;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * One target's part of a dsort job. Phases: (1) extraction - the input shards this target owns are read, their
 * records' contents appended to a scratch file, their metadata kept; (2) sorting - done by the coordinator
 * ({@link DsortCoordinator}), which gathers every part's metadata, orders and cuts it and hands each target the
 * output shards it owns (its plan); (3) creation - each planned shard is built ({@link ShardBuilder}) and stored;
 * then the part tells the coordinator, which ends the job on every target once all are built. Until then the
 * scratch file stays, since other targets pull record contents from it ({@link #serve}).
 *
 * <p>Any failure aborts the job on every node (the parts depend on each other) with the failure as the reason; an
 * abort deletes the scratch files and stores no further shard. Counters: {@code loc-*} input shards extracted here,
 * {@code out-*} output shards stored here, {@code in-*} records pulled from other targets. Thread-safe: the phases
 * run on the job's thread, the intra endpoints complete its futures.
 */
public final class DsortXaction extends Xaction {

    private static final Logger LOG = Logger.getLogger(DsortXaction.class.getName());

    final DsortSpec spec;
    final String coordinator;
    final List<String> targets;
    private final DsortNode node;
    final DsortMetrics metrics;
    private final CompletableFuture<List<DsortRecord>> extracted = new CompletableFuture<>();
    private final CompletableFuture<List<ShardCutter.OutputShard>> plan = new CompletableFuture<>();
    private final CompletableFuture<Void> finish = new CompletableFuture<>();
    private final Set<String> built = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> allBuilt = new CompletableFuture<>();
    private final AtomicLong pullsServed = new AtomicLong();
    private volatile ScratchFile spill;

    DsortXaction(String id, DsortSpec spec, String coordinator, List<String> targets, DsortNode node) {
        super(id, XactKind.DSORT, node.selfId(), spec.input().name());
        this.spec = spec;
        this.coordinator = coordinator;
        this.targets = List.copyOf(targets);
        this.node = node;
        this.metrics = new DsortMetrics(this);
    }

    @Override
    protected void work() {
        try {
            spill = node.scratch("dsort-" + id());
            extracted.complete(extract());
            if (node.selfId().equals(coordinator)) {
                new DsortCoordinator(this, node).run(extracted.join());
            }
            List<ShardCutter.OutputShard> mine = await(plan, "the plan");
            create(mine);
            if (node.selfId().equals(coordinator)) {
                markBuilt(node.selfId());
                await(allBuilt, "every target to build its shards");
                for (String t : targets) {
                    if (t.equals(node.selfId())) {
                        finish.complete(null);
                    } else {
                        node.intra().finish(node.target(t), id());
                    }
                }
            } else {
                node.intra().built(node.target(coordinator), id(), node.selfId());
            }
            await(finish, "the end of the job");
        } catch (Aborted e) {
            LOG.fine(() -> "dsort[" + id() + "] stopped: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            ScratchFile s = spill;
            if (s != null) {
                s.close();
            }
            metrics.ended();
            extracted.completeExceptionally(new IllegalStateException("ended"));
        }
    }

    private List<DsortRecord> extract() throws IOException {
        metrics.extraction.start();
        List<String> names = spec.inputNames();
        List<DsortRecord> out = new ArrayList<>();
        Extractor ex = new Extractor(spec, node.selfId(), spill, this::isAborted);
        for (int i = 0; i < names.size(); i++) {
            if (isAborted()) {
                throw new Aborted();
            }
            ObjectId sid = new ObjectId(spec.input(), names.get(i));
            if (!TargetPlacement.owner(node.clusterMap(), sid.uname()).id().equals(node.selfId())) {
                continue;
            }
            metrics.shardsToExtract.incrementAndGet();
            ObjectReader r;
            try {
                r = node.localOpen(sid);
            } catch (AisException e) {
                if (e.kind() != AisException.Kind.NOT_FOUND) {
                    throw e;
                }
                metrics.warn("input shard " + sid.cname() + " does not exist");
                continue;
            }
            try (r) {
                List<DsortRecord> recs = ex.extract(i, names.get(i), r);
                out.addAll(recs);
                metrics.extracted(recs.size());
                locObjs.incrementAndGet();
                locBytes.addAndGet(r.stat().size());
            }
        }
        metrics.extraction.end();
        return out;
    }

    private void create(List<ShardCutter.OutputShard> mine) throws IOException {
        metrics.creation.start();
        metrics.toCreate.set(mine.size());
        ShardBuilder b = new ShardBuilder(id(), spec, node, spill, this::isAborted, (n, bytes) -> {
            inObjs.addAndGet(n);
            inBytes.addAndGet(bytes);
        });
        for (ShardCutter.OutputShard s : mine) {
            if (isAborted()) {
                throw new Aborted();
            }
            ObjectStat st = b.build(s);
            outObjs.incrementAndGet();
            outBytes.addAndGet(st.size());
            metrics.created.incrementAndGet();
        }
        metrics.creation.end();
    }

    private void fail(Exception e) {
        if (isAborted()) {
            return; // the failure is the abort's consequence (a pull from a target that cleaned up, ...)
        }
        String reason = "target " + node.selfId() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
        error(reason);
        abort(reason);
        metrics.error(reason);
        try {
            node.abortEverywhere(id(), reason);
        } catch (RuntimeException ex) {
            LOG.warning("dsort[" + id() + "]: cannot abort the other targets: " + ex.getMessage());
        }
    }

    /** Waits for {@code f} while the job runs; {@link Aborted} when the job is aborted meanwhile. */
    <T> T await(CompletableFuture<T> f, String what) {
        while (true) {
            if (isAborted()) {
                throw new Aborted();
            }
            try {
                return f.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // check the abort flag and wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted();
            } catch (ExecutionException e) {
                throw new AisException(
                        AisException.Kind.INTERNAL,
                        "waiting for " + what + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    // ---------------------------------------------------------------- called by the intra endpoints

    /**
     * This part's extracted records, waiting up to {@code waitMillis} for the extraction to end.
     *
     * @return null when it is still extracting
     * @throws AisException CONFLICT when the job ended or was aborted
     */
    public List<DsortRecord> records(long waitMillis) {
        try {
            return extracted.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (isAborted()) {
                throw AisException.conflict("dsort " + id() + " was aborted");
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw AisException.conflict("dsort " + id() + " ended or was aborted on " + node.selfId());
        }
    }

    /** Receives this target's output shards from the coordinator. */
    public void receivePlan(List<ShardCutter.OutputShard> shards) {
        metrics.sortingDone();
        plan.complete(shards);
    }

    /** The coordinator learns that {@code target} stored all its shards. */
    public void markBuilt(String target) {
        built.add(target);
        if (built.containsAll(targets)) {
            allBuilt.complete(null);
        }
    }

    /** Ends this part (every target built its shards). */
    public void finishNow() {
        finish.complete(null);
    }

    /** Streams the given {offset, size} ranges of this part's scratch file back to back. */
    public void serve(List<long[]> ranges, OutputStream out) throws IOException {
        ScratchFile s = spill;
        if (s == null || isAborted() || !isRunning()) {
            throw new IOException("dsort " + id() + " is not running on " + node.selfId());
        }
        for (long[] r : ranges) {
            try (var in = s.read(r[0], r[1])) {
                in.transferTo(out);
            }
        }
        pullsServed.incrementAndGet();
    }

    long pullsServed() {
        return pullsServed.get();
    }

    /** Ends a phase wait: the job was aborted. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("aborted", null, false, false);
        }
    }
}
