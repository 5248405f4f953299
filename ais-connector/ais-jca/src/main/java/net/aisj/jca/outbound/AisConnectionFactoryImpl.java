package net.aisj.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;
import net.aisj.jca.AisConnection;
import net.aisj.jca.AisConnectionFactory;

/** The factory bound in JNDI: asks the server's connection manager (its pool) for a handle. */
public class AisConnectionFactoryImpl implements AisConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final AisManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    public AisConnectionFactoryImpl(AisManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    @Override
    public AisConnection getConnection() throws ResourceException {
        return (AisConnection) cm.allocateConnection(mcf, null);
    }

    @Override
    public AisConnection getConnection(String user, char[] password) throws ResourceException {
        return (AisConnection) cm.allocateConnection(mcf, new SignOn(user, password));
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
