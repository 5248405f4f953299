/**
 * What both resource adapters of the project share in their outbound side (the node's disk engine,
 * {@code ais-connector-rar}, and the application connector, {@code ais-jca}): a pooled managed connection's handles,
 * listeners and metadata ({@link net.aisj.connector.api.spi.PooledManagedConnection}); a managed connection
 * factory's adapter association, log writer, transaction level and matching
 * ({@link net.aisj.connector.api.spi.PooledConnectionFactory}); the pool-backed side of the connection factory
 * applications inject ({@link net.aisj.connector.api.spi.PooledConnectionSource}); and the connection manager for
 * use outside a container ({@link net.aisj.connector.api.spi.UnmanagedConnectionManager}).
 */
package net.aisj.connector.api.spi;
