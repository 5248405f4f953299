/**
 * The inbound side: object events from the targets' event journals ({@code GET /v1/events} on each target of the
 * cluster map) delivered to message-driven beans implementing {@link net.aisj.jca.ObjectEventListener}. One
 * {@link net.aisj.jca.inbound.EventPump} per activation runs as long-lived Work; its position in every target's
 * journal is kept in a file ({@link net.aisj.jca.inbound.Positions}) and saved only after the events before it were
 * delivered, so delivery is at least once and resumes where it stopped after a restart of either side.
 */
package net.aisj.jca.inbound;
