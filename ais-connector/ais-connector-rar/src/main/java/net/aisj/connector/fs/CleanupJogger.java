package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * One mountpath's background cleaner. First it empties the trash ({@code %tr}: work dirs left by the previous run,
 * which {@link Volume#open} moved aside so that no transaction survives a restart, and destroyed buckets); then,
 * every {@code interval}, it removes PUT temp files and pending appends in {@code %wk} not modified for
 * {@code maxAge}, and empties the trash again. It waits on a latch between rounds, so {@link #release()} ends it
 * promptly. Runs on a container-managed thread; never sleeps, never creates threads. Thread-safe.
 */
final class CleanupJogger implements Background.Task {

    private final Mountpath mp;
    private final Duration interval;
    private final Duration maxAge;
    private final Runnable afterRound;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private long rounds;

    CleanupJogger(Mountpath mp, Duration interval, Duration maxAge, Runnable afterRound) {
        this.mp = mp;
        this.interval = interval;
        this.maxAge = maxAge;
        this.afterRound = afterRound;
    }

    @Override
    public String name() {
        return "cleanup-jogger[" + mp.path() + "]";
    }

    @Override
    public void run() {
        try {
            emptyTrash();
            while (!released.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                round();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            FileOps.LOG.log(Level.WARNING, name() + " failed", e);
        } finally {
            done.countDown();
        }
    }

    @Override
    public void release() {
        released.countDown();
    }

    /** Waits until {@link #run()} has returned. */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Rounds completed so far. */
    synchronized long rounds() {
        return rounds;
    }

    /** Waits until at least {@code n} rounds have completed. */
    synchronized boolean awaitRounds(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rounds < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** One cleanup round; returns the number of work files removed. */
    int round() {
        int removed = removeStale();
        emptyTrash();
        if (afterRound != null) {
            afterRound.run();
        }
        synchronized (this) {
            rounds++;
            notifyAll();
        }
        return removed;
    }

    private int removeStale() {
        long cutoff = System.currentTimeMillis() - maxAge.toMillis();
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(mp.workDir())) {
            for (Path p : ds) {
                try {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.lastModifiedTime().toMillis() < cutoff) {
                        FileOps.deleteTree(p);
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // committed or removed meanwhile
                } catch (IOException e) {
                    FileOps.LOG.warning(name() + ": cannot remove " + p + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            FileOps.LOG.warning(name() + ": cannot scan " + mp.workDir() + ": " + e.getMessage());
        }
        if (removed > 0) {
            FileOps.LOG.info(name() + ": removed " + removed + " stale work file(s)");
        }
        return removed;
    }

    private void emptyTrash() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(mp.trashDir())) {
            for (Path p : ds) {
                if (released.getCount() == 0) {
                    return;
                }
                try {
                    FileOps.deleteTree(p);
                } catch (IOException e) {
                    FileOps.LOG.warning(name() + ": cannot empty trash " + p + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            // nothing to do
        } catch (IOException e) {
            FileOps.LOG.warning(name() + ": cannot scan " + mp.trashDir() + ": " + e.getMessage());
        }
    }
}
