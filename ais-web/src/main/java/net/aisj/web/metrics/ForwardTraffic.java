package net.aisj.web.metrics;

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
 * and moves no payload between nodes ({@code ais_proxy_redirect_count}). Counted by the forwarding node.
 * Thread-safe.
 */
@ApplicationScoped
public class ForwardTraffic {

    @Inject
    MetricRegistry registry;

    private volatile Counter calls;
    private volatile Counter sent;
    private volatile Counter received;

    /** One call forwarded to its owner. */
    public void call() {
        Counter c = calls;
        if (c == null) {
            c = counter("ais_intra_fwd_count", "S3 object calls forwarded to the owner");
            calls = c;
        }
        c.inc();
    }

    /** Request body bytes streamed to an owner. */
    public void sent(long bytes) {
        Counter c = sent;
        if (c == null) {
            c = counter("ais_intra_fwd_sent_bytes", "request body bytes streamed to owners by S3 forwarding");
            sent = c;
        }
        c.inc(bytes);
    }

    /** Response body bytes relayed from an owner. */
    public void received(long bytes) {
        Counter c = received;
        if (c == null) {
            c = counter("ais_intra_fwd_recv_bytes", "response body bytes relayed from owners by S3 forwarding");
            received = c;
        }
        c.inc(bytes);
    }

    private Counter counter(String name, String description) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build());
    }
}
