package net.aisj.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import net.aisj.connector.api.spi.PooledConnectionSource;
import net.aisj.jca.AisConnection;
import net.aisj.jca.AisConnectionFactory;

/** The factory bound in JNDI: asks the server's connection manager (its pool) for a handle. */
public class AisConnectionFactoryImpl extends PooledConnectionSource implements AisConnectionFactory {

    private static final long serialVersionUID = 1L;

    public AisConnectionFactoryImpl(AisManagedConnectionFactory mcf, ConnectionManager cm) {
        super(mcf, cm);
    }

    @Override
    public AisConnection getConnection() throws ResourceException {
        return (AisConnection) allocate(null);
    }

    @Override
    public AisConnection getConnection(String user, char[] password) throws ResourceException {
        return (AisConnection) allocate(new SignOn(user, password));
    }
}
