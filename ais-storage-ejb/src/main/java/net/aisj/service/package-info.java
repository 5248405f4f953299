/**
 * The node's services (EJB/CDI): configuration, start-up, buckets and objects. Transports call exactly one
 * service method per request and map its result; errors are {@link net.aisj.core.AisException}.
 */
package net.aisj.service;
