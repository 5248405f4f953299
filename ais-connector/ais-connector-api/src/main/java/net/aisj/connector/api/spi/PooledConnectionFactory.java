package net.aisj.connector.api.spi;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import java.io.PrintWriter;
import java.util.Set;
import java.util.function.Predicate;
import javax.security.auth.Subject;

/**
 * A managed connection factory without transactions, bound to one resource adapter of type {@code A}: the adapter
 * association (refusing any other adapter), the log writer, {@code NoTransaction}, and matching pooled connections
 * (the first that {@link #matcher} accepts, else none: the pool then creates one). Subclasses create connections
 * and connection factories and define {@code equals}/{@code hashCode} over their configuration (JCA 1.7, 6.5.3.3).
 *
 * @param <A> the resource adapter's type
 */
public abstract class PooledConnectionFactory<A extends ResourceAdapter>
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {

    private static final long serialVersionUID = 1L;

    private final String product;
    private final Class<A> adapterType;
    private transient A resourceAdapter;
    private transient PrintWriter logWriter;

    /**
     * @param product the adapter's name, in refusals
     * @param adapterType the only resource adapter class this factory works with
     */
    protected PooledConnectionFactory(String product, Class<A> adapterType) {
        this.product = product;
        this.adapterType = adapterType;
    }

    /** The adapter this factory belongs to; null until the container associated them. */
    protected A adapter() {
        return resourceAdapter;
    }

    /**
     * Which pooled connections may serve a request of {@code subject} with {@code info}: they must be this factory's
     * and not destroyed, and carry whatever per-user state the request needs.
     */
    protected abstract Predicate<ManagedConnection> matcher(Subject subject, ConnectionRequestInfo info);

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        if (connections == null) {
            return null;
        }
        Predicate<ManagedConnection> ok = matcher(subject, info);
        for (Object o : connections) {
            if (o instanceof ManagedConnection mc && ok.test(mc)) {
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
        if (!adapterType.isInstance(ra)) {
            throw new ResourceException("not the " + product + " resource adapter: " + ra);
        }
        this.resourceAdapter = adapterType.cast(ra);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
