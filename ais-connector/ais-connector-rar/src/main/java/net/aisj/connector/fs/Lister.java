package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.Checksum;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;
import net.aisj.connector.fs.MountpathWalker.Item;
import net.aisj.connector.fs.ObjectMetaCodec.CorruptMetaException;

/**
 * Bucket listing: a k-way merge of the per-mountpath sorted walks ({@link MountpathWalker}) in UTF-8 byte order. A
 * name found on several mountpaths (misplaced copies) is reported once, from its HRW mountpath when that has it.
 * Pages are stateless: the token is the last name returned, so objects added or removed between pages are simply
 * seen or not. A page costs O(page size + depth) directory reads. Lists without locks: an entry reflects the LOM at
 * the moment it is read. Thread-safe (state lives in the call).
 */
final class Lister {

    private final ObjectFiles files;

    Lister(ObjectFiles files) {
        this.files = files;
    }

    private static final class Head {
        final MountpathWalker walker;
        Item item;

        Head(MountpathWalker walker, Item item) {
            this.walker = walker;
            this.item = item;
        }
    }

    ObjectPage list(BucketId bucket, ListRequest req) throws StorageException {
        Fqn.checkBucket(bucket);
        List<Mountpath> mps = files.volume().all();
        ListBound bound = ListBound.of(req.prefix(), req.startAfter(), req.noRecursion());
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Utf8Order.cmp(a.item.name(), b.item.name()));
            for (Mountpath mp : mps) {
                Path ob = Fqn.objectsDir(mp.root(), bucket);
                if (Files.isDirectory(ob)) {
                    MountpathWalker w = new MountpathWalker(mp, ob, bound);
                    Item first = w.next();
                    if (first != null) {
                        heads.add(new Head(w, first));
                    }
                }
            }
            List<ListEntry> out = new ArrayList<>();
            boolean more = false;
            while (true) {
                Item it = poll(heads, bound, mps, bucket);
                if (it == null) {
                    break;
                }
                if (out.size() == req.pageSize()) {
                    more = true;
                    break;
                }
                ListEntry e = null;
                if (req.noRecursion()) {
                    int slash = it.name().indexOf('/', req.prefix().length());
                    if (slash >= 0) {
                        String dir = it.name().substring(0, slash + 1);
                        bound.skipUnder(dir);
                        e = new ListEntry(dir, true, null);
                    }
                }
                if (e == null) {
                    e = entry(it, req.nameOnly());
                }
                if (e != null) {
                    out.add(e);
                }
            }
            String token = more && !out.isEmpty() ? out.get(out.size() - 1).name() : "";
            return new ObjectPage(out, token);
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot list " + bucket.cname() + ": " + e, e);
        }
    }

    /** The next wanted name over all walkers, deduplicated; null when all are exhausted. */
    private static Item poll(PriorityQueue<Head> heads, ListBound bound, List<Mountpath> mps, BucketId bucket)
            throws IOException {
        while (!heads.isEmpty()) {
            Head h = heads.poll();
            Item chosen = h.item;
            advance(heads, h);
            Mountpath owner = null;
            while (!heads.isEmpty() && heads.peek().item.name().equals(chosen.name())) {
                Head dup = heads.poll();
                if (owner == null) {
                    owner = MountpathHrw.select(mps, new ObjectId(bucket, chosen.name()));
                }
                if (dup.item.mp() == owner) {
                    chosen = dup.item;
                }
                advance(heads, dup);
            }
            if (bound.accepts(chosen.name())) {
                return chosen;
            }
        }
        return null;
    }

    private static void advance(PriorityQueue<Head> heads, Head h) throws IOException {
        h.item = h.walker.next();
        if (h.item != null) {
            heads.add(h);
        }
    }

    /** The entry with its stat (unless name-only); null when the object vanished meanwhile. */
    private ListEntry entry(Item it, boolean nameOnly) throws IOException {
        if (nameOnly) {
            return new ListEntry(it.name(), false, null);
        }
        Mountpath mp = it.mp();
        BasicFileAttributes a;
        ObjectMeta m = it.meta();
        try {
            a = Files.readAttributes(it.file(), BasicFileAttributes.class);
            if (m == null) {
                m = mp.meta().read(it.file());
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (CorruptMetaException e) {
            m = null;
            a = attrsOrNull(it.file());
            if (a == null) {
                return null;
            }
        }
        ObjectStat st;
        if (m != null && m.name().equals(it.name())) {
            st = ObjectFiles.toStat(mp, m, a.lastAccessTime());
        } else {
            // no or damaged metadata: list what the file system knows; a GET reports it as corrupted
            st = new ObjectStat(
                    it.name(),
                    a.size(),
                    Checksum.NONE,
                    "",
                    a.lastAccessTime().to(TimeUnit.NANOSECONDS),
                    a.lastModifiedTime().toMillis(),
                    null,
                    mp.path(),
                    List.of(mp.path()));
        }
        return new ListEntry(it.name(), false, st);
    }

    private static BasicFileAttributes attrsOrNull(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
