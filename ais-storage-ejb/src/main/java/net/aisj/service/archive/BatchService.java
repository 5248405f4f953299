package net.aisj.service.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.aisj.connector.api.BucketId;
import net.aisj.connector.api.ObjectId;
import net.aisj.core.AisException;
import net.aisj.service.BucketService;

/**
 * Get-Batch ({@code GET /v1/ml/moss/{bucket}}, AIS "moss"): many objects and/or files inside shards, from one or
 * more buckets, written as one archive in exactly the requested order. This node gathers the items from their
 * owning targets, {@value #WINDOW} in flight ({@link Prefetcher}; items up to {@value #BUFFER_LIMIT} bytes are
 * buffered while they wait, bigger ones stream when their turn comes), so memory stays bounded whatever the batch.
 * Thread-safe; one {@link Batch} per request.
 */
@ApplicationScoped
public class BatchService {

    static final int WINDOW = 8;
    static final long BUFFER_LIMIT = 1 << 20;

    /** One response entry (AIS {@code apc.MossOut}). */
    public record Out(
            String objName, String archPath, String bucket, String provider, String errMsg, String opaque, long size) {}

    /** Batches being written now. */
    private final java.util.concurrent.atomic.AtomicLong active = new java.util.concurrent.atomic.AtomicLong();
    /** Items answered (a missing one with {@code coer} counts: it is answered as missing), bytes sent. */
    private final java.util.concurrent.atomic.AtomicLong itemsSent = new java.util.concurrent.atomic.AtomicLong();

    private final java.util.concurrent.atomic.AtomicLong bytesSent = new java.util.concurrent.atomic.AtomicLong();

    @Inject
    ClusterReads reads;

    @Inject
    BucketService buckets;

    @Inject
    ArchiveThreads threads;

    /**
     * This node's Get-Batch counters in the shape the background-job sampler reads: {batches running, items
     * answered, 0, 0, bytes sent}.
     */
    public long[] counters() {
        return new long[] {active.get(), itemsSent.get(), 0, 0, bytesSent.get()};
    }

    /**
     * Checks the request (every bucket exists) and starts gathering. Without {@code coer}, a missing first item is
     * reported here, before any response is committed.
     *
     * @param dflt the bucket the request names in its path, or null (then every item names its own)
     * @throws AisException NOT_FOUND for a missing bucket (or first item), BAD_REQUEST for a bad one
     */
    public Batch start(BucketId dflt, MossReq req) {
        Set<BucketId> seen = new HashSet<>();
        for (MossReq.In in : req.in()) {
            BucketId b = bucket(dflt, in);
            if (seen.add(b)) {
                buckets.props(b);
            }
        }
        Batch batch = new Batch(dflt, req);
        batch.peekFirst();
        return batch;
    }

    /**
     * Every bucket a request reads (each item's, else the default), in order, once each: what a caller needs GET on.
     *
     * @throws AisException BAD_REQUEST when an item names no bucket and the request none either
     */
    public static Set<BucketId> buckets(BucketId dflt, MossReq req) {
        Set<BucketId> out = new java.util.LinkedHashSet<>();
        for (MossReq.In in : req.in()) {
            out.add(bucket(dflt, in));
        }
        return out;
    }

    /**
     * The item's bucket: its own, else the request's default.
     *
     * @param dflt the bucket of the request path, or null when the request names none (every item must)
     */
    private static BucketId bucket(BucketId dflt, MossReq.In in) {
        if (in.bucket().isEmpty()) {
            if (dflt == null) {
                throw AisException.badRequest("get-batch: missing bucket specification for (name:" + in.objName()
                        + "), and the request names no bucket");
            }
            return dflt;
        }
        String provider = in.provider().isEmpty() ? (dflt == null ? BucketId.AIS : dflt.provider()) : in.provider();
        return new BucketId(provider, "", in.bucket());
    }

