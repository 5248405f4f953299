package net.aisj.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link VersionedStore} kept as JSON text under one key of a Hazelcast map, updated by compare-and-set
 * ({@code replace(key, old, new)}). A local cache is refreshed by this node's own writes and by entry events for
 * other nodes' writes; listeners see every newer version once, in version order.
 */
public final class HazelcastVersionedStore<T> implements VersionedStore<T> {

    private static final Logger LOG = Logger.getLogger(HazelcastVersionedStore.class.getName());

    private final IMap<String, String> map;
    private final String key;
    private final Function<String, T> decode;
    private final Function<T, String> encode;
    private final ToLongFunction<T> version;
    private final Supplier<T> empty;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T cached;

    public HazelcastVersionedStore(
            IMap<String, String> map,
            String key,
            Function<String, T> decode,
            Function<T, String> encode,
            ToLongFunction<T> version,
            Supplier<T> empty) {
        this.map = Objects.requireNonNull(map);
        this.key = key;
        this.decode = decode;
        this.encode = encode;
        this.version = version;
        this.empty = empty;
        String json = map.get(key);
        this.cached = json == null ? empty.get() : decode.apply(json);
        map.addEntryListener(new Events(), key, true);
    }

    @Override
    public T current() {
        return cached;
    }

    @Override
    public T update(UnaryOperator<T> change) {
        while (true) {
            String old = map.get(key);
            T cur = old == null ? empty.get() : decode.apply(old);
            T next = change.apply(cur);
            if (next == cur) {
                refresh(cur);
                return cur;
            }
            if (version.applyAsLong(next) <= version.applyAsLong(cur)) {
                throw new IllegalStateException(key + ": version must grow (" + version.applyAsLong(cur) + " -> "
                        + version.applyAsLong(next) + ")");
            }
            String json = encode.apply(next);
            boolean ok = old == null ? map.putIfAbsent(key, json) == null : map.replace(key, old, json);
            if (ok) {
                refresh(next);
                return next;
            }
        }
    }

    @Override
    public void offer(T candidate) {
        update(cur -> version.applyAsLong(candidate) > version.applyAsLong(cur) ? candidate : cur);
    }

    @Override
    public void addListener(Consumer<T> listener) {
        listeners.add(listener);
    }

    private synchronized void refresh(T doc) {
        if (version.applyAsLong(doc) <= version.applyAsLong(cached)) {
            return;
        }
        cached = doc;
        for (Consumer<T> l : listeners) {
            try {
                l.accept(doc);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, key + " v" + version.applyAsLong(doc) + ": listener failed", e);
            }
        }
    }

    private final class Events implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> e) {
            refresh(decode.apply(e.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> e) {
            refresh(decode.apply(e.getValue()));
        }
    }
}
