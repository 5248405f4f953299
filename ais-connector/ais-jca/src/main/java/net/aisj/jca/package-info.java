/**
 * What an enterprise application sees of the JCA connector ({@code ais-jca.rar}), deployed on its own Jakarta EE
 * server: {@link net.aisj.jca.AisConnectionFactory} (inject it with {@code @Resource}), the
 * {@link net.aisj.jca.AisConnection} it hands out (objects read and written as streams, through the Java client's
 * smart routing), and {@link net.aisj.jca.ObjectEventListener}, the message listener type of the inbound side
 * (object events delivered to message-driven beans).
 */
package net.aisj.jca;
