package net.aisj.connector.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.PutOptions;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.StorageException.Reason;

/**
 * Pending appends (AIS {@code append_type=append|flush}). The first append creates a work file {@code app-<handle>}
 * in the owner mountpath's {@code %wk} (starting with the object's current content if it exists) and returns the
 * handle: 16 random lower-case hex digits, validated strictly. Later appends add to the end; the flush checksums the
 * work file and commits it exactly like a PUT. Nothing is visible before the flush. Pending appends do not survive
 * a restart, and the cleanup jogger removes those untouched for longer than the work-file max age. Thread-safe;
 * appends to one handle are serialised.
 */
final class AppendStore {

    private static final Pattern HANDLE = Pattern.compile("[0-9a-f]{16}");
    static final String PREFIX = "app-";

    private static final class Pending {
        final String uname;
        final Mountpath mp;
        final Path file;
        boolean closed;

        Pending(String uname, Mountpath mp, Path file) {
            this.uname = uname;
            this.mp = mp;
            this.file = file;
        }
    }

    private final ObjectFiles files;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    AppendStore(ObjectFiles files) {
        this.files = files;
    }

    String append(ObjectId id, String handle, InputStream in) throws StorageException {
        Fqn.checkName(id);
        files.owner(id).checkSpace(files.cfg().outOfSpacePercent(), "append to " + id.cname());
        String h = handle;
        Pending p;
        if (h == null || h.isEmpty()) {
            h = FileOps.randomHex();
            p = start(id, h);
        } else {
            p = lookup(id, h);
        }
        synchronized (p) {
            if (p.closed) {
                throw unknown(id);
            }
            write(p, id, in);
        }
        return h;
    }

    ObjectStat flush(ObjectId id, String handle, PutOptions opts) throws StorageException {
        Fqn.checkName(id);
        Pending p = lookup(id, handle);
        synchronized (p) {
            if (p.closed) {
                throw unknown(id);
            }
            p.closed = true;
            pending.remove(handle, p);
        }
        if (!Files.isRegularFile(p.file)) {
            throw unknown(id);
        }
        PutTransaction tx = new PutTransaction(files, p.mp, id, opts);
        try {
            tx.adopt(p.file);
            return tx.commit(opts.custom());
        } finally {
            tx.abort();
        }
    }

    /** Forgets pending appends whose work files are gone (removed by the cleanup jogger). */
    void forgetMissing() {
        pending.entrySet().removeIf(e -> !Files.exists(e.getValue().file));
    }

    int size() {
        return pending.size();
    }

    private Pending start(ObjectId id, String h) throws StorageException {
        Mountpath mp = files.owner(id);
        Path file;
        try {
            Files.createDirectories(mp.workDir());
            file = Files.createFile(mp.workDir().resolve(PREFIX + h));
        } catch (IOException e) {
            throw ObjectFiles.io("cannot start append to", id, e);
        }
        try (ObjectFileReader r = files.openReader(id, false, false)) {
            copyContent(r, file);
        } catch (StorageException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                deleteQuietly(file);
                throw e;
            }
        } catch (IOException e) {
            deleteQuietly(file);
            throw ObjectFiles.io("cannot start append to", id, e);
        }
        Pending p = new Pending(id.uname(), mp, file);
        pending.put(h, p);
        return p;
    }

    /** Copies from the reader's open files so a concurrent overwrite cannot interfere. */
    private static void copyContent(ObjectFileReader r, Path dst) throws IOException {
        try (FileChannel out = FileChannel.open(dst, StandardOpenOption.WRITE)) {
            r.copyTo(out);
        }
    }

    private Pending lookup(ObjectId id, String handle) throws StorageException {
        if (handle == null || !HANDLE.matcher(handle).matches()) {
            throw new StorageException(Reason.BAD_REQUEST, "invalid append handle (" + id.cname() + ")");
        }
        Pending p = pending.get(handle);
        if (p == null || !p.uname.equals(id.uname())) {
            throw unknown(id);
        }
        return p;
    }

    private void write(Pending p, ObjectId id, InputStream in) throws StorageException {
        byte[] buf = new byte[files.cfg().bufferSize()];
        long start = -1;
        try (FileChannel ch = FileChannel.open(p.file, StandardOpenOption.WRITE)) {
            start = ch.size();
            long pos = start;
            while (true) {
                int r;
                try {
                    r = in.read(buf);
                } catch (IOException e) {
                    ch.truncate(start);
                    throw new StorageException(
                            Reason.IO,
                            "reading the appended content of " + id.cname() + " failed: " + e.getMessage(),
                            e);
                }
                if (r < 0) {
                    break;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                while (bb.hasRemaining()) {
                    pos += ch.write(bb, pos);
                }
            }
        } catch (NoSuchFileException e) {
            pending.remove(FileOps.name(p.file).substring(PREFIX.length()), p);
            throw unknown(id);
        } catch (IOException e) {
            throw ObjectFiles.io("cannot append to", id, e);
        }
    }

    private static StorageException unknown(ObjectId id) {
        return new StorageException(Reason.NOT_FOUND, "unknown or expired append handle (" + id.cname() + ")");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best-effort
        }
    }
}
