/**
 * A sample enterprise application using the JCA connector ({@code ais-jca.rar}) the way an application on its own
 * Jakarta EE server would: {@link net.aisj.it.sample.ObjectsServlet} streams uploads and downloads through an
 * injected {@code AisConnectionFactory} (pooled, container-managed sign-on) and
 * {@link net.aisj.it.sample.CreatedEventsMdb}, a message-driven bean on the connector's inbound side, counts the
 * objects created under {@code in/} of bucket {@value net.aisj.it.sample.CreatedEventsMdb#BUCKET}. Packed into a
 * WAR by {@code JcaSampleServer} from the test classes and deployed on a real Payara Server; not run in the test
 * JVM.
 */
package net.aisj.it.sample;
