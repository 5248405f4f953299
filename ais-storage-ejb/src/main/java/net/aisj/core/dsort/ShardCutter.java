package net.aisj.core.dsort;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import net.aisj.core.AisException;

/**
 * Cuts ordered records into output shards: records go into the current shard in order, and a shard is closed once
 * its content reaches {@code maxBytes} or it holds {@code maxRecords} records (0 = no such limit), so every shard but
 * the last is at least the size asked for by less than one record (AIS does the same). Shards take the output names
 * in order.
 */
public final class ShardCutter {

    /** One output shard: its name and records in order. */
    public record OutputShard(String name, List<DsortRecord> records) {
        public long size() {
            long n = 0;
            for (DsortRecord r : records) {
                n += r.size();
            }
            return n;
        }
    }

    private ShardCutter() {
    }

    /**
     * @throws AisException BAD_REQUEST when the output template has fewer names than shards are needed
     */
    public static List<OutputShard> cut(List<DsortRecord> ordered, long maxBytes, long maxRecords,
                                        Iterable<String> names) {
        List<OutputShard> out = new ArrayList<>();
        Iterator<String> it = names.iterator();
        List<DsortRecord> cur = new ArrayList<>();
        long bytes = 0;
        for (DsortRecord r : ordered) {
            cur.add(r);
            bytes += r.size();
            if ((maxBytes > 0 && bytes >= maxBytes) || (maxRecords > 0 && cur.size() >= maxRecords)) {
                out.add(new OutputShard(name(it, out.size()), cur));
                cur = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!cur.isEmpty()) {
            out.add(new OutputShard(name(it, out.size()), cur));
        }
        return out;
    }

    private static String name(Iterator<String> it, int made) {
        if (!it.hasNext()) {
            throw AisException.badRequest("output_format has only " + made + " names, more shards are needed");
        }
        return it.next();
    }
}
