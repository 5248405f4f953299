package net.aisj.connector.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import net.aisj.connector.fs.ObjectMetaCodec.CorruptMetaException;
import net.aisj.connector.fs.SortedDirCache.Entry;

/**
 * A lazy depth-first walk over one mountpath's {@code %ob} directory of a bucket, yielding object names in UTF-8
 * byte order.
 *
 * <p>Why the order holds: within a directory, entries are visited by key, where a file's key is its decoded segment
 * and a directory's key is its decoded segment + "/". Every name below a directory starts with its key, and no
 * segment contains '/', so for two entries either their keys differ at some byte (which then orders every name
 * below them the same way) or one key is a file segment that is a proper prefix of the other (the shorter name
 * sorts first, and it is visited first). Hashed components take their segment from the LOM of the file (or of any
 * object below the directory).
 *
 * <p>Cost: a directory is read (and sorted) only when the walk enters it; the {@link ListBound} rejects whole
 * subtrees before they are read, so resuming after a name reads only the directories on the way down to it, and
 * within a directory the walk starts at the first entry after the bound (binary search). Large directories come
 * sorted from {@link SortedDirCache} while unchanged, so the pages of a flat bucket do not re-read them. Not
 * thread-safe.
 */
final class MountpathWalker {

    /** A found object; {@code meta} is set when the walk had to read it (hashed name). */
    record Item(String name, Mountpath mp, Path file, ObjectMeta meta) {}

    private static final class Frame {
        final Path dir;
        final String prefix;
        final List<Entry> entries;
        int next;

        Frame(Path dir, String prefix, List<Entry> entries, ListBound bound) {
            this.dir = dir;
            this.prefix = prefix;
            this.entries = entries;
            this.next = firstWanted(prefix, entries, bound.after());
        }
    }

    /**
     * The index of the first entry that may hold a name after {@code after}: entries before it are files not after
     * it, or directories every name below which sorts before it (binary search; the walk checks each entry anyway).
     */
    static int firstWanted(String prefix, List<Entry> entries, String after) {
        if (after.isEmpty() || !after.startsWith(prefix)) {
            return 0;
        }
        String rest = after.substring(prefix.length());
        int lo = 0;
        int hi = entries.size(); // first entry with key > rest
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Utf8Order.cmp(entries.get(mid).key(), rest) > 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo > 0) {
            Entry e = entries.get(lo - 1);
            if (e.dir() && rest.startsWith(e.key())) {
                lo--; // the directory holding "after": names below it after "after" are wanted
            }
        }
        return lo;
    }

    private static final Comparator<Entry> BY_KEY = (a, b) -> Utf8Order.cmp(a.key(), b.key());

    private final Mountpath mp;
    private final ListBound bound;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int dirReads;

    MountpathWalker(Mountpath mp, Path objectsDir, ListBound bound) throws IOException {
        this.mp = mp;
        this.bound = bound;
        stack.push(new Frame(objectsDir, "", readDir(objectsDir, ""), bound));
    }

    Mountpath mountpath() {
        return mp;
    }

    /** Directories read so far (the cost of a page). */
    int dirReads() {
        return dirReads;
    }

    /** The next name the bound accepts, or null at the end. */
    Item next() throws IOException {
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next >= f.entries.size()) {
                stack.pop();
                continue;
            }
            Entry e = f.entries.get(f.next++);
            String full = f.prefix + e.key();
            if (e.dir()) {
                if (!bound.skipsDir(full)) {
                    Path sub = f.dir.resolve(e.component());
                    stack.push(new Frame(sub, full, readDir(sub, full), bound));
                }
            } else if (bound.accepts(full)) {
                return new Item(full, mp, f.dir.resolve(e.component()), e.meta());
            }
        }
        return null;
    }

    private List<Entry> readDir(Path dir, String prefix) throws IOException {
        int depth = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '/') {
                depth++;
            }
        }
        dirReads++;
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> cached = SortedDirCache.get(dir, a);
        if (cached != null) {
            return cached;
        }
        long readStart = SortedDirCache.wallNs();
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Entry e = entry(p, depth);
                if (e != null) {
                    out.add(e);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        out.sort(BY_KEY);
        SortedDirCache.put(dir, a, readStart, out);
        return out;
    }

    private Entry entry(Path p, int depth) throws IOException {
        String c = FileOps.name(p);
        if (NameCodec.isSideComponent(c)) {
            return null;
        }
        boolean dir = NameCodec.isDirComponent(c);
        String seg = NameCodec.decode(c);
        ObjectMeta meta = null;
        if (seg == null) {
            if (!NameCodec.isHashed(c)) {
                return null;
            }
            String full;
            if (dir) {
                full = anyNameBelow(p);
            } else {
                meta = readMeta(p);
                full = meta == null ? null : meta.name();
            }
            String[] segs = full == null ? new String[0] : full.split("/", -1);
            if (segs.length <= depth + (dir ? 1 : 0)) {
                return null;
            }
            seg = segs[depth];
            String expect = dir ? NameCodec.dirComponent(seg) : NameCodec.fileComponent(seg);
            if (!expect.equals(c)) {
                FileOps.LOG.warning("listing skips " + p + ": its metadata names another object (" + full + ")");
                return null;
            }
        }
        return new Entry(dir ? seg + "/" : seg, c, dir, meta);
    }

    private ObjectMeta readMeta(Path file) throws IOException {
        try {
            return mp.meta().read(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (CorruptMetaException e) {
            FileOps.LOG.warning("listing skips " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** The full name of any object below a (hashed) directory, or null if it holds none. */
    private String anyNameBelow(Path dir) throws IOException {
        List<Path> subdirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String c = FileOps.name(p);
                if (NameCodec.isSideComponent(c)) {
                    continue;
                }
                if (NameCodec.isDirComponent(c)) {
                    subdirs.add(p);
                } else {
                    ObjectMeta m = readMeta(p);
                    if (m != null) {
                        return m.name();
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        for (Path d : subdirs) {
            String n = anyNameBelow(d);
            if (n != null) {
                return n;
            }
        }
        return null;
    }
}
