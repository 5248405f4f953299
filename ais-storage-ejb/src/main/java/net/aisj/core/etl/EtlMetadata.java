package net.aisj.core.etl;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The cluster's ETLs (AIS's EtlMD): an immutable, versioned snapshot; every change makes a new version.
 *
 * @param version grows by one with every change
 * @param etls    by name
 */
public record EtlMetadata(long version, Map<String, EtlEntry> etls) {

    public EtlMetadata {
        etls = Collections.unmodifiableMap(new TreeMap<>(etls));
    }

    public static EtlMetadata empty() {
        return new EtlMetadata(0, Map.of());
    }

    public Optional<EtlEntry> get(String name) {
        return Optional.ofNullable(etls.get(name));
    }

    /** A new version with {@code entry} put under its name. */
    public EtlMetadata with(EtlEntry entry) {
        Map<String, EtlEntry> m = new TreeMap<>(etls);
        m.put(entry.name(), entry);
        return new EtlMetadata(version + 1, m);
    }

    /** A new version with {@code name}'s entry changed by {@code change}; this one when absent. */
    public EtlMetadata change(String name, UnaryOperator<EtlEntry> change) {
        EtlEntry e = etls.get(name);
        return e == null ? this : with(change.apply(e));
    }

    /** A new version without {@code name}; this one when absent. */
    public EtlMetadata without(String name) {
        if (!etls.containsKey(name)) {
            return this;
        }
        Map<String, EtlEntry> m = new TreeMap<>(etls);
        m.remove(name);
        return new EtlMetadata(version + 1, m);
    }
}
