/**
 * The resource adapter ({@code @Connector}): owns the node's single storage engine and runs its background tasks
 * as {@code Work} on the container's WorkManager.
 */
package net.aisj.connector.ra;
