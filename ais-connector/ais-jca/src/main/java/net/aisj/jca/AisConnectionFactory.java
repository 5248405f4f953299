package net.aisj.jca;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/**
 * The connection factory an application looks up or injects ({@code @Resource(lookup = "jca/ais")}). Connections
 * come from the server's pool; with container-managed sign-on (the default) the server supplies the user and
 * password of the pool's configuration.
 */
public interface AisConnectionFactory extends Serializable, Referenceable {

    /** A connection signed on by the container; close it when done (try-with-resources). */
    AisConnection getConnection() throws ResourceException;

    /** A connection signed on by the application (component-managed sign-on) as {@code user}. */
    AisConnection getConnection(String user, char[] password) throws ResourceException;
}
