package net.aisj.jca.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import net.aisj.jca.inbound.EventPump;
import net.aisj.jca.inbound.ObjectEventActivationSpec;

/**
 * The connector for applications: knows the cluster's endpoints ({@code endpoints}, comma-separated node URLs; the
 * default of every connection factory and activation that names none) and the server's WorkManager. Inbound:
 * each activation of a message-driven bean gets an {@link EventPump} running as long-lived Work.
 */
@Connector(
        displayName = "ais-jca",
        vendorName = "aisj",
        eisType = "AIS object store cluster",
        version = "1.0",
        transactionSupport = TransactionSupportLevel.NoTransaction)
public class AisResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger("net.aisj.jca");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    @ConfigProperty(description = "The cluster's node URLs, comma-separated (any node; more for failover)")
    private String endpoints = "";

    private volatile WorkManager workManager;
    private final Map<MessageEndpointFactory, EventPump> pumps = new ConcurrentHashMap<>();

    public String getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(String endpoints) {
        this.endpoints = endpoints == null ? "" : endpoints.strip();
    }

    @Override
    public void start(BootstrapContext ctx) {
        workManager = ctx.getWorkManager();
        LOG.info("ais-jca resource adapter started (endpoints: " + (endpoints.isEmpty() ? "none" : endpoints) + ")");
    }

    @Override
    public void stop() {
        for (EventPump p : pumps.values()) {
            p.stop(STOP_WAIT);
        }
        pumps.clear();
        LOG.info("ais-jca resource adapter stopped");
    }

    /** Runs tasks as short Work on the server's WorkManager (the Java client's asynchronous HTTP work). */
    public Executor executor() {
        WorkManager wm = workManager;
        if (wm == null) {
            return null;
        }
        return task -> {
            try {
                wm.scheduleWork(new TaskWork(task));
            } catch (WorkException e) {
                throw new java.util.concurrent.RejectedExecutionException("the WorkManager refused a task", e);
            }
        };
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof ObjectEventActivationSpec s)) {
            throw new ResourceException("not an ais-jca activation spec: " + spec);
        }
        s.validate();
        WorkManager wm = Objects.requireNonNull(workManager, "resource adapter not started");
        EventPump pump = new EventPump(s, s.endpointsOr(endpoints), factory, executor());
        pumps.put(factory, pump);
        wm.scheduleWork(pump, WorkManager.INDEFINITE, null, null);
        LOG.info("ais-jca: delivering " + s.describe() + " to " + factory.getActivationName());
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        EventPump p = pumps.remove(factory);
        if (p != null) {
            p.stop(STOP_WAIT);
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // the configuration decides equality (JCA 1.7, 5.3.1)
    @Override
    public boolean equals(Object o) {
        return o instanceof AisResourceAdapter a && a.getClass() == getClass() && a.endpoints.equals(endpoints);
    }

    @Override
    public int hashCode() {
        return endpoints.hashCode();
    }
}
