package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Small file-system helpers shared by the engine. Stateless and thread-safe. */
final class FileOps {

    static final Logger LOG = Logger.getLogger("net.aisj.connector.fs");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MOVE_ATTEMPTS = 10;

    private FileOps() {}

    /** 16 lower-case hex digits from a secure random source. */
    static String randomHex() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A new, empty, uniquely named file in {@code dir} (created if missing). */
    static Path newWorkFile(Path dir, String prefix) throws IOException {
        Path f = dir.resolve(prefix + randomHex());
        try {
            return Files.createFile(f);
        } catch (NoSuchFileException e) {
            // the directory is missing (first use, or removed from outside). Creating it only then: an existing
            // directory costs createDirectories an exception per call, ~10% of a PUT in the profile
            Files.createDirectories(dir);
            return Files.createFile(f);
        }
    }

    /**
     * Commits (creating parents, then renaming) and prunes (removing empty parents) exclude each other: a prune
     * could otherwise remove a parent between a commit's {@code createDirectories} and its rename. Commits share
     * the lock; prunes, which only follow deletes, take it alone for a few {@code rmdir} calls.
     */
    private static final ReentrantReadWriteLock DIRS = new ReentrantReadWriteLock();

    /**
     * Atomically renames {@code src} to {@code dst}, replacing {@code dst}, creating its parent directories. Prunes
     * wait meanwhile; should a parent still vanish (removed from outside), the directories are created again and
     * the rename retried.
     */
    static void moveIntoPlace(Path src, Path dst) throws IOException {
        DIRS.readLock().lock();
        try {
            moveRetrying(src, dst);
        } finally {
            DIRS.readLock().unlock();
        }
    }

    private static void moveRetrying(Path src, Path dst) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1) {
                    // only when the rename found no parent: an existing one costs createDirectories an exception
                    Files.createDirectories(parent(dst));
                }
                Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // no parent yet (created on the next attempt), a parent vanished under us (pruned), or
                // createDirectories saw it exist and then vanish
                if (attempt >= MOVE_ATTEMPTS || !Files.exists(src)) {
                    throw e;
                }
            }
        }
    }

    /** Makes a directory's entries durable (best-effort where the platform cannot open directories). */
    /** The last element of {@code p} as text; every path this engine names has one. */
    static String name(Path p) {
        Path n = p.getFileName();
        if (n == null) {
            throw new IllegalStateException("path without a file name: " + p);
        }
        return n.toString();
    }

    /** The directory of {@code p}; every file this engine names lies in one. */
    static Path parent(Path p) {
        Path d = p.getParent();
        if (d == null) {
            throw new IllegalStateException("path without a parent: " + p);
        }
        return d;
    }

    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException e) {
            // not possible on this platform
        }
    }

    /** Removes now-empty directories from {@code dir} up to, not including, {@code stop}. Best-effort. */
    static void pruneEmptyDirs(Path dir, Path stop) {
        DIRS.writeLock().lock();
        try {
            pruneLocked(dir, stop);
        } finally {
            DIRS.writeLock().unlock();
        }
    }

    private static void pruneLocked(Path dir, Path stop) {
        Path d = dir;
        while (d != null && !d.equals(stop) && d.startsWith(stop)) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot prune " + d, e);
                return;
            }
            d = d.getParent();
        }
    }

    /** Deletes a file or a whole tree; entries that vanish meanwhile are ignored. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Makes {@code dst} (which must not exist) a hard link to {@code src}, or, where the file system cannot (no
     * hard links, another file system), a synced copy of it.
     */
    static void linkOrCopy(Path src, Path dst) throws IOException {
        try {
            Files.createLink(dst, src);
            return;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (or across file systems): copy below
            Files.deleteIfExists(dst);
        }
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long pos = 0;
            while (pos < size) {
                long k = in.transferTo(pos, size - pos, out);
                if (k <= 0) {
                    throw new IOException("short copy of " + src);
                }
                pos += k;
            }
            out.force(true);
        }
    }
}
