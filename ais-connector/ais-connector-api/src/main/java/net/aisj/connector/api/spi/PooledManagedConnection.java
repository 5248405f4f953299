package net.aisj.connector.api.spi;

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
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * A managed connection without transactions that hands out handles of type {@code H}: gives out and associates
 * handles, tracks them and the pool's listeners, invalidates the handles on {@link #cleanup()} and
 * {@link #destroy()}, tells the pool when a handle closes ({@code CONNECTION_CLOSED}) or found the connection broken
 * ({@code CONNECTION_ERROR_OCCURRED}), and describes itself. Subclasses make, move and invalidate their handles.
 * Thread-safe.
 *
 * @param <H> the handle type
 */
public abstract class PooledManagedConnection<H> implements ManagedConnection {

    private final String product;
    private final String eisProduct;
    private final Class<H> handleType;
    private final Set<H> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean destroyed;
    private volatile PrintWriter logWriter;

    /**
     * @param product the adapter's name, in refusals (transactions, foreign handles)
     * @param eisProduct what the metadata calls the system connected to
     * @param handleType the class of this connection's handles
     */
    protected PooledManagedConnection(String product, String eisProduct, Class<H> handleType) {
        this.product = product;
        this.eisProduct = eisProduct;
        this.handleType = handleType;
    }

    /** A new handle on this connection. */
    protected abstract H newHandle();

    /** Moves {@code handle}, given out by another managed connection, onto this one. */
    protected abstract void associate(H handle);

    /** Makes {@code handle} unusable (the connection was cleaned up or destroyed). */
    protected abstract void invalidate(H handle);

    /** Who this connection acts for, for its metadata (empty: nobody in particular). */
    protected String userName() {
        return "";
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        checkUsable();
        H h = newHandle();
        track(h);
        return h;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkUsable();
        if (!handleType.isInstance(connection)) {
            throw new ResourceException("not a " + product + " connection handle: " + connection);
        }
        H h = handleType.cast(connection);
        associate(h);
        track(h);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        String user = userName();
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return eisProduct;
            }

            @Override
            public String getEISProductVersion() {
                return "1.0";
            }

            @Override
            public int getMaxConnections() {
                return 0; // no limit of its own: the pool decides
            }

            @Override
            public String getUserName() {
                return user;
            }
        };
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** How many handles are open on this connection. */
    public int handleCount() {
        return handles.size();
    }

    /** Throws when destroyed: no new handle may be given out. */
    protected void checkUsable() throws ResourceException {
        if (destroyed) {
            throw new jakarta.resource.spi.IllegalStateException("managed connection is destroyed");
        }
    }

    /** A handle given out or associated with this connection. */
    private void track(H handle) {
        handles.add(handle);
    }

    /** A handle moved to another managed connection. */
    public void detach(H handle) {
        handles.remove(handle);
    }

    /** The application closed a handle: the pool may reuse this connection. */
    public void handleClosed(H handle) {
        handles.remove(handle);
        fire(ConnectionEvent.CONNECTION_CLOSED, handle, null);
    }

    /** A call through {@code handle} found this connection broken: the pool should drop it. */
    public void failed(H handle, Exception cause) {
        fire(ConnectionEvent.CONNECTION_ERROR_OCCURRED, handle, cause);
    }

    private void fire(int type, H handle, Exception cause) {
        ConnectionEvent event =
                cause == null ? new ConnectionEvent(this, type) : new ConnectionEvent(this, type, cause);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            if (type == ConnectionEvent.CONNECTION_CLOSED) {
                l.connectionClosed(event);
            } else {
                l.connectionErrorOccurred(event);
            }
        }
    }

    @Override
    public void cleanup() {
        for (H h : handles) {
            invalidate(h);
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
        throw new NotSupportedException(product + " does not support XA transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException(product + " does not support local transactions");
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
