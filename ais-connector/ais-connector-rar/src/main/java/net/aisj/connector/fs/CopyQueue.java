package net.aisj.connector.fs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.StorageException;

/**
 * The engine's background mirroring (AIS's {@code put-copies}): PUTs and reads that found a bad copy queue the
 * object here, and one background task brings its copies to the wanted number with {@link Copies#place}. A name
 * queued twice is placed once, with the larger count. The queue is bounded: when full, a request is dropped and
 * counted (the next resilver or make-n-copies restores the copies). Thread-safe.
 */
final class CopyQueue implements Background.Task {

    static final int CAPACITY = 100_000;

    private final Copies copies;
    private final ObjectFiles files;
    private final Map<ObjectId, Integer> pending = new LinkedHashMap<>();
    /** Objects whose copies are to be verified (the scrub of one object), after a read could not verify them. */
    private final java.util.Set<ObjectId> toVerify = new java.util.LinkedHashSet<>();

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private boolean released;
    private boolean running;

    CopyQueue(ObjectFiles files, Copies copies) {
        this.files = files;
        this.copies = copies;
    }

    @Override
    public String name() {
        return "put-copies";
    }

    /** Queues {@code id} to have {@code n} copies. */
    synchronized void submit(ObjectId id, int n) {
        Integer prev = pending.get(id);
        if (prev == null && pending.size() >= CAPACITY) {
            dropped.incrementAndGet();
            return;
        }
        pending.put(id, prev == null ? n : Math.max(prev, n));
        notifyAll();
    }

    /**
     * Queues the verification of every copy of {@code id} (as a scrub of the object: bad copies are quarantined,
     * removed when a good one is left, and made again). Bounded like {@link #submit}.
     */
    synchronized void verify(ObjectId id) {
        if (toVerify.size() >= CAPACITY) {
            dropped.incrementAndGet();
            return;
        }
        toVerify.add(id);
        notifyAll();
    }

    /**
     * A read found the copy at {@code bad} corrupt or unreadable: removes that file now (if it still holds the
     * content that was read) and queues the object to get its {@code n} copies back.
     */
    @SuppressWarnings("try") // the lock is held for the block, not referenced
    void heal(ObjectId id, Mountpath bad, ObjectMeta seen, int n) {
        try (NameLocks.Held h = files.locks().lockWrite(id.uname())) {
            Map<Mountpath, ObjectMeta> now = files.findAll(id);
            ObjectMeta m = now.get(bad);
            boolean others = now.entrySet().stream()
                    .anyMatch(e -> e.getKey() != bad && e.getValue().size() >= 0);
            if (m != null && others && (m.size() < 0 || Copies.same(m, seen))) {
                Path p = Fqn.objectPath(bad.root(), id);
                files.removeFile(bad, id, p);
                FileOps.LOG.warning("removed the bad copy of " + id.cname() + " on " + bad + "; restoring " + n + " cop"
                        + (n == 1 ? "y" : "ies"));
            }
        } catch (StorageException | java.io.IOException e) {
            FileOps.LOG.warning("cannot remove the bad copy of " + id.cname() + " on " + bad + ": " + e.getMessage());
        }
        submit(id, n);
    }

    /** Objects waiting (queued or being placed), placed, failed, dropped (queue full), bytes copied so far. */
    synchronized long[] counters() {
        return new long[] {
            pending.size() + toVerify.size() + (running ? 1 : 0), done.get(), failed.get(), dropped.get(), bytes.get()
        };
    }

    /** Waits until the queue is empty and no placement runs (tests, sync callers); false on timeout. */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!pending.isEmpty() || !toVerify.isEmpty() || running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void run() {
        while (true) {
            Map.Entry<ObjectId, Integer> next;
            synchronized (this) {
                running = false;
                notifyAll();
                while (pending.isEmpty() && toVerify.isEmpty() && !released) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (released) {
                    return;
                }
                if (pending.isEmpty()) {
                    var it = toVerify.iterator();
                    next = Map.entry(it.next(), 0);
                    it.remove();
                } else {
                    var it = pending.entrySet().iterator();
                    next = it.next();
                    it.remove();
                }
                running = true;
            }
            if (next.getValue() == 0) {
                verifyNow(next.getKey());
                continue;
            }
            try {
                Copies.Result r = copies.place(next.getKey(), next.getValue());
                bytes.addAndGet(r.copied() * Math.max(0, r.size()));
                done.incrementAndGet();
            } catch (StorageException e) {
                if (e.reason() != StorageException.Reason.NOT_FOUND) {
                    failed.incrementAndGet();
                    FileOps.LOG.warning("put-copies: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                FileOps.LOG.log(
                        Level.WARNING, "put-copies failed for " + next.getKey().cname(), e);
            }
        }
    }

    private void verifyNow(ObjectId id) {
        try {
            int bad = copies.scrub(id);
            if (bad > 0) {
                done.incrementAndGet();
            }
        } catch (StorageException e) {
            if (e.reason() != StorageException.Reason.NOT_FOUND) {
                failed.incrementAndGet();
                FileOps.LOG.warning("put-copies: verifying " + id.cname() + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            FileOps.LOG.log(Level.WARNING, "put-copies: verifying " + id.cname() + " failed", e);
        }
    }

    @Override
    public synchronized void release() {
        released = true;
        notifyAll();
    }
}
