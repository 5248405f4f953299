package net.aisj.jca.inbound;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.client.AisClient;
import net.aisj.client.ClusterView;
import net.aisj.client.EventPage;
import net.aisj.client.ObjectEvent;
import net.aisj.jca.ObjectEventListener;

/**
 * Delivers one activation's events: reads every target's journal (targets of the cluster map, refreshed every few
 * rounds), filtered by bucket and prefix on the target, hands each event of a subscribed kind to a message endpoint,
 * one at a time in journal order per target, and saves the positions after each page. An event whose delivery threw
 * stops that target's page: it is delivered again next round (at least once). A target that cannot be read (down,
 * leaving) delays only its own events: the others are read all the same, and its position is kept until it is back
 * (a restarted node keeps its journal, so delivery resumes right after the last event delivered). A journal whose
 * epoch changed (the node's journal was recreated, e.g. on new disks) is read from its start, with a warning: its
 * positions mean nothing in the old numbering, and every event in it is new. Long-lived Work; {@link #stop} ends it.
 */
public final class EventPump implements Work {

    private static final Logger LOG = Logger.getLogger("net.aisj.jca");
    private static final int MAP_EVERY = 10;
    /** A journal read is small: a node that does not answer within this is skipped until the next round. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Where events go: a message endpoint in the container, anything in a test. */
    public interface Sink {
        void deliver(ObjectEvent e) throws Exception;
    }

