package net.aisj.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionMetaData;
import javax.security.auth.Subject;
import net.aisj.connector.api.spi.PooledManagedConnection;
import net.aisj.connector.fs.StorageEngine;

/**
 * A pooled connection to the (shared, thread-safe) storage engine. It owns no physical resource of its own: the
 * handle and listener bookkeeping is {@link PooledManagedConnection}'s. Thread-safe.
 */
public class StorageManagedConnection extends PooledManagedConnection<StorageConnectionImpl> {

    private final StorageManagedConnectionFactory factory;
    private final StorageEngine engine;

    StorageManagedConnection(StorageManagedConnectionFactory factory, StorageEngine engine) {
        super("ais-connector");
        this.factory = factory;
        this.engine = engine;
    }

    StorageManagedConnectionFactory factory() {
        return factory;
    }

    StorageEngine engine() {
        return engine;
    }

    @Override
    protected void invalidate(StorageConnectionImpl handle) {
        handle.invalidate();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        checkUsable();
        StorageConnectionImpl h = new StorageConnectionImpl(this);
        track(h);
        return h;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkUsable();
        if (!(connection instanceof StorageConnectionImpl h)) {
            throw new ResourceException("not a storage connection handle: " + connection);
        }
        h.associate(this);
        track(h);
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
}
