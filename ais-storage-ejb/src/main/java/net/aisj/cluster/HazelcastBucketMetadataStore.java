package net.aisj.cluster;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import net.aisj.core.BucketMetadata;

/**
 * BMD kept as AIS JSON under one key of a Hazelcast map and updated by compare-and-set ({@code replace(k, old,
 * new)}). A local cache is refreshed by this node's own writes and by entry events for other nodes' writes; every
 * published snapshot is also handed to {@code persist} (the copies on this node's mountpaths).
 */
public final class HazelcastBucketMetadataStore implements BucketMetadataStore {

    static final String KEY = "bmd";

    private final IMap<String, String> map;
    private final Consumer<BucketMetadata> persist;
    private final String uuid;
    private volatile BucketMetadata cached;

    public HazelcastBucketMetadataStore(IMap<String, String> map, String uuid, Consumer<BucketMetadata> persist) {
        this.map = Objects.requireNonNull(map);
        this.persist = Objects.requireNonNull(persist);
        this.uuid = uuid;
        this.cached = read();
        map.addEntryListener(new Listener(), KEY, true);
    }

    @Override
    public BucketMetadata current() {
        return cached;
    }

    @Override
    public BucketMetadata update(UnaryOperator<BucketMetadata> change) {
        while (true) {
            String old = map.get(KEY);
            BucketMetadata cur = old == null ? BucketMetadata.empty(uuid) : decode(old);
            BucketMetadata next = change.apply(cur);
            if (next == cur) {
                refresh(cur);
                return cur;
            }
            String json = MetaJson.bmd(next).toString();
            boolean ok = old == null ? map.putIfAbsent(KEY, json) == null : map.replace(KEY, old, json);
            if (ok) {
                refresh(next);
                return next;
            }
        }
    }

    @Override
    public void offer(BucketMetadata candidate) {
        update(cur -> candidate.version() > cur.version() ? candidate : cur);
    }

    private BucketMetadata read() {
        String json = map.get(KEY);
        return json == null ? BucketMetadata.empty(uuid) : decode(json);
    }

    private static BucketMetadata decode(String json) {
        return MetaJson.readBmd(MetaJson.parse(json));
    }

    private synchronized void refresh(BucketMetadata bmd) {
        if (cached == null || bmd.version() > cached.version()) {
            cached = bmd;
            persist.accept(bmd);
        }
    }

    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> e) {
            refresh(decode(e.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> e) {
            refresh(decode(e.getValue()));
        }
    }
}
