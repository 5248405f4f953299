/**
 * In-container tests (Arquillian on a real Payara Micro): the wiring that only a container gives, the JCA resource
 * adapter reached through a connection factory, CDI application scope, the managed executor jobs run on.
 */
package net.aisj.container;
