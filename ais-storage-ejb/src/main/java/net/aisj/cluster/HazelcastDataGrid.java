package net.aisj.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import net.aisj.core.ClusterMap;

/**
 * {@link DataGrid} on the Hazelcast instance Payara embeds. Documents live as JSON text in the map
 * {@code ais.meta}; numbers in one map per table; topics are Hazelcast topics.
 *
 * <p>The instance is looked up by its global JNDI name, not injected with {@code @Resource}: beans that use the
 * grid are created while the application starts, and inside an EAR on Payara Server that can happen outside any
 * component invocation, where the {@code java:comp/env} entry behind an injected resource cannot be resolved
 * ("ComponentId is null"). A global name resolves everywhere, on Payara Micro too.
 */
@ApplicationScoped
public class HazelcastDataGrid implements DataGrid {

    static final String JNDI_NAME = "payara/Hazelcast";
    static final String META_MAP = "ais.meta";

    private HazelcastInstance hz;

    @PostConstruct
    void lookup() {
        try {
            hz = InitialContext.doLookup(JNDI_NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("the data grid is not available at " + JNDI_NAME, e);
        }
    }

    @Override
    public <T> VersionedStore<T> versionedStore(
            String key,
            Function<String, T> decode,
            Function<T, String> encode,
            ToLongFunction<T> version,
            Supplier<T> initial) {
        return new HazelcastVersionedStore<>(hz.getMap(META_MAP), key, decode, encode, version, initial);
    }

    @Override
    public String agreeOn(String key, String candidate) {
        String prev = hz.<String, String>getMap(META_MAP).putIfAbsent(key, candidate);
        return prev != null ? prev : candidate;
    }

    @Override
    public void putNumber(String table, String key, long value) {
        hz.<String, Long>getMap(table).put(key, value);
    }

    @Override
    public OptionalLong number(String table, String key) {
        IMap<String, Long> m = hz.getMap(table);
        Long v = m.get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public void publish(String topic, String message) {
        hz.<String>getTopic(topic).publish(message);
    }

    @Override
    public void subscribe(String topic, Consumer<String> listener) {
        hz.<String>getTopic(topic).addMessageListener(m -> listener.accept(m.getMessageObject()));
    }

    @Override
    public GridMembership membership(VersionedStore<ClusterMap> smap) {
        return new GridMembership(hz, smap);
    }

    @Override
    public int memberCount() {
        return hz.getCluster().getMembers().size();
    }
}
