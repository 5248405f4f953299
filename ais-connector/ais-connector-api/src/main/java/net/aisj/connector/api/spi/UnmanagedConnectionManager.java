package net.aisj.connector.api.spi;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;

/**
 * The connection manager for non-managed use (no container pool): one managed connection per handle, destroyed
 * when the handle is closed or reports an error.
 */
public final class UnmanagedConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection mc = mcf.createManagedConnection(null, info);
        mc.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                try {
                    mc.destroy();
                } catch (ResourceException e) {
                    // nothing else holds it
                }
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {}

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {}

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {}

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                connectionClosed(event);
            }
        });
        return mc.getConnection(null, info);
    }
}
