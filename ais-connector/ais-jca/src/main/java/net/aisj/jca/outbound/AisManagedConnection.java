package net.aisj.jca.outbound;

import java.util.logging.Level;
import java.util.logging.Logger;
import net.aisj.client.AisClient;
import net.aisj.client.ClusterView;
import net.aisj.connector.api.spi.PooledManagedConnection;

/**
 * A pooled connection: one Java client (its HTTP connections are kept per node by the JDK client) signed on as one
 * user. Handles, listeners and metadata are {@link PooledManagedConnection}'s; a call that found the cluster
 * unreachable tells the pool to drop the connection. Thread-safe.
 */
public class AisManagedConnection extends PooledManagedConnection<AisConnectionImpl> {

    private static final Logger LOG = Logger.getLogger("net.aisj.jca");

    private final AisManagedConnectionFactory factory;
    private final SignOn signOn;
    private final AisClient client;

    AisManagedConnection(AisManagedConnectionFactory factory, SignOn signOn, AisClient client) {
        super("ais-jca", "AIS object store", AisConnectionImpl.class);
        this.factory = factory;
        this.signOn = signOn;
        this.client = client;
    }

    AisManagedConnectionFactory factory() {
        return factory;
    }

    SignOn signOn() {
        return signOn;
    }

    AisClient client() {
        return client;
    }

    /** Reads the cluster map again: valid when it can and a target is in service. */
    boolean validate() {
        if (isDestroyed()) {
            return false;
        }
        try {
            ClusterView v = client.refreshClusterMap();
            return v.targets().stream().anyMatch(ClusterView.Target::inService);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "ais-jca: connection invalid (cluster map unreadable): " + e.getMessage());
            return false;
        }
    }

    @Override
    protected AisConnectionImpl newHandle() {
        return new AisConnectionImpl(this);
    }

    @Override
    protected void associate(AisConnectionImpl handle) {
        handle.associate(this);
    }

    @Override
    protected void invalidate(AisConnectionImpl handle) {
        handle.invalidate();
    }

    @Override
    protected String userName() {
        return signOn.user();
    }

    @Override
    public String toString() {
        return "AisManagedConnection[" + signOn.user() + "]";
    }
}
