package net.aisj.it.sample;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many times each (kind, object) event reached the message-driven bean since the application started. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventCounts {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public void count(String kind, String bucket, String name) {
        counts.computeIfAbsent(kind + " " + bucket + "/" + name, k -> new AtomicInteger())
                .incrementAndGet();
    }

    /** Every event seen, as {@code kind bucket/name -> times}. */
    public Map<String, Integer> snapshot() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
