package net.aisj.connector.outbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import net.aisj.connector.fs.StorageEngine;

/**
 * A pooled connection to the (shared, thread-safe) storage engine. It owns no physical resource of its own: it
 * tracks its handles and listeners, invalidates the handles on {@link #cleanup()} and {@link #destroy()}, and
 * tells the pool when a handle closes ({@code CONNECTION_CLOSED}). Thread-safe.
 */
public class StorageManagedConnection implements ManagedConnection {

    private final StorageManagedConnectionFactory factory;
    private final StorageEngine engine;
    private final Set<StorageConnectionImpl> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean destroyed;
    private volatile PrintWriter logWriter;

    StorageManagedConnection(StorageManagedConnectionFactory factory, StorageEngine engine) {
        this.factory = factory;
        this.engine = engine;
    }

    StorageManagedConnectionFactory factory() {
        return factory;
    }

    StorageEngine engine() {
        return engine;
    }

    boolean isDestroyed() {
        return destroyed;
    }

    int handleCount() {
        return handles.size();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("managed connection is destroyed");
        }
        StorageConnectionImpl h = new StorageConnectionImpl(this);
        handles.add(h);
        return h;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("managed connection is destroyed");
        }
        if (!(connection instanceof StorageConnectionImpl h)) {
            throw new ResourceException("not a storage connection handle: " + connection);
        }
        h.associate(this);
        handles.add(h);
    }

    /** A handle moved to another managed connection. */
    void detach(StorageConnectionImpl h) {
        handles.remove(h);
    }

    /** A handle was closed by the application: tell the pool this connection may be reused. */
    void handleClosed(StorageConnectionImpl h) {
        handles.remove(h);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(h);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    @Override
    public void cleanup() {
        for (StorageConnectionImpl h : handles) {
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
        throw new NotSupportedException("ais-connector does not support XA transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("ais-connector does not support local transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "ais-connector storage engine";
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
                return "";
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
}
