package net.aisj.jca.outbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import net.aisj.client.AisClient;
import net.aisj.client.ClusterView;

/**
 * A pooled connection: one Java client (its HTTP connections are kept per node by the JDK client) signed on as one
 * user. It tracks its handles, invalidates them on {@link #cleanup()}, and tells the pool when a handle closes or
 * when a call found the cluster unreachable ({@code CONNECTION_ERROR_OCCURRED}: the pool drops it). Thread-safe.
 */
public class AisManagedConnection implements ManagedConnection {

    private static final Logger LOG = Logger.getLogger("net.aisj.jca");

    private final AisManagedConnectionFactory factory;
    private final SignOn signOn;
    private final AisClient client;
    private final Set<AisConnectionImpl> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean destroyed;
    private volatile PrintWriter logWriter;

    AisManagedConnection(AisManagedConnectionFactory factory, SignOn signOn, AisClient client) {
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

    boolean isDestroyed() {
        return destroyed;
    }

    /** Reads the cluster map again: valid when it can and a target is in service. */
    boolean validate() {
        if (destroyed) {
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
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("managed connection is destroyed");
        }
        AisConnectionImpl h = new AisConnectionImpl(this);
        handles.add(h);
        return h;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("managed connection is destroyed");
        }
        if (!(connection instanceof AisConnectionImpl h)) {
            throw new ResourceException("not an ais-jca connection handle: " + connection);
        }
        h.associate(this);
        handles.add(h);
    }

    void detach(AisConnectionImpl h) {
        handles.remove(h);
    }

    void handleClosed(AisConnectionImpl h) {
        handles.remove(h);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(h);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    /** A call could not reach any node: the pool should replace this connection. */
    void failed(AisConnectionImpl h, Exception cause) {
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        event.setConnectionHandle(h);
        for (ConnectionEventListener l : listeners) {
            l.connectionErrorOccurred(event);
        }
    }

    @Override
    public void cleanup() {
        for (AisConnectionImpl h : handles) {
            h.invalidate();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        destroyed = true;
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        if (listener != null) {
            listeners.add(listener);
        }
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("ais-jca does not support XA transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("ais-jca does not support local transactions");
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
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public String toString() {
        return "AisManagedConnection[" + signOn.user() + "]";
    }
}
