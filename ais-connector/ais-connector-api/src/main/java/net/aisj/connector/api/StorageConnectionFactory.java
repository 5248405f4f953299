package net.aisj.connector.api;

import java.io.Serializable;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;

/** The connection factory applications look up or inject ({@code java:app/eis/ais-storage}). */
public interface StorageConnectionFactory extends Serializable, Referenceable {

    StorageConnection getConnection() throws ResourceException;
}
