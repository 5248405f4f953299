package net.aisj.service.dsort;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import net.aisj.connector.api.ObjectReader;
import net.aisj.connector.api.ScratchFile;
import net.aisj.core.dsort.DsortRecord;
import net.aisj.core.dsort.DsortSpec;
import net.aisj.service.archive.ArchiveFormat;
import net.aisj.service.archive.MemberCursor;
import net.aisj.service.archive.ReaderChannel;

/**
 * Extracts one input shard's records into a scratch file: members are grouped by record name in the order they
 * appear, each member's bytes appended to the scratch file as they are read (nothing is held in memory but the
 * content-key files, which are small by contract: at most {@value #MAX_KEY_BYTES} bytes). Not thread-safe.
 */
final class Extractor {

    static final int MAX_KEY_BYTES = 64 * 1024;

    private final DsortSpec spec;
    private final String self;
    private final ScratchFile spill;
    private final BooleanSupplier aborted;

    Extractor(DsortSpec spec, String self, ScratchFile spill, BooleanSupplier aborted) {
        this.spec = spec;
        this.self = self;
        this.spill = spill;
        this.aborted = aborted;
    }

    /** The records of input shard number {@code shard} (template order), opened as {@code r}. */
    List<DsortRecord> extract(int shard, String shardName, ObjectReader r) throws IOException {
        ArchiveFormat f = ArchiveFormat.of(spec.inputExt(), shardName);
        Map<String, Builder> records = new LinkedHashMap<>();
        try (MemberCursor c = MemberCursor.open(
                f,
                f.randomAccess() ? InputStream.nullInputStream() : r.stream(),
                f.randomAccess() ? new ReaderChannel(r) : null)) {
            while (c.next()) {
                if (aborted.getAsBoolean()) {
                    throw new InterruptedIOException("job aborted");
                }
                String[] ne = DsortRecord.split(c.name());
                Builder b = records.computeIfAbsent(ne[0], k -> new Builder());
                long size = c.size();
                if (size < 0) {
                    throw new IOException(shardName + ": member " + c.name() + " has no size");
                }
                try (InputStream in = c.open()) {
                    if (isKey(ne[1])) {
                        if (size > MAX_KEY_BYTES) {
                            throw new IOException(shardName + ": content key file " + c.name() + " is larger than "
                                    + MAX_KEY_BYTES + " bytes");
                        }
                        byte[] key = in.readNBytes((int) size);
                        b.key = new String(key, StandardCharsets.UTF_8).trim();
                        b.parts.add(
                                new DsortRecord.Part(ne[1], spill.append(new ByteArrayInputStream(key), size), size));
                    } else {
                        b.parts.add(new DsortRecord.Part(ne[1], spill.append(in, size), size));
                    }
                }
            }
        }
        List<DsortRecord> out = new ArrayList<>(records.size());
        int pos = 0;
        for (Map.Entry<String, Builder> e : records.entrySet()) {
            out.add(new DsortRecord(
                    e.getKey(), self, shard, pos++, r.stat().mtimeMillis(), e.getValue().parts, e.getValue().key));
        }
        return out;
    }

    private boolean isKey(String ext) {
        return spec.algorithm().kind() == DsortSpec.Kind.CONTENT
                && spec.algorithm().ext().equals(ext);
    }

    private static final class Builder {
        final List<DsortRecord.Part> parts = new ArrayList<>();
        String key = "";
    }
}
