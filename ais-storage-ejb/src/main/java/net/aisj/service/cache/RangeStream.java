package net.aisj.service.cache;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import net.aisj.backend.Backend;
import net.aisj.backend.BackendException;
import net.aisj.backend.RemoteObject;
import net.aisj.backend.RemoteRead;
import net.aisj.connector.api.ScratchFile;
import net.aisj.connector.api.ScratchSpace;
import net.aisj.connector.api.StorageException;
import net.aisj.connector.api.WorkLane;

/**
 * A remote object read as consecutive ranges fetched in parallel: up to {@code workers} ranges are in flight on a
 * work lane, each streamed from the backend into a scratch file on a mountpath (never held in memory); the stream
 * hands the ranges on in order and deletes each scratch file once read. A range whose remote identity (version or
 * ETag) differs from the object's fails the stream, as does any failed range or the job's abort; closing it early
 * drops the ranges fetched and in flight. Not thread-safe (one reader); the fetches run on the lane.
 */
final class RangeStream extends InputStream {

    /** The object to read and where from. */
    record Source(Backend backend, String bucket, String name, RemoteObject meta) {}

    private final ScratchSpace scratch;
    private final WorkLane lane;
    private final Source src;
    private final long chunk;
    private final long chunks;
    private final int workers;
    private final LongConsumer progress;
    private final BooleanSupplier aborted;
    private final Deque<FutureTask<ScratchFile>> inFlight = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicLong submitted = new java.util.concurrent.atomic.AtomicLong();
    private ScratchFile current;
    private InputStream currentIn;
    private volatile boolean closed;

    RangeStream(
            ScratchSpace scratch,
            WorkLane lane,
            Source src,
            long chunk,
            int workers,
            LongConsumer progress,
            BooleanSupplier aborted) {
        this.scratch = scratch;
        this.lane = lane;
        this.src = src;
        this.chunk = chunk;
        this.chunks = (src.meta().size() + chunk - 1) / chunk;
        this.workers = workers;
        this.progress = progress;
        this.aborted = aborted;
        while (submitted.get() < chunks && inFlight.size() < workers) {
            submitNext();
        }
    }

    private void submitNext() {
        long index = submitted.getAndIncrement();
        inFlight.add(lane.submit(() -> fetch(index)));
    }

    /** One range into a scratch file (on a lane worker). */
    private ScratchFile fetch(long index) throws IOException {
        if (closed || aborted.getAsBoolean()) {
            throw new IOException("aborted");
        }
        long offset = index * chunk;
        long length = Math.min(chunk, src.meta().size() - offset);
        ScratchFile f;
        try {
            f = scratch.createScratch("blob");
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
        boolean ok = false;
        try (RemoteRead rr = src.backend().get(src.bucket(), src.name(), offset, length)) {
            if (!rr.meta().identity().equals(src.meta().identity())) {
                throw new IOException("the remote object changed during the download ("
                        + src.meta().identity() + " became " + rr.meta().identity() + ")");
            }
            f.append(rr.body(), length);
            progress.accept(length);
            ok = !closed;
            return f;
        } catch (BackendException e) {
            throw new IOException("range " + offset + "+" + length + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                f.close();
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (currentIn != null) {
                int n = currentIn.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                dropCurrent();
            }
            if (inFlight.isEmpty()) {
                return -1;
            }
            if (aborted.getAsBoolean()) {
                throw new IOException("aborted");
            }
            FutureTask<ScratchFile> next = inFlight.poll();
            try {
                current = lane.join(next);
            } catch (ExecutionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            currentIn = current.read(0, current.size());
            if (submitted.get() < chunks) {
                submitNext();
            }
        }
    }

    private void dropCurrent() throws IOException {
        try {
            if (currentIn != null) {
                currentIn.close();
            }
        } finally {
            currentIn = null;
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            dropCurrent();
        } finally {
            for (FutureTask<ScratchFile> f : inFlight) {
                f.cancel(false);
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        f.get().close();
                    } catch (ExecutionException | InterruptedException | RuntimeException e) {
                        // nothing was kept
                    }
                }
            }
            inFlight.clear();
        }
    }
}
