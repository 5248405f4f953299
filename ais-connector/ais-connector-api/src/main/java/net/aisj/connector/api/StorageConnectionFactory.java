package net.aisj.connector.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/** The connection factory applications look up or inject ({@code java:app/eis/ais-storage}). */
public interface StorageConnectionFactory extends Serializable, Referenceable {

    StorageConnection getConnection() throws ResourceException;

    /**
     * One connection for the application's lifetime, shared by every thread (handles are thread-safe), for hot paths
     * where a pool round trip per call costs more than the call itself (a small GET). {@code close()} on it does
     * nothing: the pool reclaims it when the application stops. When the pool has invalidated it (a connection
     * error), the next call hands out a new one.
     */
    StorageConnection getSharedConnection() throws ResourceException;
}
