/**
 * The JCA outbound SPI, one class per role: managed connection factory, managed connection, connection handle and
 * connection factory. Handles delegate every call to the resource adapter's storage engine.
 */
package net.aisj.connector.outbound;
