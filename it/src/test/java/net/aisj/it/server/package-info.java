/**
 * Black-box test of the EAR ({@code ais-ear}) on a full Payara Server: a throw-away domain bound to loopback, the EAR
 * deployed with {@code asadmin}, the native API driven over HTTP.
 */
package net.aisj.it.server;
