package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.aisj.connector.api.ObjectId;

/**
 * Copies that failed their checksum on a read. A bad copy is counted on its mountpath (AIS's {@code err.cksum.n}),
 * logged once with the object and the mountpath, and quarantined: the identity of its file is remembered, so later
 * verifying reads skip it (a GET then goes to another copy, or fails before its first byte so that the caller can restore the
 * object from erasure-coded slices) until the file is replaced by a repaired one. Ranged reads that could not be
 * verified queue one verification of the object (the scrub of one object) per copy content, so that reading ranges
 * never hides a bad copy from repair. Thread-safe.
 */
final class BadCopies {

    /** Bound of each of the two memories (quarantined copies, copies queued for verification). */
    static final int MAX = 100_000;

    /** "mountpath|uname" of a quarantined copy to the identity of its bad file. */
    private final Map<String, Object> quarantined = new ConcurrentHashMap<>();
    /** Copy contents ("mountpath|uname|mtime|checksum") already queued for verification after a ranged read. */
    private final Map<String, Boolean> verifyQueued = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX;
        }
    };

    /** Where bad copies go to be repaired; null until the engine starts its queue. */
    private volatile CopyQueue healer;

    void healer(CopyQueue q) {
        healer = q;
    }

    /**
     * What a verifying reader of the copy at {@code file} reports: a mismatch quarantines the copy (counted, logged
     * once) and, when found while streaming, hands it to the heal queue at once (the bad file goes if another copy
     * is good, the copies are made again); an unverified range queues the object's verification once.
     */
    ObjectFileReader.Verification watch(ObjectId id, Mountpath mp, Path file, ObjectMeta m) {
        return new ObjectFileReader.Verification() {
            @Override
            public void mismatch(String why, boolean streaming) {
                found(id, mp, file, why);
                CopyQueue q = healer;
                if (streaming && q != null) {
                    q.heal(id, mp, m, Math.max(1, m.copies().size()));
                }
            }

            @Override
            public void unverifiedRange() {
                CopyQueue q = healer;
                if (q != null && verifyOnce(mp, id, m)) {
                    q.verify(id);
                }
            }
        };
    }

    /** Whether the copy at {@code file} is quarantined (cheap when none is: no file system call). */
    boolean isQuarantined(Mountpath mp, ObjectId id, Path file) {
        if (quarantined.isEmpty()) {
            return false;
        }
        String k = key(mp, id);
        Object bad = quarantined.get(k);
        if (bad == null) {
            return false;
        }
        Object now = identity(file);
        if (bad.equals(now)) {
            return true;
        }
        quarantined.remove(k, bad); // replaced by a repaired copy since
        return false;
    }

    /**
     * A read found the copy at {@code file} bad ({@code why}): quarantines it; the first time, counts it on its
     * mountpath and logs it. Returns whether it was new.
     */
    boolean found(ObjectId id, Mountpath mp, Path file, String why) {
        Object ident = identity(file);
        if (ident == null) {
            return false; // gone: nothing left to serve or quarantine
        }
        String k = key(mp, id);
        Object prev = quarantined.size() < MAX ? quarantined.put(k, ident) : quarantined.get(k);
        if (ident.equals(prev)) {
            return false;
        }
        mp.countBadCopy();
        FileOps.LOG.warning(
                "bad copy of " + id.cname() + " on mountpath " + mp + ": " + why + "; quarantined, repair queued");
        return true;
    }

    /** Whether a ranged read of this copy content should queue its verification (once per content). */
    synchronized boolean verifyOnce(Mountpath mp, ObjectId id, ObjectMeta m) {
        return verifyQueued.put(
                        key(mp, id) + "|" + m.mtimeMillis() + "|" + m.checksum().value(), Boolean.TRUE)
                == null;
    }

    private static String key(Mountpath mp, ObjectId id) {
        return mp.path() + "|" + id.uname();
    }

    /** The file's identity (device, inode, times, size); null when it is gone. */
    private static Object identity(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            // an inode number is reused by the next file: the times tell a repaired copy from the bad one
            return a.fileKey() + "/" + a.lastModifiedTime() + "/" + a.creationTime() + "/" + a.size();
        } catch (IOException e) {
            return null;
        }
    }
}
