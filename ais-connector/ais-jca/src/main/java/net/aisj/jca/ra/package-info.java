/**
 * The resource adapter of {@code ais-jca.rar}: its configuration (the cluster's endpoints), the server's WorkManager
 * (the Java client's asynchronous HTTP work and the inbound event pumps run on it) and the inbound activations.
 */
package net.aisj.jca.ra;
