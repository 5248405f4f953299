/**
 * The node's object events: {@link net.aisj.service.events.ObjectEvents} records every object this node creates or
 * deletes as its owner in the engine's durable event journal, and reads them back filtered (bucket, prefix) for
 * {@code GET /v1/events}, which the JCA connector's inbound side polls on every target.
 */
package net.aisj.service.events;
