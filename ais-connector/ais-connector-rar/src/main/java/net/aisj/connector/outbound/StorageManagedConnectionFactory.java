package net.aisj.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;
import net.aisj.connector.api.StorageConnection;
import net.aisj.connector.api.StorageConnectionFactory;
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
public class StorageManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {

    private static final long serialVersionUID = 1L;

    private transient StorageResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

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
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        if (connections == null) {
            return null;
        }
        for (Object o : connections) {
            if (o instanceof StorageManagedConnection mc && mc.factory().equals(this) && !mc.isDestroyed()) {
                return mc;
            }
        }
        return null;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.NoTransaction;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof StorageResourceAdapter sra)) {
            throw new ResourceException("not the ais-connector resource adapter: " + ra);
        }
        this.resourceAdapter = sra;
    }

    StorageEngine engine() throws ResourceException {
        StorageResourceAdapter ra = resourceAdapter;
        if (ra == null) {
            throw new ResourceException("managed connection factory is not associated with a resource adapter");
        }
        return ra.engine();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** Equal when of the same class and bound to the same adapter (there are no configuration properties). */
    @Override
    public boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && ((StorageManagedConnectionFactory) o).resourceAdapter == resourceAdapter;
    }

    @Override
    public int hashCode() {
        return resourceAdapter == null ? 17 : resourceAdapter.hashCode();
    }
}
