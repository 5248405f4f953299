package net.aisj.service.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ObjectStat;
import net.aisj.core.AisException;
import net.aisj.service.ObjectService;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Stores archives that are written as a stream: the calling thread produces the archive into a bounded
 * {@link ChunkPipe} while a writer thread ({@link ArchiveThreads}) stores it as one ordinary PUT (checksum, version, copies as
 * the bucket says). A failure of the producer fails the PUT, so nothing partial becomes visible.
 *
 * <p>Appending to a shard (AIS {@code PUT ?archpath=} with {@code Ais-Pine}): a tar gets its existing bytes up to
 * the end of the last member copied server-side (the end-of-archive blocks dropped), then the new member and a new
 * trailer; the client sends only the new file. Other formats cannot be extended in place and are rewritten member
 * by member. Either way the result replaces the object atomically (a new version). Thread-safe.
 */
@ApplicationScoped
public class ShardWriter {

    /** AIS {@code apc.ArchAppend}: append; the shard must exist. */
    public static final int ARCH_APPEND = 1;
    /** AIS {@code apc.ArchAppendIfExist}: append when the shard exists, else create it. */
    public static final int ARCH_APPEND_IF_EXIST = 2;

    @Inject
    ArchiveThreads threads;

    @Inject
    ObjectService objects;

    @Inject
    ArchiveService archives;

    /** Something that writes an archive (or any bytes) to a stream. */
    @FunctionalInterface
    public interface Producer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Stores {@code dst} with the bytes {@code producer} writes; returns the stored object's stat. The producer runs
     * on the calling thread (it may read a request body), the PUT on a writer thread.
     */
    public ObjectStat put(ObjectId dst, Producer producer) {
        ChunkPipe pipe = new ChunkPipe();
        Future<ObjectStat> stored;
        try {
            stored = threads.writers().submit(() -> {
                try (InputStream in = pipe.input()) {
                    return objects.put(dst, in, -1, null, Map.of());
                } catch (RuntimeException | IOException e) {
                    pipe.cancel();
                    throw e;
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new AisException(
                    AisException.Kind.UNAVAILABLE, "too many archives being written; retry " + dst.cname());
        }
        try {
            producer.write(pipe.output());
            pipe.finish();
        } catch (IOException | RuntimeException e) {
            pipe.fail(e);
            try {
                stored.get(); // fails: the PUT saw the broken pipe and stored nothing
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException ignored) {
                // reported below as the producer's failure
            }
            throw e instanceof AisException a
                    ? a
                    : new AisException(
                            AisException.Kind.BAD_REQUEST,
                            "archive " + dst.cname() + " not written: " + e.getMessage(),
                            e);
        }
        return await(dst, stored);
    }

    private static ObjectStat await(ObjectId dst, Future<ObjectStat> stored) {
        try {
            return stored.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AisException(AisException.Kind.UNAVAILABLE, "interrupted storing " + dst.cname());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AisException a) {
                throw a;
            }
            throw new AisException(AisException.Kind.INTERNAL, "storing " + dst.cname() + ": " + c.getMessage(), c);
        }
    }

    /**
     * AIS append-to-archive ({@code PUT /v1/objects/b/shard?archpath=&archmime=} + {@code Ais-Pine} flags): adds
     * file {@code archpath} of {@code size} bytes from {@code body}. Flags 0 replace the shard with a new one holding
     * only this file; {@link #ARCH_APPEND} requires the shard to exist; {@link #ARCH_APPEND_IF_EXIST} creates it
     * when absent.
     */
    public ObjectStat append(ObjectId id, String mime, String archpath, int flags, InputStream body, long size) {
        ArchiveFormat f = ArchiveService.format(id, mime);
        if (archpath == null || archpath.isEmpty()) {
            throw AisException.badRequest("append to " + id.cname() + ": missing archpath");
        }
        if (size < 0) {
            throw AisException.badRequest("failed to archive " + id.cname() + ": missing Content-Length");
        }
        String name = ArchiveService.normalize(archpath);
        ObjectReader existing = flags == 0 ? null : openIfExists(id);
        if (existing == null && flags == ARCH_APPEND) {
            throw AisException.notFound("object " + id.cname() + " does not exist (append requires it)");
        }
        long now = System.currentTimeMillis();
        try (ObjectReader old = existing) {
            return put(id, out -> {
                try (ArchiveSink sink = old == null ? new ArchiveSink(f, out) : carryOver(id, f, old, out)) {
                    sink.add(name, size, now, body);
                    sink.finish();
                }
            });
        }
    }

    /**
     * Starts a sink whose archive already holds the existing shard's members: raw bytes for a tar, members copied
     * one by one otherwise.
     */
    ArchiveSink carryOver(ObjectId id, ArchiveFormat f, ObjectReader old, OutputStream out) throws IOException {
        if (f == ArchiveFormat.TAR) {
            long end = tarDataEnd(old);
            old.transferTo(out, 0, end);
            return new ArchiveSink(f, out);
        }
        ArchiveSink sink = new ArchiveSink(f, out);
        try (MemberCursor c = MemberCursor.open(
                f,
                f.randomAccess() ? InputStream.nullInputStream() : old.stream(),
                f.randomAccess() ? new ReaderChannel(old) : null)) {
            while (c.next()) {
                try (InputStream in = c.open()) {
                    sink.add(c.name(), c.size(), old.stat().mtimeMillis(), in);
                }
            }
        }
        return sink;
    }

    /** The offset just past the last member's (512-byte padded) data of a tar: where the trailer starts. */
    static long tarDataEnd(ObjectReader r) throws IOException {
        try (TarFile t = new TarFile(new ReaderChannel(r))) {
            List<TarArchiveEntry> entries = t.getEntries();
            if (entries.isEmpty()) {
                return 0;
            }
            TarArchiveEntry last = entries.get(entries.size() - 1);
            long data = last.isDirectory() || last.isSymbolicLink() || last.isLink() ? 0 : last.getSize();
            return last.getDataOffset() + (data + 511) / 512 * 512;
        }
    }

    private ObjectReader openIfExists(ObjectId id) {
        try {
            return objects.open(id, false);
        } catch (AisException e) {
            if (e.kind() == AisException.Kind.NOT_FOUND && e.reason() != AisException.Reason.NO_SUCH_BUCKET) {
                return null;
            }
            throw e;
        }
    }
}
