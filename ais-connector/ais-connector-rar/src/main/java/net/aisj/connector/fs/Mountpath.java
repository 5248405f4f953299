package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import net.aisj.connector.api.MountpathInfo;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.hrw.Hrw;

/**
 * One mountpath: a directory on a local file system holding objects, work files and metadata documents.
 * {@link #path} is the absolute, normalised path string that HRW digests. Thread-safe; {@code usable} may change.
 */
final class Mountpath {

    private final String path;
    private final Path root;
    private final long digest;
    private final MetaStore meta;
    private volatile boolean usable;
    private volatile int used;
    private final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    /** Copies found bad (checksum or size mismatch) on reads and scrubs since the node started; since the last check. */
    private final java.util.concurrent.atomic.AtomicLong badCopies = new java.util.concurrent.atomic.AtomicLong();

    private final java.util.concurrent.atomic.AtomicLong badSinceCheck = new java.util.concurrent.atomic.AtomicLong();
    private volatile long usedAt;
    private final java.util.concurrent.atomic.AtomicInteger readers = new java.util.concurrent.atomic.AtomicInteger();

    Mountpath(Path root, boolean usable, boolean xattrs) {
        this.root = root;
        this.path = root.toString();
        this.digest = Hrw.digest(path);
        this.usable = usable;
        this.meta = new MetaStore(xattrs, root.resolve(Fqn.WORK));
    }

    String path() {
        return path;
    }

    Path root() {
        return root;
    }

    long digest() {
        return digest;
    }

    MetaStore meta() {
        return meta;
    }

    boolean usable() {
        return usable;
    }

    /** Takes the mountpath out of placement (or back, if it still probes writable); returns the new state. */
    boolean setUsable(boolean on) {
        usable = on && probeWritable(root);
        return usable;
    }

    /** Percent of the file system in use, re-read at most once a second. */
    int percentUsed() {
        long now = System.nanoTime();
        if (now - usedAt > 1_000_000_000L || usedAt == 0) {
            try {
                FileStore store = Files.getFileStore(root);
                long total = store.getTotalSpace();
                used = total <= 0 ? 0 : (int) Math.ceil(100.0 * (total - store.getUsableSpace()) / total);
            } catch (IOException e) {
                used = 0; // the health check deals with a broken mountpath
            }
            usedAt = now;
        }
        return used;
    }

    /**
     * Refuses a new write here when the file system is at or above {@code outOfSpacePercent} used (AIS's
     * {@code space.out_of_space}).
     */
    void checkSpace(int outOfSpacePercent, String what) throws StorageException {
        int u = percentUsed();
        if (u >= outOfSpacePercent) {
            throw new StorageException(
                    StorageException.Reason.NO_SPACE,
                    "out of space: mountpath " + path + " is " + u + "% full (limit " + outOfSpacePercent + "%); "
                            + what + " refused");
        }
    }

    /** Counts object bytes read from this mountpath (I/O metrics). */
    void countRead(long n) {
        read.addAndGet(n);
    }

    /** Counts a copy found bad on this mountpath (AIS's {@code err.cksum.n}); the health check reads the rate. */
    void countBadCopy() {
        badCopies.incrementAndGet();
        badSinceCheck.incrementAndGet();
    }

    /** Bad copies found since the previous call (the health check's period). */
    long takeBadSinceCheck() {
        return badSinceCheck.getAndSet(0);
    }

    long badCopies() {
        return badCopies.get();
    }

    /** Counts object bytes written to this mountpath (I/O metrics). */
    void countWritten(long n) {
        written.addAndGet(n);
    }

    /** Open readers of copies on this mountpath (reads go to the least-loaded copy). */
    int readers() {
        return readers.get();
    }

    void readerOpened() {
        readers.incrementAndGet();
    }

    void readerClosed() {
        readers.decrementAndGet();
    }

    /** PUT temp files and pending appends. */
    Path workDir() {
        return root.resolve(Fqn.WORK);
    }

    /** Trees waiting to be deleted in the background. */
    Path trashDir() {
        return root.resolve(Fqn.TRASH);
    }

    /** Probes writability (create and delete a file) and records the result. */
    boolean probe() {
        usable = probeWritable(root);
        return usable;
    }

    static boolean probeWritable(Path dir) {
        try {
            Path p = Files.createFile(dir.resolve(".ais.probe-" + FileOps.randomHex()));
            Files.delete(p);
            return Files.isDirectory(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    MountpathInfo info() {
        String fs = "";
        long used = 0;
        long total = 0;
        try {
            FileStore store = Files.getFileStore(root);
            fs = store.type();
            total = store.getTotalSpace();
            used = total - store.getUnallocatedSpace();
        } catch (IOException e) {
            // report what we have
        }
        return new MountpathInfo(
                path, usable, fs, used, total, meta.xattrs(), read.get(), written.get(), badCopies.get());
    }

    @Override
    public String toString() {
        return path;
    }
}
