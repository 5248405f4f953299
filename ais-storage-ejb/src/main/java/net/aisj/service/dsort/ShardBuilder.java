package net.aisj.service.dsort;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import net.aisj.connector.api.ObjectId;
import net.aisj.connector.api.ObjectStat;
import net.aisj.connector.api.ScratchFile;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.core.dsort.ShardCutter;
import net.aisj.service.archive.ArchiveFormat;
import net.aisj.service.archive.ArchiveSink;

/**
 * Builds one output shard on its owner: the contents of records held by other targets are first pulled, one
 * streamed request per holder, into a scratch file here; then the shard is written in record order from the local
 * scratch files and stored as one PUT, so an abort or failure at any point stores nothing. Members are named
 * record name + extension and carry the input shard's mtime (the same input gives byte-identical shards).
 * Not thread-safe; one instance per shard.
 */
final class ShardBuilder {

    /** Counts what a build moved: records pulled from other targets and their bytes. */
    interface Counter {
        void pulled(long records, long bytes);
    }

    private final String jobId;
    private final DsortSpec spec;
    private final DsortNode node;
    private final ScratchFile spill;
    private final BooleanSupplier aborted;
    private final Counter counter;

    ShardBuilder(
            String jobId, DsortSpec spec, DsortNode node, ScratchFile spill, BooleanSupplier aborted, Counter counter) {
        this.jobId = jobId;
        this.spec = spec;
        this.node = node;
        this.spill = spill;
        this.aborted = aborted;
        this.counter = counter;
    }

    ObjectStat build(ShardCutter.OutputShard shard) throws IOException {
        String self = node.selfId();
        Map<String, List<DsortRecord>> remote = new LinkedHashMap<>();
        for (DsortRecord r : shard.records()) {
            if (!r.holder().equals(self)) {
                remote.computeIfAbsent(r.holder(), h -> new ArrayList<>()).add(r);
            }
        }
        ScratchFile pulled = remote.isEmpty() ? null : node.scratch("dsort-" + jobId + "-in");
        try {
            Map<String, Long> local = pull(remote, pulled);
            ArchiveFormat f = ArchiveFormat.of(spec.outputExt(), shard.name());
            return node.put(new ObjectId(spec.output(), shard.name()), out -> {
                try (ArchiveSink sink = new ArchiveSink(f, out)) {
                    for (DsortRecord r : shard.records()) {
                        if (aborted.getAsBoolean()) {
                            throw new InterruptedIOException("job aborted");
                        }
                        boolean mine = r.holder().equals(self);
                        for (DsortRecord.Part p : r.parts()) {
                            try (InputStream in = mine
                                    ? spill.read(p.offset(), p.size())
                                    : pulled.read(local.get(r.holder() + "@" + p.offset()), p.size())) {
                                sink.add(r.name() + p.ext(), p.size(), r.mtimeMillis(), in);
                            }
                        }
                    }
                    sink.finish();
                }
            });
        } finally {
            if (pulled != null) {
                pulled.close();
            }
        }
    }

    /** Pulls every holder's parts into {@code into}; returns where each (holder@offset) landed. */
    private Map<String, Long> pull(Map<String, List<DsortRecord>> remote, ScratchFile into) throws IOException {
        Map<String, Long> where = new HashMap<>();
        for (Map.Entry<String, List<DsortRecord>> e : remote.entrySet()) {
            if (aborted.getAsBoolean()) {
                throw new InterruptedIOException("job aborted");
            }
            List<long[]> ranges = new ArrayList<>();
            long total = 0;
            for (DsortRecord r : e.getValue()) {
                for (DsortRecord.Part p : r.parts()) {
                    ranges.add(new long[] {p.offset(), p.size()});
                    total += p.size();
                }
            }
            long base;
            try (InputStream in = node.intra().pull(node.target(e.getKey()), jobId, ranges)) {
                base = into.append(in, total);
            }
            for (long[] rg : ranges) {
                where.put(e.getKey() + "@" + rg[0], base);
                base += rg[1];
            }
            counter.pulled(e.getValue().size(), total);
        }
        return where;
    }
}
