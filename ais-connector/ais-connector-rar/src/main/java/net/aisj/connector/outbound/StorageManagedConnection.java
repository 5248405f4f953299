package net.aisj.connector.outbound;

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
        super("ais-connector", "ais-connector storage engine", StorageConnectionImpl.class);
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
    protected StorageConnectionImpl newHandle() {
        return new StorageConnectionImpl(this);
    }

    @Override
    protected void associate(StorageConnectionImpl handle) {
        handle.associate(this);
    }

    @Override
    protected void invalidate(StorageConnectionImpl handle) {
        handle.invalidate();
    }
}
