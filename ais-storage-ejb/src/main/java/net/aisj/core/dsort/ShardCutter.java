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

    private ShardCutter() {}

    /**
     * @throws AisException BAD_REQUEST when the output template has fewer names than shards are needed
     */
    public static List<OutputShard> cut(
            List<DsortRecord> ordered, long maxBytes, long maxRecords, Iterable<String> names) {
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

    /**
     * Cuts by an external key map: each record goes to the current shard of its template (looked up by the record's
     * key: its content key when ordering by content, else its name), a template's shard being closed at the size
     * or count limit like {@link #cut}. Shards are listed template by template (in the map's order), each
     * template's shards in order; records keep their relative order.
     *
     * @param nameFor a template's output names, in order
     */
    public static List<OutputShard> cutByKeyMap(
            List<DsortRecord> ordered,
            long maxBytes,
            long maxRecords,
            ExternalKeyMap ekm,
            boolean byContentKey,
            java.util.function.Function<String, Iterable<String>> nameFor) {
        java.util.Map<String, List<OutputShard>> byTemplate = new java.util.LinkedHashMap<>();
        ekm.templates().forEach(t -> byTemplate.put(t, new ArrayList<>()));
        java.util.Map<String, Iterator<String>> names = new java.util.HashMap<>();
        java.util.Map<String, long[]> fill = new java.util.HashMap<>();
        for (DsortRecord r : ordered) {
            String t = ekm.lookup(byContentKey ? r.contentKey() : r.name());
            List<OutputShard> shards = byTemplate.get(t);
            long[] f = fill.computeIfAbsent(t, k -> new long[] {0, 0, 1});
            if (f[2] == 1) {
                Iterator<String> it =
                        names.computeIfAbsent(t, k -> nameFor.apply(k).iterator());
                shards.add(new OutputShard(name(it, shards.size()), new ArrayList<>()));
                f[0] = 0;
                f[1] = 0;
                f[2] = 0;
            }
            shards.get(shards.size() - 1).records().add(r);
            f[0] += r.size();
            f[1]++;
            if ((maxBytes > 0 && f[0] >= maxBytes) || (maxRecords > 0 && f[1] >= maxRecords)) {
                f[2] = 1;
            }
        }
        List<OutputShard> out = new ArrayList<>();
        byTemplate.values().forEach(out::addAll);
        return out;
    }

    private static String name(Iterator<String> it, int made) {
        if (!it.hasNext()) {
            throw AisException.badRequest("the output template has only " + made + " names, more shards are needed");
        }
        return it.next();
    }
}
