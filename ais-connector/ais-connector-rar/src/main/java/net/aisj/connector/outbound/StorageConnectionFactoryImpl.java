package net.aisj.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;

/**
 * The factory applications inject ({@code java:app/eis/ais-storage}); hands out connections from the container's
 * pool. Serializable and Referenceable for JNDI binding. Thread-safe.
 */
public class StorageConnectionFactoryImpl implements StorageConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final StorageManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;
    private transient volatile StorageConnectionImpl shared;

    StorageConnectionFactoryImpl(StorageManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    @Override
    public StorageConnection getConnection() throws ResourceException {
        return (StorageConnection) cm.allocateConnection(mcf, null);
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

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
