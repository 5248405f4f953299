package net.aisj.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.connector.api.spi.PooledConnectionSource;

/**
 * The factory applications inject ({@code java:app/eis/ais-storage}); hands out connections from the container's
 * pool. Serializable and Referenceable for JNDI binding. Thread-safe.
 */
public class StorageConnectionFactoryImpl extends PooledConnectionSource implements StorageConnectionFactory {

    private static final long serialVersionUID = 1L;

    private transient volatile StorageConnectionImpl shared;

    StorageConnectionFactoryImpl(StorageManagedConnectionFactory mcf, ConnectionManager cm) {
        super(mcf, cm);
    }

    @Override
    public StorageConnection getConnection() throws ResourceException {
        return (StorageConnection) allocate(null);
    }

    @Override
    public StorageConnection getSharedConnection() throws ResourceException {
        StorageConnectionImpl s = shared;
        if (s != null && s.isValid()) {
            return s;
        }
        synchronized (this) {
            s = shared;
            if (s == null || !s.isValid()) {
                s = (StorageConnectionImpl) getConnection();
                s.pin();
                shared = s;
            }
            return s;
        }
    }
}