    private final ObjectEventActivationSpec spec;
    private final AisClient client;
    private final Sink sink;
    private final String consumer;
    private final Set<String> kinds;
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Counted down by {@link #stop}: ends the pause between rounds at once (never an interrupt: see stop). */
    private final CountDownLatch stopping = new CountDownLatch(1);

    private volatile boolean stopped;

    public EventPump(ObjectEventActivationSpec spec, String endpoints, MessageEndpointFactory factory, Executor ex) {
        this(spec, endpoints, endpointSink(factory), consumerOf(spec, factory.getActivationName()), ex);
    }

    public EventPump(ObjectEventActivationSpec spec, String endpoints, Sink sink, String consumer, Executor ex) {
        this.spec = spec;
        this.sink = sink;
        this.consumer = consumer;
        this.kinds = spec.kindSet();
        AisClient.Builder b = AisClient.builder()
                .timeout(CALL_TIMEOUT)
                .credentials(spec.getUser(), spec.getPassword().toCharArray());
        if (endpoints == null || endpoints.isBlank()) {
            throw new IllegalArgumentException("ais-jca activation: no endpoints (set the activation's or the"
                    + " adapter's 'endpoints' to the cluster's node URLs)");
        }
        for (String e : endpoints.split(",")) {
            if (!e.isBlank()) {
                b.endpoint(e.strip());
            }
        }
        if (ex != null) {
            b.executor(ex);
        }
        this.client = b.build();
    }

    private static String consumerOf(ObjectEventActivationSpec spec, String activationName) {
        if (!spec.getConsumer().isEmpty()) {
            return spec.getConsumer();
        }
        return activationName == null || activationName.isBlank()
                ? spec.getBucket() + "-" + Integer.toHexString(spec.getPrefix().hashCode())
                : activationName;
    }

    private static Sink endpointSink(MessageEndpointFactory factory) {
        return e -> {
            MessageEndpoint ep = factory.createEndpoint(null);
            try {
                ((ObjectEventListener) ep).onObjectEvent(e);
            } finally {
                ep.release();
            }
        };
    }

    @Override
    public void run() {
        try {
            Positions positions = Positions.load(spec.positionDir(), consumer);
            LOG.info("ais-jca: " + spec.describe() + " for consumer '" + consumer + "', positions in "
                    + positions.file());
            ClusterView map = null;
            long round = 0;
            Map<String, String> problems = new HashMap<>(); // per node (or "map"): the last one logged
            while (!stopped) {
                boolean more = false;
                try {
                    if (map == null || round++ % MAP_EVERY == 0) {
                        map = client.refreshClusterMap();
                    }
                    problems.remove("map");
                } catch (RuntimeException e) {
                    report(problems, "map", "reading the cluster map failed (retrying)", e);
                    map = null;
                }
                for (ClusterView.Target t : map == null ? List.<ClusterView.Target>of() : map.targets()) {
                    if (stopped) {
                        break;
                    }
                    try {
                        more |= drain(t, positions);
                        problems.remove(t.id());
                    } catch (RuntimeException e) {
                        // this node is down or leaving: the others are still read; the map is read again
                        // next round (the node may have left it), and this node's position is kept for its return
                        report(problems, t.id(), "reading the events of " + t.id() + " failed (retrying)", e);
                        round = 0;
                    }
                }
                if (!more && !stopped) {
                    pause();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ais-jca: event delivery for '" + consumer + "' ended", e);
        } finally {
            ended.countDown();
        }
    }

    /** Logs a problem once until it changes or goes away (a node that is down would otherwise log every round). */
    private static void report(Map<String, String> problems, String key, String what, RuntimeException e) {
        String msg = String.valueOf(e.getMessage());
        if (!msg.equals(problems.put(key, msg))) {
            LOG.log(Level.WARNING, "ais-jca: " + what + ": " + msg);
        }
    }

    /**
     * Delivers one page of target {@code t}'s journal; true when the page was full (more may be waiting). Throws when
     * the target cannot be read (its position stays; the other targets are read all the same).
     */
    boolean drain(ClusterView.Target t, Positions positions) {
        Positions.Position at = positions.get(t.id());
        EventPage page = client.events(t, at.seq(), spec.getBatchSize(), spec.getBucket(), spec.getPrefix());
        if (!page.epoch().equals(at.epoch())) {
            if (!at.epoch().isEmpty()) {
                LOG.warning("ais-jca: the event journal of " + t.id() + " is new (epoch " + page.epoch() + ", was "
                        + at.epoch() + "): reading it from its start");
            }
            boolean readFromOld = at.seq() != 0;
            at = new Positions.Position(page.epoch(), 0);
            positions.set(t.id(), at);
            if (readFromOld) {
                page = client.events(t, 0, spec.getBatchSize(), spec.getBucket(), spec.getPrefix());
            }
        }
        if (page.first() > at.seq() + 1) {
            LOG.warning("ais-jca: " + (page.first() - at.seq() - 1) + " events of " + t.id()
                    + " were dropped by the node's journal retention before '" + consumer + "' read them");
        }
        long done = at.seq();
        for (ObjectEvent e : page.events()) {
            if (stopped) {
                break;
            }
            if (kinds.contains(e.kind())) {
                try {
                    sink.deliver(e);
                } catch (Exception ex) {
                    LOG.log(Level.WARNING, "ais-jca: delivery of " + e + " failed; it will be delivered again", ex);
                    save(positions, t.id(), at.epoch(), e.seq() - 1, at.seq());
                    return false;
                }
            }
            done = e.seq();
        }
        if (!stopped) {
            done = Math.max(done, page.next());
        }
        save(positions, t.id(), at.epoch(), done, at.seq());
        return page.events().size() >= spec.getBatchSize();
    }

    private static void save(Positions positions, String node, String epoch, long seq, long was) {
        if (seq != was) {
            positions.set(node, new Positions.Position(epoch, seq));
            positions.save();
        }
    }

    /** The poll interval when no journal has anything new; ends early when the pump is stopped. */
    private void pause() {
        try {
            if (stopping.await(spec.getPollMillis(), TimeUnit.MILLISECONDS)) {
                stopped = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /**
     * Asks the pump to end and waits up to {@code wait} for it. The pump's thread is not interrupted: an interrupt
     * would close the position file's channel in the middle of a save (and reach into the bean being delivered to);
     * it ends after the event or page at hand instead.
     */
    public void stop(Duration wait) {
        release();
        try {
            ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void release() {
        stopped = true;
        stopping.countDown();
    }
}
