package net.aisj.xact;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * This node's jobs: running ones and the most recent finished ones (bounded). Jobs run on the container's managed
 * executor; {@link #start} never blocks. Thread-safe.
 */
@ApplicationScoped
public class XactionRegistry {

    static final int KEEP_FINISHED = 64;
    static final int KEEP_EARLY_ABORTS = 256;

    @Resource
    ManagedExecutorService executor;

    private final Map<String, Xaction> jobs = new ConcurrentHashMap<>();

    /** Aborts that named a job id this node did not know yet (its start was still on its way), oldest first. */
    private final Map<String, String> earlyAborts = new java.util.LinkedHashMap<>();

    /**
     * Registers and starts {@code x}; a running job of the same kind is aborted first when the kind says so.
     *
     * @return {@code x}, or the already registered job with the same id (a duplicate start is a no-op)
     */
    public synchronized Xaction start(Xaction x) {
        Xaction existing = jobs.get(x.id());
        if (existing != null) {
            return existing;
        }
        if (x.kind().abortsPrevious()) {
            jobs.values().stream()
                    .filter(j -> j.kind() == x.kind()
                            && j.isRunning()
                            && (x.kind().scope() != XactKind.Scope.BUCKET
                                    || j.bucket().equals(x.bucket())))
                    .forEach(j -> j.abort("superseded by " + x.id()));
        }
        String early = earlyAborts.remove(x.id());
        if (early != null) {
            x.abort(early); // it runs only to end at once, so that its status shows the abort
        }
        jobs.put(x.id(), x);
        trim();
        try {
            executor.execute(x);
        } catch (RejectedExecutionException e) {
            x.abort("rejected by the executor: " + e.getMessage());
        }
        return x;
    }

    /**
     * Registers {@code x} for status queries without running it: its owner moves its counters and ends it (jobs that
     * show work done elsewhere, like the background {@code put-copies} and {@code ec-put} queues).
     */
    public synchronized void register(Xaction x) {
        jobs.putIfAbsent(x.id(), x);
        trim();
    }

    public Optional<Xaction> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The newest job of a kind (by start time), if any. */
    public Optional<Xaction> latest(XactKind kind) {
        return jobs.values().stream()
                .filter(j -> j.kind() == kind)
                .max(Comparator.comparingLong(j -> j.snapshot().startMillis()));
    }

    /** Snapshots matching an id and/or kind (null = any), newest first. */
    public List<XactSnapshot> snapshots(String id, String kind, boolean onlyRunning) {
        List<XactSnapshot> out = new ArrayList<>();
        for (Xaction j : jobs.values()) {
            XactSnapshot s = j.snapshot();
            if ((id == null || id.isEmpty() || id.equals(s.id()))
                    && (kind == null || kind.isEmpty() || kind.equals(s.kind()))
                    && (!onlyRunning || s.running())) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingLong(XactSnapshot::startMillis).reversed());
        return out;
    }

    /**
     * Forgets a finished job (its status is no longer reported).
     *
     * @return false when there is no such job here or it is still running
     */
    public synchronized boolean remove(String id) {
        Xaction x = jobs.get(id);
        if (x == null || x.isRunning()) {
            return false;
        }
        jobs.remove(id);
        return true;
    }

    /**
     * Aborts the running jobs matching {@code id} and/or {@code kind} (null or empty = any) with {@code reason}. An
     * abort by id of a job this node does not know yet is remembered (the last {@value #KEEP_EARLY_ABORTS}): a
     * cluster-wide job is started node by node, and the abort of a part that failed on one node can reach another
     * before that node's start does; the job then ends as soon as it starts.
     */
    public synchronized void abort(String id, String kind, String reason) {
        boolean any = false;
        for (XactSnapshot s : snapshots(id, kind, false)) {
            Xaction x = jobs.get(s.id());
            if (x != null) {
                any = true;
                if (x.isRunning()) {
                    x.abort(reason);
                }
            }
        }
        if (!any && id != null && !id.isEmpty()) {
            earlyAborts.put(id, reason);
            if (earlyAborts.size() > KEEP_EARLY_ABORTS) {
                earlyAborts.remove(earlyAborts.keySet().iterator().next());
            }
        }
    }

    public void abortAll(String reason) {
        jobs.values().forEach(j -> j.abort(reason));
    }

    private void trim() {
        List<Xaction> done = jobs.values().stream()
                .filter(j -> !j.isRunning())
                .sorted(Comparator.comparingLong(j -> j.snapshot().startMillis()))
                .toList();
        for (int i = 0; i < done.size() - KEEP_FINISHED; i++) {
            jobs.remove(done.get(i).id());
        }
    }
}
