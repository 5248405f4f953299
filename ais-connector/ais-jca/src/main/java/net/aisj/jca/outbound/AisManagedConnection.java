package net.aisj.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import net.aisj.client.AisClient;
import net.aisj.client.ClusterView;
import net.aisj.connector.api.spi.PooledManagedConnection;

/**
 * A pooled connection: one Java client (its HTTP connections are kept per node by the JDK client) signed on as one
 * user. Handle and listener bookkeeping is {@link PooledManagedConnection}'s; a call that found the cluster
 * unreachable tells the pool to drop the connection. Thread-safe.
 */
public class AisManagedConnection extends PooledManagedConnection<AisConnectionImpl> {

    private static final Logger LOG = Logger.getLogger("net.aisj.jca");

    private final AisManagedConnectionFactory factory;
    private final SignOn signOn;
    private final AisClient client;

    AisManagedConnection(AisManagedConnectionFactory factory, SignOn signOn, AisClient client) {
        super("ais-jca");
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
    protected void invalidate(AisConnectionImpl handle) {
        handle.invalidate();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        checkUsable();
        AisConnectionImpl h = new AisConnectionImpl(this);
        track(h);
        return h;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkUsable();
        if (!(connection instanceof AisConnectionImpl h)) {
            throw new ResourceException("not an ais-jca connection handle: " + connection);
        }
        h.associate(this);
        track(h);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "AIS object store";
            }

            @Override
            public String getEISProductVersion() {
                return "1.0";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return signOn.user();
            }
        };
    }

    @Override
    public String toString() {
        return "AisManagedConnection[" + signOn.user() + "]";
    }
}
