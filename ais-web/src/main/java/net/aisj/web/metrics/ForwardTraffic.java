package net.aisj.web.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * What the S3 API's forwarding (a call that reaches a node other than the object's owner is streamed to the owner
 * and its answer streamed back) moves between nodes, on {@code /metrics}: {@code ais_intra_fwd_count} (calls
 * forwarded), {@code ais_intra_fwd_sent_bytes} (request bodies sent to owners) and {@code ais_intra_fwd_recv_bytes}
 * (response bodies relayed from owners); payload only, HTTP headers not counted. The native API answers 307 instead
 * and moves no payload between nodes ({@code ais_proxy_redirect_count}). Counted by the forwarding node; the
 * series exist from the first forwarded call on. Thread-safe.
 */
@ApplicationScoped
public class ForwardTraffic {

    @Inject
    MetricRegistry registry;

    private Counter calls;
    private Counter sent;
    private Counter received;

    @PostConstruct
    void register() {
        calls = counter("ais_intra_fwd_count", "S3 object calls forwarded to the owner");
        sent = counter("ais_intra_fwd_sent_bytes", "request body bytes streamed to owners by S3 forwarding");
        received = counter("ais_intra_fwd_recv_bytes", "response body bytes relayed from owners by S3 forwarding");
    }

    /** One call forwarded to its owner. */
    public void call() {
        calls.inc();
    }

    /** Request body bytes streamed to an owner. */
    public void sent(long bytes) {
        sent.inc(bytes);
    }

    /** Response body bytes relayed from an owner. */
    public void received(long bytes) {
        received.inc(bytes);
    }

    private Counter counter(String name, String description) {
        return registry.counter(
                Metadata.builder().withName(name).withDescription(description).build());
    }
}
