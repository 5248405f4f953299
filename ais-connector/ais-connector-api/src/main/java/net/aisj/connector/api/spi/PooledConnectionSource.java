package net.aisj.connector.api.spi;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * What an adapter's connection factory (the object bound in JNDI that applications inject) does underneath: asks the
 * server's connection manager, that is its pool, for a handle of its managed connection factory, and keeps the JNDI
 * reference the server gives it. Serializable and Referenceable for JNDI binding; thread-safe.
 */
public abstract class PooledConnectionSource implements Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final ManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    protected PooledConnectionSource(ManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    /** A connection handle from the pool; {@code info} null for the pool's (or the container's) sign-on. */
    protected Object allocate(ConnectionRequestInfo info) throws ResourceException {
        return cm.allocateConnection(mcf, info);
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
