package net.aisj.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javax.security.auth.Subject;
import net.aisj.client.AisClient;
import net.aisj.connector.api.spi.PooledConnectionFactory;
import net.aisj.connector.api.spi.UnmanagedConnectionManager;
import net.aisj.jca.AisConnection;
import net.aisj.jca.AisConnectionFactory;
import net.aisj.jca.ra.AisResourceAdapter;

/**
 * The connection definition: each managed connection is a Java client of the cluster signed on as one user.
 * Properties: {@code endpoints} (comma-separated node URLs; empty: the adapter's), {@code connectTimeoutSeconds},
 * {@code timeoutSeconds}, {@code userName}/{@code password} (the pool's default principal: with container-managed
 * sign-on the server hands them back in the Subject, and they become the client's credentials). Validation ({@link #getInvalidConnections}): a connection is valid while its
 * cluster map can be read again and has a target in service; an invalid one is replaced by the pool with a fresh one
 * (which reads the map anew from the endpoints, so a changed cluster is picked up). Transactions: none (each object
 * write is atomic by itself).
 */
@ConnectionDefinition(
        connectionFactory = AisConnectionFactory.class,
        connectionFactoryImpl = AisConnectionFactoryImpl.class,
        connection = AisConnection.class,
        connectionImpl = AisConnectionImpl.class)
public class AisManagedConnectionFactory extends PooledConnectionFactory<AisResourceAdapter>
        implements ValidatingManagedConnectionFactory {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "The cluster's node URLs, comma-separated; empty: the resource adapter's")
    private String endpoints = "";

    @ConfigProperty(description = "Seconds to wait for a connection to a node", defaultValue = "10")
    private Integer connectTimeoutSeconds = 10;

    @ConfigProperty(
            description = "Seconds a call may wait for its answer's status (a PUT's upload included)",
            defaultValue = "600")
    private Integer timeoutSeconds = 600;

    @ConfigProperty(description = "User for container-managed sign-on (the server passes it in a PasswordCredential)")
    private String userName = "";

    @ConfigProperty(description = "Password of userName", confidential = true)
    private String password = "";

    public AisManagedConnectionFactory() {
        super("ais-jca", AisResourceAdapter.class);
    }

    public String getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(String endpoints) {
        this.endpoints = endpoints == null ? "" : endpoints.strip();
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName == null ? "" : userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public void setConnectTimeoutSeconds(Integer s) {
        connectTimeoutSeconds = s;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer s) {
        timeoutSeconds = s;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager cm) {
        return new AisConnectionFactoryImpl(this, cm);
    }

    /** Non-managed use: every connection gets its own managed connection, destroyed when the handle closes. */
    @Override
    public Object createConnectionFactory() {
        return new AisConnectionFactoryImpl(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        SignOn who = signOn(subject, info);
        return new AisManagedConnection(this, who, client(who));
    }

    /**
     * The container's credential, else the application's, else (no container: JCA's "default security") this
     * factory's own {@code userName}/{@code password}.
     */
    SignOn signOn(Subject subject, ConnectionRequestInfo info) {
        SignOn who = SignOn.of(subject, info, this);
        return who == SignOn.NOBODY && !userName.isEmpty() ? new SignOn(userName, password.toCharArray()) : who;
    }

    /** A client of the configured cluster for {@code who}, its HTTP work on the server's WorkManager. */
    AisClient client(SignOn who) throws ResourceException {
        AisResourceAdapter resourceAdapter = adapter();
        String list = endpoints.isEmpty() && resourceAdapter != null ? resourceAdapter.getEndpoints() : endpoints;
        if (list == null || list.isBlank()) {
            throw new ResourceException("ais-jca: no endpoints (set the connection pool's or the adapter's"
                    + " 'endpoints' property to the cluster's node URLs)");
        }
        AisClient.Builder b = AisClient.builder()
                .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .credentials(who.user(), who.password());
        for (String e : list.split(",")) {
            if (!e.isBlank()) {
                b.endpoint(e.strip());
            }
        }
        Executor ex = resourceAdapter == null ? null : resourceAdapter.executor();
        if (ex != null) {
            b.executor(ex);
        }
        return b.build();
    }

    /** A live connection of this factory signed on as the same user. */
    @Override
    protected Predicate<ManagedConnection> matcher(Subject subject, ConnectionRequestInfo info) {
        SignOn who = signOn(subject, info);
        return c -> c instanceof AisManagedConnection mc
                && mc.factory().equals(this)
                && !mc.isDestroyed()
                && mc.signOn().equals(who);
    }

    /** The connections whose cluster map cannot be read again, or has no target in service. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) {
        Set invalid = new HashSet();
        if (connections != null) {
            for (Object o : connections) {
                if (o instanceof AisManagedConnection mc && !mc.validate()) {
                    invalid.add(mc);
                }
            }
        }
        return invalid;
    }

    /** Equal when of the same class with the same configuration (JCA 1.7, 6.5.3.3). */
    @Override
    public boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && ((AisManagedConnectionFactory) o).endpoints.equals(endpoints)
                && Objects.equals(((AisManagedConnectionFactory) o).connectTimeoutSeconds, connectTimeoutSeconds)
                && Objects.equals(((AisManagedConnectionFactory) o).timeoutSeconds, timeoutSeconds)
                && ((AisManagedConnectionFactory) o).userName.equals(userName)
                && ((AisManagedConnectionFactory) o).password.equals(password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoints, connectTimeoutSeconds, timeoutSeconds, userName);
    }
}