    /**
     * The item's read range applied to its content (AIS's MossIn start/length): {@code start} bytes skipped,
     * {@code length} (or the rest, for -1) kept; a range outside the content is RANGE_NOT_SATISFIABLE.
     */
    static Fetched ranged(Fetched f, MossReq.In in) {
        if (!in.ranged()) {
            return f;
        }
        long size = f.size();
        long len = in.length() < 0 ? size - in.start() : in.length();
        if (in.start() >= size || in.start() + len > size) {
            f.close();
            throw new AisException(
                    AisException.Kind.RANGE_NOT_SATISFIABLE,
                    "get-batch: range (start " + in.start() + ", length " + in.length() + ") is outside " + in.objName()
                            + (in.archPath().isEmpty() ? "" : "/" + in.archPath()) + " of " + size + " bytes");
        }
        try {
            f.in().skipNBytes(in.start());
        } catch (java.io.IOException e) {
            f.close();
            throw new AisException(AisException.Kind.INTERNAL, "get-batch: reading " + in.objName() + ": " + e, e);
        }
        return new Fetched(len, f.mtimeMillis(), new BoundedInput(f.in(), len), f);
    }

    /** At most {@code n} bytes of a stream (closing closes nothing: the Fetched owns the stream). */
    private static final class BoundedInput extends java.io.InputStream {
        private final java.io.InputStream in;
        private long left;

        BoundedInput(java.io.InputStream in, long n) {
            this.in = in;
            this.left = n;
        }

        @Override
        public int read() throws java.io.IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws java.io.IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A started batch; {@link #writeTo} once, or {@link #close} to abandon it. */
    public final class Batch implements AutoCloseable {
        private final BucketId dflt;
        private final MossReq req;
        private final Prefetcher<Integer> prefetch;
        private Prefetcher.Result<Integer> first;
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        Batch(BucketId dflt, MossReq req) {
            this.dflt = dflt;
            this.req = req;
            active.incrementAndGet();
            this.prefetch = new Prefetcher<>(
                    threads.fetchers(),
                    IntStream.range(0, req.in().size()).iterator(),
                    i -> ranged(
                            reads.fetch(
                                    new ObjectId(
                                            bucket(dflt, req.in().get(i)),
                                            req.in().get(i).objName()),
                                    req.in().get(i).archPath()),
                            req.in().get(i)),
                    WINDOW,
                    BUFFER_LIMIT);
        }

        public MossReq request() {
            return req;
        }

        private void peekFirst() {
            first = prefetch.next();
            if (first.error() != null && !req.continueOnErr()) {
                prefetch.close();
                ended();
                throw first.error();
            }
        }

        /**
         * Writes the archive (finished, {@code out} left open) and returns one entry per item, in order.
         *
         * @throws AisException NOT_FOUND for a missing item without {@code coer} (the archive is then incomplete)
         * @throws IOException  when {@code out} fails
         */
        public List<Out> writeTo(OutputStream out) throws IOException {
            List<Out> outs = new ArrayList<>(req.in().size());
            try (ArchiveSink sink = new ArchiveSink(req.format(), out)) {
                Prefetcher.Result<Integer> r = first;
                first = null;
                while (r != null) {
                    outs.add(write(sink, r));
                    r = prefetch.hasNext() ? prefetch.next() : null;
                }
                sink.finish();
            } finally {
                prefetch.close();
                ended();
            }
            return outs;
        }

        private Out write(ArchiveSink sink, Prefetcher.Result<Integer> r) throws IOException {
            MossReq.In in = req.in().get(r.item());
            BucketId b = bucket(dflt, in);
            String name = in.nameInArchive(dflt == null ? "" : dflt.name(), req.onlyObjName());
            if (r.error() != null) {
                if (!req.continueOnErr() || r.error().kind() != AisException.Kind.NOT_FOUND) {
                    throw r.error();
                }
                sink.addEmpty(MossReq.MISSING_DIR + "/" + name);
                itemsSent.incrementAndGet();
                return new Out(
                        in.objName(),
                        in.archPath(),
                        b.name(),
                        b.provider(),
                        r.error().getMessage(),
                        in.opaque(),
                        0);
            }
            try (Fetched f = r.fetched()) {
                sink.add(name, f.size(), f.mtimeMillis(), f.in());
                itemsSent.incrementAndGet();
                bytesSent.addAndGet(f.size());
                return new Out(in.objName(), in.archPath(), b.name(), b.provider(), "", in.opaque(), f.size());
            }
        }

        @Override
        public void close() {
            if (first != null && first.fetched() != null) {
                first.fetched().close();
            }
            prefetch.close();
            ended();
        }

        private void ended() {
            if (done.compareAndSet(false, true)) {
                active.decrementAndGet();
            }
        }
    }
}
