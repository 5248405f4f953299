/**
 * What both resource adapters of the project share in their outbound side (the node's disk engine,
 * {@code ais-connector-rar}, and the application connector, {@code ais-jca}): the handle and listener bookkeeping of
 * a pooled managed connection ({@link net.aisj.connector.api.spi.PooledManagedConnection}) and the connection
 * manager for use outside a container ({@link net.aisj.connector.api.spi.UnmanagedConnectionManager}).
 */
package net.aisj.connector.api.spi;
