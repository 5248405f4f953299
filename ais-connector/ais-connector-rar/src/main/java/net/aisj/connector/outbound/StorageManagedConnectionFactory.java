package net.aisj.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import java.util.function.Predicate;
import javax.security.auth.Subject;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
import net.aisj.connector.api.spi.PooledConnectionFactory;
import net.aisj.connector.api.spi.UnmanagedConnectionManager;
import net.aisj.connector.fs.StorageEngine;
import net.aisj.connector.ra.StorageResourceAdapter;

/**
 * Creates managed connections to the resource adapter's storage engine. It has no configuration properties (the
 * mountpaths come with {@link StorageConnection#open}), so all factories of one adapter are equal. Transactions:
 * none (object writes are their own atomic transactions).
 */
@ConnectionDefinition(
        connectionFactory = StorageConnectionFactory.class,
        connectionFactoryImpl = StorageConnectionFactoryImpl.class,
        connection = StorageConnection.class,
        connectionImpl = StorageConnectionImpl.class)
public class StorageManagedConnectionFactory extends PooledConnectionFactory<StorageResourceAdapter> {

    private static final long serialVersionUID = 1L;

    public StorageManagedConnectionFactory() {
        super("ais-connector", StorageResourceAdapter.class);
    }

    @Override
    public Object createConnectionFactory(ConnectionManager cm) {
        return new StorageConnectionFactoryImpl(this, cm);
    }

    /** Non-managed use: every connection gets its own managed connection, destroyed when the handle closes. */
    @Override
    public Object createConnectionFactory() {
        return new StorageConnectionFactoryImpl(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        return new StorageManagedConnection(this, engine());
    }

    /** Any live connection of this factory will do: connections carry no per-user state. */
    @Override
    protected Predicate<ManagedConnection> matcher(Subject subject, ConnectionRequestInfo info) {
        return c -> c instanceof StorageManagedConnection mc && mc.factory().equals(this) && !mc.isDestroyed();
    }

    StorageEngine engine() throws ResourceException {
        StorageResourceAdapter ra = adapter();
        if (ra == null) {
            throw new ResourceException("managed connection factory is not associated with a resource adapter");
        }
        return ra.engine();
    }

    /** Equal when of the same class and bound to the same adapter (there are no configuration properties). */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((StorageManagedConnectionFactory) o).adapter() == adapter();
    }

    @Override
    public int hashCode() {
        return adapter() == null ? 17 : adapter().hashCode();
    }
}
