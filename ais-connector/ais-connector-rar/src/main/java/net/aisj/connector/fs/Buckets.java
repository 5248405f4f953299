package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * Bucket directories on the mountpaths. Destroy first renames each bucket directory into the mountpath's trash, so
 * the bucket vanishes atomically per mountpath, then deletes the tree (whatever is left is removed by the cleanup
 * jogger). A PUT committing concurrently with a destroy may recreate the bucket's directories: callers (the bucket
 * metadata owner) must not write to a bucket they are destroying. Thread-safe.
 */
final class Buckets {

    private final Volume volume;

    Buckets(Volume volume) {
        this.volume = volume;
    }

    void create(BucketId b) throws StorageException {
        Fqn.checkBucket(b);
        int ok = 0;
        IOException last = null;
        for (Mountpath mp : volume.usable()) {
            try {
                Files.createDirectories(Fqn.objectsDir(mp.root(), b));
                ok++;
            } catch (IOException e) {
                last = e;
                FileOps.LOG.warning("cannot create " + b + " on " + mp + ": " + e.getMessage());
            }
        }
        if (ok == 0) {
            throw new StorageException(Reason.IO, "cannot create " + b.cname() + " on any mountpath: " + last, last);
        }
    }

    void destroy(BucketId b) throws StorageException {
        Fqn.checkBucket(b);
        IOException failed = null;
        for (Mountpath mp : volume.usable()) {
            Path dir = Fqn.bucketDir(mp.root(), b);
            Path trash = mp.trashDir().resolve("bck-" + FileOps.randomHex());
            try {
                Files.createDirectories(mp.trashDir());
                Files.move(dir, trash);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                failed = e;
                FileOps.LOG.warning("cannot destroy " + b + " on " + mp + ": " + e.getMessage());
                continue;
            }
            try {
                FileOps.deleteTree(trash);
            } catch (IOException e) {
                FileOps.LOG.info("trash " + trash + " left for the cleanup jogger: " + e.getMessage());
            }
        }
        if (failed != null) {
            throw new StorageException(Reason.IO, "cannot destroy " + b.cname() + ": " + failed, failed);
        }
    }
}
