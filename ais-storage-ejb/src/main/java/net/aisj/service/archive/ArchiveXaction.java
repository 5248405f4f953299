package net.aisj.service.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import net.aisj.connector.api.ListEntry;
import net.aisj.connector.api.ListRequest;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectPage;
import net.aisj.connector.api.ObjectReader;
import net.aisj.core.AisException;
import net.aisj.service.ObjectService;
import net.aisj.xact.XactKind;
import net.aisj.xact.Xaction;

/**
 * The {@code archive} job on the target that owns the archive's name: it gathers the source objects (local ones
 * from disk, the others from their owners, {@value #WINDOW} fetches in flight, in the requested order) and streams
 * them into one archive stored as a single PUT ({@link ShardWriter}). With {@code aate} an existing archive's
 * members come first. Missing sources fail the job unless {@code coer} is set or they were named by a range
 * template (AIS skips those). Counters: {@code loc-*} per archived object, {@code out-*} the stored archive.
 */
final class ArchiveXaction extends Xaction {

    static final int WINDOW = 8;
    static final long BUFFER_LIMIT = 1 << 20;

    private final ArchiveSpec spec;
    private final ClusterReads reads;
    private final ShardWriter writer;
    private final ObjectService objects;
    private final java.util.function.BiFunction<net.aisj.connector.api.BucketId, ListRequest, ObjectPage> listing;
    private final ExecutorService executor;

    ArchiveXaction(
            String id,
            String nodeId,
            ArchiveSpec spec,
            ClusterReads reads,
            ShardWriter writer,
            ObjectService objects,
            java.util.function.BiFunction<net.aisj.connector.api.BucketId, ListRequest, ObjectPage> listing,
            ExecutorService executor) {
        super(id, XactKind.ARCHIVE, nodeId, spec.from().name());
        this.spec = spec;
        this.reads = reads;
        this.writer = writer;
        this.objects = objects;
        this.listing = listing;
        this.executor = executor;
    }

    @Override
    protected void work() {
        ObjectId dst = spec.archive();
        ObjectReader old = spec.appendIfExists() ? openIfExists(dst) : null;
        boolean skipMissing = spec.continueOnErr() || spec.range().isRange();
        try (ObjectReader existing = old) {
            var stat = writer.put(dst, out -> {
                try (ArchiveSink sink = existing == null
                                ? new ArchiveSink(spec.format(), out)
                                : writer.carryOver(dst, spec.format(), existing, out);
                        Prefetcher<String> p = new Prefetcher<>(
                                executor,
                                sources(),
                                n -> reads.fetch(new ObjectId(spec.from(), n), null),
                                WINDOW,
                                BUFFER_LIMIT)) {
                    while (p.hasNext()) {
                        if (isAborted()) {
                            throw new InterruptedIOException("job aborted");
                        }
                        Prefetcher.Result<String> r = p.next();
                        if (r.error() != null) {
                            if (r.error().kind() == AisException.Kind.NOT_FOUND && skipMissing) {
                                error(r.error().getMessage());
                                continue;
                            }
                            throw new IOException(r.error().getMessage(), r.error());
                        }
                        try (Fetched f = r.fetched()) {
                            sink.add(spec.memberName(r.item()), f.size(), f.mtimeMillis(), f.in());
                        }
                        locObjs.incrementAndGet();
                        locBytes.addAndGet(r.fetched().size());
                    }
                    sink.finish();
                }
            });
            outObjs.incrementAndGet();
            outBytes.addAndGet(stat.size());
        }
    }

    private ObjectReader openIfExists(ObjectId id) {
        try {
            return objects.open(id, false);
        } catch (AisException e) {
            if (e.kind() == AisException.Kind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** Source names: the list, the template's expansion, or a listing by prefix (the archive itself left out). */
    private Iterator<String> sources() {
        if (spec.range().isList()) {
            return spec.range().names().iterator();
        }
        if (spec.range().isRange()) {
            return spec.range().expand();
        }
        return new Iterator<>() {
            private Iterator<ListEntry> page = java.util.Collections.emptyIterator();
            private String after = "";
            private boolean last;
            private String next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (page.hasNext()) {
                        ListEntry e = page.next();
                        boolean self = spec.from().equals(spec.to()) && e.name().equals(spec.archName());
                        if (!e.dir() && !self) {
                            next = e.name();
                        }
                    } else if (last) {
                        return false;
                    } else {
                        ObjectPage p = listing.apply(
                                spec.from(), new ListRequest(spec.range().prefix(), after, 1000, false, true));
                        page = p.entries().iterator();
                        after = p.nextToken();
                        last = after.isEmpty();
                    }
                }
                return true;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String n = next;
                next = null;
                return n;
            }
        };
    }
}
