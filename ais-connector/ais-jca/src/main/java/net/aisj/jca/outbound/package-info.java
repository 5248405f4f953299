/**
 * The outbound side: the connection definition ({@link net.aisj.jca.outbound.AisManagedConnectionFactory}), its
 * pooled managed connections (each one Java client signed on as one user) and the handles applications hold.
 */
package net.aisj.jca.outbound;
