package net.aisj.connector.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import net.aisj.connector.fs.EngineConfig;
import net.aisj.connector.fs.StorageEngine;

/**
 * The storage resource adapter: holds the node's single {@link StorageEngine}. {@link #start} keeps the
 * WorkManager, on which the engine runs one cleanup jogger per mountpath once a caller opens the mountpaths;
 * {@link #stop} releases every Work and waits briefly for them to end. No inbound side (no message endpoints).
 */
@Connector(
        displayName = "ais-connector",
        vendorName = "aisj",
        eisType = "AIS mountpath storage",
        version = "1.0",
        transactionSupport = TransactionSupportLevel.NoTransaction)
public class StorageResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger("net.aisj.connector.ra");
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private volatile WorkManagerBackground background;
    private volatile StorageEngine engine;

    @Override
    public void start(BootstrapContext ctx) {
        background = new WorkManagerBackground(ctx.getWorkManager());
        engine = new StorageEngine(EngineConfig.fromSystemProperties(), background);
        LOG.info("ais-connector resource adapter started");
    }

    @Override
    public void stop() {
        StorageEngine e = engine;
        if (e != null) {
            e.shutdown(STOP_WAIT);
        }
        WorkManagerBackground b = background;
        if (b != null) {
            b.releaseAll();
        }
        LOG.info("ais-connector resource adapter stopped");
    }

    /**
     * The node's storage engine.
     *
     * @throws ResourceException when the adapter has not been started
     */
    public StorageEngine engine() throws ResourceException {
        StorageEngine e = engine;
        if (e == null) {
            throw new ResourceException("the ais-connector resource adapter is not started");
        }
        return e;
    }

    WorkManagerBackground background() {
        return background;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new NotSupportedException("ais-connector has no inbound message endpoints");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // never activated
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** No configuration properties: every adapter instance is its own identity (JCA asks for an override). */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
